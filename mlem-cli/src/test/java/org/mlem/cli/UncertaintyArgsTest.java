package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --standard-errors louis} and {@code --bootstrap B --seed S} on every latent-model fit, as
 * {@code fit gmm} writes them: {@code standardErrorMethod}, {@code standardErrors} (one per
 * parameter, named as the model's layout names them), and for the bootstrap {@code intervals}
 * ({@code [lower, upper]} around the estimate) and {@code bootstrap} (kind, replicates,
 * confidence, failures). The values themselves are the library's, tested in mlem-core.
 */
class UncertaintyArgsTest {
    static final String EXAMPLES = "../examples/";

    /** Each command's arguments, and a parameter name its layout must produce. */
    static Stream<Arguments> fits() {
        return Stream.of(
                Arguments.of("tmix", List.of("--k", "2", EXAMPLES + "faithful_outliers.csv"), "scale[0][eruptions,waiting]"),
                Arguments.of("mixture", List.of("--family", "poisson", "--k", "2", "--column", "breaks",
                        EXAMPLES + "warpbreaks.csv"), "lambda[1][breaks]"),
                Arguments.of("regmix", List.of("--k", "2", "--formula", "mpg ~ hp", "--n-init", "3", EXAMPLES + "mtcars.csv"),
                        "coef[1][hp]"),
                Arguments.of("mvn", List.of(EXAMPLES + "airquality.csv"), "cov[Ozone,Wind]"));
    }

    static Cli.Run fit(String model, List<String> args, String... extra) {
        List<String> all = new ArrayList<>(List.of("fit", model));
        all.addAll(List.of(extra));
        all.addAll(args);
        return Cli.run(all.toArray(String[]::new));
    }

    @ParameterizedTest(name = "fit {0}")
    @MethodSource("fits")
    void louisWritesTheStandardErrors(String model, List<String> args, String name) throws IOException {
        JsonNode j = Cli.json(fit(model, args, "--standard-errors", "louis", "--json"));
        assertThat(j.get("standardErrorMethod").asText()).isEqualTo("louis");
        JsonNode se = j.get("standardErrors");
        assertThat(se.has(name)).as("%s in %s", name, se).isTrue();
        assertThat(se.get(name).asDouble()).isPositive();
        assertThat(j.has("intervals")).isFalse();
        Cli.Run text = fit(model, args, "--standard-errors", "louis");
        assertThat(text.out()).contains("Standard errors from the observed information", name);
    }

    @ParameterizedTest(name = "fit {0}")
    @MethodSource("fits")
    void bootstrapWritesStandardErrorsAndIntervals(String model, List<String> args, String name) throws IOException {
        JsonNode j = Cli.json(fit(model, args, "--bootstrap", "20", "--seed", "1", "--json"));
        assertBootstrap(j, name, 20);
    }

    /** The HMM: sequences drawn from the example model, resampled whole; louis by Lystig and Hughes' recursions. */
    @Test
    void hmmBootstrapsSequencesAndTakesLouis(@TempDir Path dir) throws IOException {
        Cli.Run days = Cli.run("sample", EXAMPLES + "hmm-weather.json", "--lengths", "80,80,80,80", "--seed", "1");
        assertThat(days.status()).as(days.err()).isZero();
        String file = Cli.file(dir, "days.csv", days.out());
        List<String> args = List.of("--states", "2", "--emission", "gaussian", "--sequence", "sequence", file);
        for (String kind : new String[] {"nonparametric", "parametric"}) {
            JsonNode j = Cli.json(fit("hmm", args, "--bootstrap", "20", "--seed", "1", "--bootstrap-kind", kind, "--json"));
            assertBootstrap(j, "transition[0][1]", 20);
            assertThat(j.get("bootstrap").get("kind").asText()).isEqualTo(kind);
        }
        JsonNode louis = Cli.json(fit("hmm", args, "--standard-errors", "louis", "--json"));
        assertThat(louis.get("standardErrorMethod").asText()).isEqualTo("louis");
        assertThat(louis.get("standardErrors").get("transition[0][1]").asDouble()).isPositive();
        Cli.Run categorical = fit("hmm", List.of("--states", "2", "--emission", "categorical", "--columns", "cyl",
                EXAMPLES + "mtcars.csv"), "--standard-errors", "louis");
        assertThat(categorical.status()).isEqualTo(2);
        assertThat(categorical.errLines()).hasSize(1);
        assertThat(categorical.err()).contains("--bootstrap");
        Cli.Run one = fit("hmm", List.of("--states", "2", "--emission", "poisson", "--columns", "breaks",
                EXAMPLES + "warpbreaks.csv"), "--bootstrap", "5");
        assertThat(one.status()).isEqualTo(2);
        assertThat(one.errLines()).hasSize(1);
        assertThat(one.err()).contains("parametric");
    }

    /** Law: the same seed gives the same standard errors on 1 and 2 threads, through the command line too. */
    @Test
    void bootstrapDoesNotDependOnThreads() throws IOException {
        List<String> args = List.of(EXAMPLES + "airquality.csv");
        JsonNode one = Cli.json(fit("mvn", args, "--bootstrap", "10", "--seed", "3", "--threads", "1", "--json"));
        JsonNode two = Cli.json(fit("mvn", args, "--bootstrap", "10", "--seed", "3", "--threads", "2", "--json"));
        assertThat(two.get("standardErrors")).isEqualTo(one.get("standardErrors"));
        assertThat(two.get("intervals")).isEqualTo(one.get("intervals"));
    }

    @Test
    void impossibleCombinationsAreOneLine() {
        Cli.Run lca = Cli.run("fit", "mixture", "--family", "categorical", "--k", "2", "--column", "cyl",
                "--standard-errors", "louis", EXAMPLES + "mtcars.csv");
        assertThat(lca.status()).isEqualTo(2);
        assertThat(lca.errLines()).hasSize(1);
        assertThat(lca.err()).contains("--bootstrap");
        Cli.Run both = Cli.run("fit", "tmix", "--k", "2", "--bootstrap", "5", "--standard-errors", "louis",
                EXAMPLES + "faithful_outliers.csv");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.errLines()).hasSize(1);
    }

    /**
     * {@code --fixed}: the held parameters are known, so Louis gives them no standard error ("fixed"
     * in the table, null in {@code standardErrors}, listed in {@code fixedParameters}) and the rest
     * come from the information without them (the law in mlem-core's EmKindsLawsTest).
     */
    @Test
    void louisHoldsTheFixedGroups(@TempDir Path dir) throws IOException {
        String start = dir.resolve("start.json").toString();
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", start, EXAMPLES + "faithful.csv").status()).isZero();
        JsonNode j = Cli.json(fit("gmm", List.of("--init", start, EXAMPLES + "faithful.csv"), "--fixed", "weights",
                "--standard-errors", "louis", "--json"));
        assertThat(j.get("fixedParameters").toString()).isEqualTo("[\"weight[0]\",\"weight[1]\"]");
        assertThat(j.get("standardErrors").get("weight[1]").isNull()).isTrue();
        assertThat(j.get("standardErrors").get("mean[1][waiting]").asDouble()).isPositive();
        Cli.Run text = fit("gmm", List.of("--init", start, EXAMPLES + "faithful.csv"), "--fixed", "weights",
                "--standard-errors", "louis");
        assertThat(text.out()).containsPattern("weight\\[0\\] +[0-9.]+ +fixed");
        String regmix = dir.resolve("regmix.json").toString();
        List<String> args = List.of("--k", "2", "--formula", "mpg ~ hp", "--n-init", "3", EXAMPLES + "mtcars.csv");
        assertThat(fit("regmix", args, "--out", regmix).status()).isZero();
        JsonNode r = Cli.json(fit("regmix", List.of("--formula", "mpg ~ hp", "--init", regmix, EXAMPLES + "mtcars.csv"),
                "--fixed", "coefficients:0", "--standard-errors", "louis", "--json"));
        assertThat(r.get("standardErrors").get("coef[0][hp]").isNull()).isTrue();
        assertThat(r.get("standardErrors").get("coef[1][hp]").asDouble()).isPositive();
        assertThat(r.get("standardErrors").get("sd[0]").asDouble()).isPositive();
    }

    /**
     * {@code --labels} on every row: Louis gives the complete data's standard errors. Oracle: the
     * closed forms from the labelled rows, sqrt(s²/n_j) for a mean and sqrt(2 s⁴/n_j) for a
     * variance (s² the class's MLE variance), sqrt(π(1 − π)/n) for a weight; 1e-9 relative.
     */
    @Test
    void louisWithEveryRowLabelledIsTheCompleteDataInformation(@TempDir Path dir) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of(EXAMPLES + "faithful.csv"));
        StringBuilder csv = new StringBuilder("eruptions,waiting,z\n");
        List<Double> waiting = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            boolean first = Double.parseDouble(c[0]) > 3;
            csv.append(line).append(first ? ",0\n" : ",1\n");
            if (first) {
                waiting.add(Double.parseDouble(c[1]));
            }
        }
        String file = Cli.file(dir, "labelled.csv", csv.toString());
        JsonNode se = Cli.json(fit("gmm", List.of("--k", "2", "--labels", "z", "--reg-covar", "0", "--columns",
                "eruptions,waiting", file), "--standard-errors", "louis", "--json")).get("standardErrors");
        int n = lines.size() - 1;
        int n0 = waiting.size();
        double mean = waiting.stream().mapToDouble(Double::doubleValue).sum() / n0;
        double var = waiting.stream().mapToDouble(w -> (w - mean) * (w - mean)).sum() / n0;
        double pi = (double) n0 / n;
        assertThat(se.get("mean[0][waiting]").asDouble()).isCloseTo(Math.sqrt(var / n0), within(1e-9 * Math.sqrt(var / n0)));
        assertThat(se.get("cov[0][waiting,waiting]").asDouble()).isCloseTo(Math.sqrt(2 * var * var / n0),
                within(1e-9 * Math.sqrt(2 * var * var / n0)));
        assertThat(se.get("weight[0]").asDouble()).isCloseTo(Math.sqrt(pi * (1 - pi) / n), within(1e-9));
    }

    /**
     * {@code fit gmm|tmix|hmm --missing em}: Louis (Lystig–Hughes for the HMM) from the observed
     * cells' marginal densities (each tested against the numerical Hessian of the observed-data
     * log-likelihood in mlem-core: LouisInformationTest, EmKindsLawsTest's louis law with holes,
     * HmmUncertaintyTest).
     */
    @Test
    void louisTakesMissingCells() throws IOException {
        louisWithHoles(List.of("gmm", "--k", "2"), "cov[1][eruptions,waiting]", "weight[1]");
        louisWithHoles(List.of("tmix", "--k", "2"), "scale[1][eruptions,waiting]", "mean[0][waiting]");
        louisWithHoles(List.of("hmm", "--states", "2", "--emission", "gaussian"), "covariance[1][eruptions,waiting]",
                "transition[0][1]");
    }

    private static void louisWithHoles(List<String> model, String... positive) throws IOException {
        JsonNode j = Cli.json(fit(model.get(0), List.of(EXAMPLES + "faithful_holes.csv"), java.util.stream.Stream.concat(
                model.stream().skip(1), java.util.stream.Stream.of("--missing", "em", "--standard-errors", "louis", "--json"))
                .toArray(String[]::new)));
        for (String name : positive) {
            assertThat(j.get("standardErrors").get(name).asDouble()).as("%s of %s", name, model).isPositive();
        }
    }

    private static void assertBootstrap(JsonNode j, String name, int replicates) {
        assertThat(j.get("standardErrorMethod").asText()).isEqualTo("bootstrap");
        JsonNode info = j.get("bootstrap");
        assertThat(info.get("replicates").asInt() + info.get("failures").size()).isEqualTo(replicates);
        assertThat(info.get("confidence").asDouble()).isCloseTo(0.95, within(1e-12));
        JsonNode se = j.get("standardErrors");
        assertThat(se.has(name)).as("%s in %s", name, se).isTrue();
        assertThat(se.get(name).asDouble()).isPositive();
        JsonNode intervals = j.get("intervals");
        assertThat(intervals.size()).isEqualTo(se.size());
        for (Iterator<String> it = intervals.fieldNames(); it.hasNext(); ) {
            String p = it.next();
            assertThat(intervals.get(p).get(0).asDouble()).as(p).isLessThanOrEqualTo(intervals.get(p).get(1).asDouble());
        }
    }
}
