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
