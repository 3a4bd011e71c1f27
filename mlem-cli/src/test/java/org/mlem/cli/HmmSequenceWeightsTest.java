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
 * {@code fit hmm --weights}: one frequency weight per sequence, by its law: integer weights equal
 * repeated sequences (oracle: the file with each sequence written w times under new ids, fitted
 * from the same given start; the same log-likelihood and parameters to 1e-9 relative). A weight
 * that changes within a sequence is one line at its cell.
 */
class HmmSequenceWeightsTest {
    private static final String DISCOVERIES = "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv";

    @TempDir
    Path dir;

    @Test
    void integerSequenceWeightsEqualRepeatedSequences() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DISCOVERIES));
        int[] weight = {1, 2, 0, 3};
        List<String> weighted = new ArrayList<>(List.of("id,count,w"));
        List<String> repeated = new ArrayList<>(List.of("id,count"));
        for (int s = 0; s < 4; s++) {
            List<String> steps = lines.subList(1 + 25 * s, 1 + 25 * (s + 1));
            for (String step : steps) {
                weighted.add("s" + s + "," + step.split(",")[1] + "," + weight[s]);
            }
            for (int r = 0; r < weight[s]; r++) {
                for (String step : steps) {
                    repeated.add("s" + s + "r" + r + "," + step.split(",")[1]);
                }
            }
        }
        Path wf = dir.resolve("weighted.csv");
        Path rf = dir.resolve("repeated.csv");
        Files.write(wf, weighted);
        Files.write(rf, repeated);
        Path start = dir.resolve("start.json");
        assertThat(Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--sequence", "id", "--max-iter", "2",
                "--out", start.toString(), rf.toString()).status()).isZero();
        JsonNode a = json(Cli.run("fit", "hmm", "--init", start.toString(), "--sequence", "id", "--weights", "w", "--json",
                wf.toString()));
        JsonNode b = json(Cli.run("fit", "hmm", "--init", start.toString(), "--sequence", "id", "--json", rf.toString()));
        double ll = b.get("logLikelihood").asDouble();
        assertThat(a.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
        for (int j = 0; j < 2; j++) {
            double lambda = b.get("emissions").get(j).get("lambda").asDouble();
            assertThat(a.get("emissions").get(j).get("lambda").asDouble()).isCloseTo(lambda, within(1e-7 * lambda));
        }
    }

    @Test
    void aWeightChangingWithinASequenceIsOneLine() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.write(f, List.of("id,count,w", "a,1,1", "a,2,1", "a,3,2", "b,4,1", "b,5,1"));
        BadInputTest.assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--sequence", "id",
                "--weights", "w", f.toString()), f + ":4:", "one weight per", "sequence");
    }
}
