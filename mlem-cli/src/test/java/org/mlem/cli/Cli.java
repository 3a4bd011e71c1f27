package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlem.io.ModelJson;

/** Runs {@code mlem} through its real entry point with captured streams. */
final class Cli {
    private Cli() {}

    record Run(int status, String out, String err) {
        /** Standard error's lines. */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    static Run run(String... args) {
        return runWithInput("", args);
    }

    static Run runWithInput(String stdin, String... args) {
        return runWithBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Run runWithBytes(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} to {@code dir/name} and returns the file's path. */
    static String file(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    /** Model file {@code model} without its field {@code field} (as an older mlem wrote it), at {@code dir/name}. */
    static Path withoutField(Path model, String field, Path dir, String name) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) ModelJson.mapper().readTree(model.toFile());
        root.remove(field);
        Path p = dir.resolve(name);
        Files.writeString(p, ModelJson.toJson(root));
        return p;
    }

    /** Standard output parsed as JSON, after checking that the exit status is 0 (standard error as the reason). */
    static JsonNode json(Run r) throws IOException {
        assertThat(r.status()).as(r.err()).isZero();
        return ModelJson.mapper().readTree(r.out());
    }
}
