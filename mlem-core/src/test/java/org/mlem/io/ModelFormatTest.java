package org.mlem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;

/** Model files carry formatVersion 1 and no timings; older files (no version) read, newer ones are refused. */
class ModelFormatTest {
    @TempDir
    Path dir;

    @Test
    void aModelFileStartsWithItsVersionAndLeavesTheTimingsOut() throws IOException {
        ObjectNode result = ModelJson.mapper().createObjectNode().put("model", "gmm").put("n", 3);
        result.putObject("seconds").put("fit", 0.25);
        Path file = dir.resolve("m.json");
        ModelJson.write(result, file);
        var written = ModelJson.mapper().readTree(file.toFile());
        assertThat(List.of(written.fieldNames().next())).containsExactly("formatVersion");
        assertThat(written.get("formatVersion").asInt()).isEqualTo(ModelFormat.VERSION);
        assertThat(written.has("seconds")).isFalse();
        assertThat(result.has("seconds")).as("the result printed by --json keeps them").isTrue();
    }

    @Test
    void aFileWithoutAVersionIsVersionOne() throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"model\": \"gmm\"}");
        assertThat(ModelFormat.check(ModelJson.readTree(file), "old.json")).isEqualTo(1);
    }

    @Test
    void aNewerOrMalformedVersionIsRefusedWithTheFileNamed() throws IOException {
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"formatVersion\": 2, \"model\": \"gmm\"}");
        assertThatThrownBy(() -> ModelJson.readTree(newer)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("format version 2").hasMessageContaining("upgrade mlem")
                .satisfies(e -> assertThat(((MlemUserException) e).source()).isEqualTo(newer.toString()));
        Path text = dir.resolve("text.json");
        Files.writeString(text, "{\"formatVersion\": \"1\", \"model\": \"gmm\"}");
        assertThatThrownBy(() -> ModelJson.readTree(text)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("'formatVersion' must be a whole number");
    }
}
