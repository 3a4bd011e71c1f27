package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bootstrap B} with {@code --concomitant} through {@code Main}: rows resampled with their
 * covariates, each replicate the concomitant EM from the fit. Data: 400 rows drawn here (seed 15)
 * from two well-separated normals (means 0 and 4, sd 1) whose weights follow
 * logit P(component 1) = 0.3 + z, z standard normal, so the observed information is reliable.
 * Oracle: the model-based standard errors of the same fit ({@code --standard-errors louis}, the
 * observed information by Louis' identity); with B = 60 replicates a bootstrap SE has about
 * 1/sqrt(2B) = 9% relative sampling error, so each of the 6 parameters' SEs must agree to 35%
 * relative (close to 4 of those sampling errors). Same seed, same bits on 1 and 2 threads. Bad
 * input: one line, exit 2.
 */
class ConcomitantBootstrapTest {
    @TempDir
    Path dir;

    @Test
    void bootstrapAgreesWithTheObservedInformationOnAnyThreadCount() throws IOException {
        Path csv = data();
        String[] fit = {"fit", "gmm", "--k", "2", "--columns", "x", "--concomitant", "~ z", "--seed", "3", "--json"};
        // two means, two variances, (Intercept) and z of component 1's logit
        agree(json(Cli.run(with(fit, "--standard-errors", "louis", csv.toString()))), fit, csv, 6);
    }

    /**
     * The same for a mixture of regressions ({@code fit regmix}): 400 rows drawn here (seed 16),
     * y = 1 + 2x + N(0, 0.5²) in component 0 and y = 5 − x + N(0, 0.5²) in component 1, x uniform
     * on (0, 4), logit P(component 1) = 0.3 + z. Rows are resampled with their regressor x and
     * covariate z together. Oracle and tolerance as above: the observed information's SEs of the
     * 8 parameters (two intercepts, two slopes, two sds, the logit's two), each within 35% (about
     * four sampling errors of a B = 60 bootstrap SE); same bits on 1 and 2 threads.
     */
    @Test
    void regressionMixtureBootstrapAgreesWithTheObservedInformation() throws IOException {
        SplittableRandom rng = new SplittableRandom(16);
        StringBuilder s = new StringBuilder("y,x,z\n");
        for (int i = 0; i < 400; i++) {
            double z = gaussian(rng);
            double x = 4 * rng.nextDouble();
            boolean second = rng.nextDouble() < 1 / (1 + Math.exp(-(0.3 + z)));
            double y = (second ? 5 - x : 1 + 2 * x) + 0.5 * gaussian(rng);
            s.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", y, x, z));
        }
        Path csv = dir.resolve("gated_regression.csv");
        Files.writeString(csv, s);
        String[] fit = {"fit", "regmix", "--k", "2", "--formula", "y ~ x", "--concomitant", "~ z", "--seed", "3", "--json"};
        agree(json(Cli.run(with(fit, "--standard-errors", "louis", csv.toString()))), fit, csv, 8);
    }

    /**
     * Runs {@code fit} with {@code --bootstrap 60} on 1 and 2 threads (same bits) and compares each
     * of the {@code parameters} SEs with {@code louis}' within 35%.
     */
    private static void agree(JsonNode louis, String[] fit, Path csv, int parameters) throws IOException {
        Cli.Run oneRun = Cli.run(with(fit, "--bootstrap", "60", "--threads", "1", csv.toString()));
        assertThat(oneRun.status()).as(oneRun.err()).isZero();
        JsonNode one = json(oneRun).get("concomitant");
        JsonNode two = json(Cli.run(with(fit, "--bootstrap", "60", "--threads", "2", csv.toString()))).get("concomitant");
        assertThat(two.get("allStandardErrors")).isEqualTo(one.get("allStandardErrors"));
        assertThat(two.get("intervals")).isEqualTo(one.get("intervals"));
        assertThat(one.get("bootstrap").get("replicates").asInt()).isEqualTo(60);
        assertThat(one.get("standardErrorMethod").asText()).startsWith("non-parametric bootstrap");
        JsonNode model = louis.get("concomitant").get("allStandardErrors");
        assertThat(model.size()).isEqualTo(parameters);
        int compared = 0;
        for (Iterator<String> it = model.fieldNames(); it.hasNext(); compared++) {
            String name = it.next();
            double want = model.get(name).asDouble();
            double got = one.get("allStandardErrors").get(name).asDouble();
            assertThat(Math.abs(got - want) / want).as(name + ": bootstrap " + got + ", louis " + want).isLessThan(0.35);
        }
        assertThat(compared).isEqualTo(one.get("allStandardErrors").size());
        assertThat(oneRun.out()).isNotEmpty();
    }

    @Test
    void badBootstrapsAreOneLine() throws IOException {
        Path csv = data();
        String[][] bad = {
            {"fit", "gmm", "--k", "2", "--columns", "x", "--concomitant", "~ z", "--bootstrap", "1", csv.toString()},
            {"fit", "gmm", "--k", "2", "--columns", "x", "--concomitant", "~ z", "--bootstrap", "5", "--bootstrap-kind",
                "parametric", csv.toString()},
        };
        String[] says = {"--bootstrap", "--bootstrap-kind parametric with --concomitant"};
        for (int c = 0; c < bad.length; c++) {
            Cli.Run r = Cli.run(bad[c]);
            assertThat(r.status()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains(says[c]);
        }
    }

    private Path data() throws IOException {
        SplittableRandom rng = new SplittableRandom(15);
        StringBuilder s = new StringBuilder("x,z\n");
        for (int i = 0; i < 400; i++) {
            double z = gaussian(rng);
            boolean second = rng.nextDouble() < 1 / (1 + Math.exp(-(0.3 + z)));
            s.append(String.format(Locale.ROOT, "%.6f,%.6f%n", (second ? 4 : 0) + gaussian(rng), z));
        }
        Path csv = dir.resolve("gated.csv");
        Files.writeString(csv, s);
        return csv;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static String[] with(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
