package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit mvn --init FILE.json} and {@code --fixed mean|covariance} end to end on airquality.
 * Oracles: from its own model file EM stays at the maximum (1e-9 relative); the held group is
 * written as read (the same JSON text); with the covariance held on complete rows the mean is the
 * column means (closed form, 1e-10 relative).
 */
class MvnInitFixedTest {
    private static final String AIR = "../examples/airquality.csv";

    @TempDir
    Path dir;

    @Test
    void startsFromAModelFileAndHoldsAGroup() throws IOException {
        String model = dir.resolve("air.json").toString();
        JsonNode first = json(Cli.run("fit", "mvn", "--out", model, "--json", AIR));
        JsonNode again = json(Cli.run("fit", "mvn", "--init", model, "--json", AIR));
        double ll = first.get("logLikelihood").asDouble();
        assertThat(again.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9 * Math.abs(ll)));

        JsonNode held = json(Cli.run("fit", "mvn", "--init", model, "--fixed", "covariance", "--drop-missing", "--json", AIR));
        assertThat(held.get("covariance").toString()).isEqualTo(first.get("covariance").toString());
        assertThat(held.get("fixed").toString()).isEqualTo("[\"covariance\"]");
        assertThat(held.get("nParameters").asInt()).isEqualTo(4);
        List<String> lines = Files.readAllLines(Path.of(AIR));
        double[] sum = new double[4];
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            boolean complete = true;
            for (int c = 0; c < 4; c++) {
                complete &= !cells[c].isEmpty() && !cells[c].equals("NA");
            }
            if (complete) {
                n++;
                for (int c = 0; c < 4; c++) {
                    sum[c] += Double.parseDouble(cells[c]);
                }
            }
        }
        for (int c = 0; c < 4; c++) {
            assertThat(held.get("mean").get(c).asDouble()).isCloseTo(sum[c] / n, within(1e-10 * Math.abs(sum[c] / n)));
        }
        JsonNode mean = json(Cli.run("fit", "mvn", "--init", model, "--fixed", "mean", "--json", AIR));
        assertThat(mean.get("mean").toString()).isEqualTo(first.get("mean").toString());
        assertThat(Cli.run("fit", "mvn", "--init", model, "--fixed", "mean", AIR).out()).contains("held fixed");
    }

    @Test
    void fixedNeedsAStartAndAKnownGroup() throws IOException {
        BadInputTest.assertUserError(Cli.run("fit", "mvn", "--fixed", "mean", AIR), "", "--init FILE.json");
        String model = dir.resolve("air.json").toString();
        Cli.run("fit", "mvn", "--out", model, AIR);
        BadInputTest.assertUserError(Cli.run("fit", "mvn", "--init", model, "--fixed", "means", AIR), "", "'means'",
                "mean, covariance");
    }
}
