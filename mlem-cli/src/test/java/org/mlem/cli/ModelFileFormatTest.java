package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.io.ModelJson;

/**
 * Model files written by --out compare byte for byte between runs with the same seed (no timings;
 * before, their seconds differed on every run), carry formatVersion 1, and a newer version is
 * refused while a file without one is read as version 1.
 */
class ModelFileFormatTest {
    @TempDir
    Path dir;

    private String faithful() throws IOException {
        return FitMvnTmixEndToEndTest.copyFixture(dir, "faithful.csv");
    }

    /** Runs {@code args --out name data}. */
    private Path fit(String name, String data, String... args) {
        Path out = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), data));
        Cli.Run r = Cli.run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    @Test
    void twoFitsWithTheSameSeedWriteIdenticalFilesWhateverTheThreads() throws IOException {
        String data = faithful();
        Path a = fit("a.json", data, "fit", "gmm", "--k", "3", "--n-init", "3", "--seed", "7", "--threads", "1");
        Path b = fit("b.json", data, "fit", "gmm", "--k", "3", "--n-init", "3", "--seed", "7", "--threads", "4");
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        Path c = fit("c.json", data, "fit", "hmm", "--states", "2", "--emission", "gaussian", "--seed", "7");
        Path d = fit("d.json", data, "fit", "hmm", "--states", "2", "--emission", "gaussian", "--seed", "7");
        assertThat(Files.mismatch(c, d)).isEqualTo(-1L);
        Path e = fit("e.json", data, "fit", "dist", "--family", "gamma", "--column", "waiting");
        Path f = fit("f.json", data, "fit", "dist", "--family", "gamma", "--column", "waiting");
        assertThat(Files.mismatch(e, f)).isEqualTo(-1L);
    }

    @Test
    void theModelFileHasTheVersionAndNoTimingsWhileJsonKeepsThem() throws IOException {
        String data = faithful();
        Path out = dir.resolve("m.json");
        JsonNode printed = Cli.json(Cli.run("fit", "gmm", "--k", "2", "--json", "--out", out.toString(), data));
        JsonNode file = ModelJson.mapper().readTree(out.toFile());
        assertThat(file.fieldNames().next()).isEqualTo("formatVersion");
        assertThat(file.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(file.has("seconds")).isFalse();
        assertThat(printed.has("seconds")).isTrue();
        ((ObjectNode) printed).remove("seconds");
        ((ObjectNode) file).remove("formatVersion");
        assertThat(file).isEqualTo(printed);
    }

    @Test
    void aNewerVersionIsRefusedAndAnUnversionedFileIsVersionOne() throws IOException {
        String data = faithful();
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", model.toString(), data).status()).isZero();
        ObjectNode node = (ObjectNode) ModelJson.mapper().readTree(model.toFile());
        node.put("formatVersion", 2);
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, ModelJson.toJson(node));
        BadInputTest.assertUserError(Cli.run("predict", newer.toString(), data), newer + ": ", "format version 2",
                "upgrade mlem");
        BadInputTest.assertUserError(Cli.run("fit", "gmm", "--init", newer.toString(), data), newer + ": ",
                "format version 2");
        node.remove("formatVersion");
        Path older = dir.resolve("older.json");
        Files.writeString(older, ModelJson.toJson(node));
        Cli.Run r = Cli.run("score", "--total", older.toString(), data);
        assertThat(r.status()).as(r.err()).isZero();
    }
}
