package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit mvn --weights}, by its law: integer frequency weights equal repeated rows, with and
 * without missing cells (oracle: the file with each row written w times; the normal's likelihood has
 * one maximum, so the same log-likelihood to 1e-9 relative and the same mean to 1e-6).
 */
class MvnWeightsTest {
    private static final String DIABETES = "../mlem-core/src/test/resources/fixtures/realdata/diabetes.csv";

    @TempDir
    Path dir;

    @Test
    void integerWeightsEqualRepeatedRowsWithHoles() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DIABETES));
        List<String> weighted = new ArrayList<>(List.of(lines.get(0) + ",w"));
        List<String> repeated = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String row = lines.get(i);
            if (i % 9 == 0) {
                row = row.replaceFirst(",[^,]*,", ",,"); // a missing middle cell
            }
            int w = i % 4 == 0 ? 3 : i % 11 == 0 ? 0 : 1;
            weighted.add(row + "," + w);
            for (int r = 0; r < w; r++) {
                repeated.add(row);
            }
        }
        Path wf = dir.resolve("weighted.csv");
        Path rf = dir.resolve("repeated.csv");
        Files.write(wf, weighted);
        Files.write(rf, repeated);
        JsonNode a = json(Cli.run("fit", "mvn", "--weights", "w", "--json", wf.toString()));
        JsonNode b = json(Cli.run("fit", "mvn", "--json", rf.toString()));
        double ll = b.get("logLikelihood").asDouble();
        assertThat(a.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
        for (int c = 0; c < 3; c++) {
            double m = b.get("mean").get(c).asDouble();
            assertThat(a.get("mean").get(c).asDouble()).isCloseTo(m, within(1e-6 * Math.abs(m)));
        }
        assertThat(a.get("columns").toString()).isEqualTo(b.get("columns").toString());
    }
}
