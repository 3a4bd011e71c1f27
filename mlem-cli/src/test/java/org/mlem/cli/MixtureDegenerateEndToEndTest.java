package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit mixture} names a component that holds one row, in its JSON and its summary. Oracle: the
 * construction: 60 counts between 0 and 9 and one count of 500, three Poisson components.
 */
class MixtureDegenerateEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aOneRowComponentIsNamedInJsonAndSummary() throws IOException {
        StringBuilder sb = new StringBuilder("count\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i % 10).append('\n');
        }
        sb.append("500\n");
        Path f = dir.resolve("counts.csv");
        Files.writeString(f, sb.toString());
        JsonNode j = Cli.json(
                Cli.run("fit", "mixture", "--family", "poisson", "--k", "3", "--json", f.toString()));
        JsonNode d = j.get("degenerateComponents");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).get("reasons").get(0).asText()).isEqualTo("few-points");
        assertThat(d.get(0).get("effectiveCount").asDouble()).isBetween(0.999, 1.001);
        assertThat(d.get(0).get("smallestVariance").isNull()).isTrue();
        Cli.Run summary = Cli.run("fit", "mixture", "--family", "poisson", "--k", "3", f.toString());
        assertThat(summary.status()).isZero();
        assertThat(summary.out()).contains("warning: 1 degenerate component").contains("fewer than the 2");
    }
}
