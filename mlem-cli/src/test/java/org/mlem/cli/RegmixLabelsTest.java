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
 * {@code fit regmix --labels}, by its law: with every row's component known the fit is one
 * regression per class (oracle: {@code fit glm --family gaussian} on each class's rows; the same
 * coefficients to 1e-8, and the mixture's log-likelihood is their sum plus Σ n_j log(n_j / n)).
 * With some rows known, those rows keep their component.
 */
class RegmixLabelsTest {
    private static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";

    @TempDir
    Path dir;

    @Test
    void everyRowLabelledIsOneRegressionPerClass() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(NPREG));
        List<String> header = List.of(lines.get(0).split(","));
        int initAt = header.indexOf("init");
        List<String> labelled = new ArrayList<>(List.of(lines.get(0) + ",c"));
        List<List<String>> classes = List.of(new ArrayList<>(List.of(lines.get(0))), new ArrayList<>(List.of(lines.get(0))));
        for (String line : lines.subList(1, lines.size())) {
            int c = Integer.parseInt(line.split(",")[initAt]) - 1;
            labelled.add(line + "," + c);
            classes.get(c).add(line);
        }
        Path lf = dir.resolve("labelled.csv");
        Files.write(lf, labelled);
        JsonNode mix = json(Cli.run("fit", "regmix", "--k", "2", "--formula", "yn ~ x", "--labels", "c", "--json", lf.toString()));
        double n = lines.size() - 1;
        double expected = 0;
        for (int c = 0; c < 2; c++) {
            Path cf = dir.resolve("class" + c + ".csv");
            Files.write(cf, classes.get(c));
            JsonNode glm = json(Cli.run("fit", "glm", "--formula", "yn ~ x", "--family", "gaussian", "--json", cf.toString()));
            double nc = classes.get(c).size() - 1;
            expected += glm.get("logLikelihood").asDouble() + nc * Math.log(nc / n);
            for (String term : List.of("(Intercept)", "x")) {
                assertThat(mix.get("components").get(c).get("coefficients").get(term).asDouble()).as("class %d %s", c, term)
                        .isCloseTo(glm.get("coefficients").get(term).asDouble(), within(1e-8));
            }
        }
        assertThat(mix.get("logLikelihood").asDouble()).isCloseTo(expected, within(1e-8));
    }
}
