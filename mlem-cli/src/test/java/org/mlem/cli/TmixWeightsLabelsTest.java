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
 * {@code fit tmix --weights} and {@code --labels}, by their laws. Integer frequency weights equal
 * repeated rows (oracle: the fit to the file with each row written w times; the same maximum, to
 * 1e-8 relative). Every row labelled splits the fit into one t distribution per class (oracle:
 * {@code fit tmix --k 1} on each class's rows; the mixture's log-likelihood is their sum plus
 * Σ n_j log(n_j / n), and each component's location is its class's, to 1e-6).
 */
class TmixWeightsLabelsTest {
    @TempDir
    Path dir;

    private static List<String> faithful() throws IOException {
        return Files.readAllLines(Path.of("../examples/faithful.csv"));
    }

    @Test
    void integerWeightsEqualRepeatedRows() throws IOException {
        List<String> rows = faithful();
        List<String> weighted = new ArrayList<>(List.of(rows.get(0) + ",w"));
        List<String> repeated = new ArrayList<>(List.of(rows.get(0)));
        for (int i = 1; i < rows.size(); i++) {
            int w = i % 3 == 0 ? 2 : i % 7 == 0 ? 0 : 1;
            weighted.add(rows.get(i) + "," + w);
            for (int r = 0; r < w; r++) {
                repeated.add(rows.get(i));
            }
        }
        Path wf = dir.resolve("weighted.csv");
        Path rf = dir.resolve("repeated.csv");
        Files.write(wf, weighted);
        Files.write(rf, repeated);
        JsonNode a = json(Cli.run("fit", "tmix", "--k", "2", "--weights", "w", "--json", wf.toString()));
        JsonNode b = json(Cli.run("fit", "tmix", "--k", "2", "--json", rf.toString()));
        double ll = b.get("logLikelihood").asDouble();
        assertThat(a.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-8 * Math.abs(ll)));
        assertThat(a.get("columns").toString()).isEqualTo("[\"eruptions\",\"waiting\"]");
    }

    @Test
    void everyRowLabelledIsOneTPerClass() throws IOException {
        List<String> rows = faithful();
        List<String> labelled = new ArrayList<>(List.of(rows.get(0) + ",c"));
        List<List<String>> classes = List.of(new ArrayList<>(List.of(rows.get(0))), new ArrayList<>(List.of(rows.get(0))));
        for (String row : rows.subList(1, rows.size())) {
            int c = Double.parseDouble(row.split(",")[0]) > 3 ? 1 : 0;
            labelled.add(row + "," + c);
            classes.get(c).add(row);
        }
        Path lf = dir.resolve("labelled.csv");
        Files.write(lf, labelled);
        JsonNode mix = json(Cli.run("fit", "tmix", "--k", "2", "--labels", "c", "--json", lf.toString()));
        double n = rows.size() - 1;
        double expected = 0;
        for (int c = 0; c < 2; c++) {
            Path cf = dir.resolve("class" + c + ".csv");
            Files.write(cf, classes.get(c));
            JsonNode one = json(Cli.run("fit", "tmix", "--k", "1", "--json", cf.toString()));
            double nc = classes.get(c).size() - 1;
            expected += one.get("logLikelihood").asDouble() + nc * Math.log(nc / n);
            for (int a = 0; a < 2; a++) {
                assertThat(mix.get("means").get(c).get(a).asDouble())
                        .isCloseTo(one.get("means").get(0).get(a).asDouble(), within(1e-6));
            }
        }
        assertThat(mix.get("logLikelihood").asDouble()).isCloseTo(expected, within(1e-6));
    }
}
