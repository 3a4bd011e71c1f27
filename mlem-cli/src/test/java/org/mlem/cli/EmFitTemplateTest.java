package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EM fits share one template ({@link EmFitCommand}): every one takes the shared options, and
 * writes the shared JSON fields with the values the run used; a capability a model cannot take is
 * refused in one line that says why.
 */
class EmFitTemplateTest {
    private static final String FAITHFUL = "../examples/faithful.csv";
    private static final String DISCOVERIES = "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv";
    private static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";

    @TempDir
    Path dir;

    private static List<String> command(String model) {
        return new ArrayList<>(switch (model) {
            case "gmm" -> List.of("fit", "gmm", "--k", "2", FAITHFUL);
            case "tmix" -> List.of("fit", "tmix", "--k", "2", FAITHFUL);
            case "mixture" -> List.of("fit", "mixture", "--k", "2", "--family", "poisson", "--column", "count", DISCOVERIES);
            case "regmix" -> List.of("fit", "regmix", "--k", "2", "--formula", "yn ~ x", NPREG);
            case "hmm" -> List.of("fit", "hmm", "--states", "2", "--emission", "poisson", "--columns", "count", DISCOVERIES);
            default -> throw new IllegalArgumentException(model);
        });
    }

    private static Cli.Run run(String model, String... more) {
        List<String> args = command(model);
        args.addAll(args.size() - 1, List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm", "tmix", "mixture", "regmix", "hmm"})
    void everyEmFitWritesTheSharedFieldsAsRun(String model) throws IOException {
        JsonNode j = json(run(model, "--seed", "7", "--n-init", "2", "--tol", "1e-9", "--acceleration", "none", "--json"));
        assertThat(j.get("model").asText()).isEqualTo(model);
        assertThat(j.get("seed").asLong()).isEqualTo(7);
        assertThat(j.get("nInit").asInt()).isEqualTo(2);
        assertThat(j.get("tol").asDouble()).isEqualTo(1e-9);
        assertThat(j.get("acceleration").asText()).isEqualTo("none");
        assertThat(j.get("convergence").asText()).isEqualTo("aitken");
        assertThat(j.get("fixed").isArray()).isTrue();
        assertThat(j.get("fixed")).isEmpty();
        assertThat(j.get("degenerateComponents").isArray()).isTrue();
        assertThat(j.get("startLogLikelihoods")).hasSize(2);
        JsonNode trace = j.get("trace");
        assertThat(trace.get(trace.size() - 1).asDouble()).isEqualTo(j.get("logLikelihood").asDouble());
        assertThat(j.get("iterations").asInt()).isEqualTo(trace.size() - 1);
    }

    /**
     * The JSON's {@code iterations} count as its {@code trace} does (one entry more, the start)
     * under SQUAREM too, whose rejected extrapolations used to be counted as iterations (an HMM
     * fit reported 48 with a trace of 24 steps); with several starts they are the chosen one's,
     * with labels and with missing cells as well. Faithful with holes gives SQUAREM rejections.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gmm", "tmix", "mixture", "regmix", "hmm"})
    void iterationsCountAsTheTraceDoesUnderSquarem(String model) throws IOException {
        for (String[] more : List.of(new String[] {"--acceleration", "squarem"}, new String[] {"--n-init", "3"},
                new String[] {"--acceleration", "none", "--n-init", "2"})) {
            JsonNode j = json(run(model, Stream.concat(Stream.of(more), Stream.of("--json")).toArray(String[]::new)));
            assertThat(j.get("iterations").asInt()).as(model + " " + String.join(" ", more))
                    .isEqualTo(j.get("trace").size() - 1);
        }
        if (!model.equals("regmix")) {
            List<String> args = new ArrayList<>(List.of("fit", model));
            args.addAll(switch (model) {
                case "gmm", "tmix" -> List.of("--k", "2");
                case "mixture" -> List.of("--k", "2", "--family", "normal");
                default -> List.of("--states", "2", "--emission", "gaussian");
            });
            args.addAll(List.of("--missing", "em", "--seed", "1", "--json", "../examples/faithful_holes.csv"));
            JsonNode j = json(Cli.run(args.toArray(String[]::new)));
            assertThat(j.get("acceleration").asText()).isEqualTo("squarem");
            assertThat(j.get("iterations").asInt()).as(model + " --missing em").isEqualTo(j.get("trace").size() - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm", "tmix", "mixture", "regmix", "hmm"})
    void everyEmFitListsTheSharedOptions(String model) {
        Cli.Run help = Cli.run("fit", model, "--help");
        assertThat(help.status()).isZero();
        for (String option : List.of("--weights", "--labels", "--missing", "--init", "--fixed", "--n-init", "--seed",
                "--convergence", "--tol", "--max-iter", "--acceleration", "--threads", "--out", "--json", "--plot",
                "--trace", "--columns", "--drop-missing")) {
            assertThat(help.out()).as(model + " " + option).containsPattern("\\[" + option + "[=\\]]");
        }
    }

    @Test
    void regmixRefusesMissingEmSayingWhy() {
        BadInputTest.assertUserError(run("regmix", "--missing", "em"), "fit regmix: ",
                "--missing em is not available for fit regmix", "covariates and response", "--drop-missing");
    }

    @Test
    void missingTakesOnlyEmOrError() {
        BadInputTest.assertUserError(run("gmm", "--missing", "guess"), "fit gmm: ", "--missing 'guess' is not em or error");
    }

    @Test
    void hmmStatesColumnIsLabels() throws IOException {
        String csv = Cli.file(dir, "steps.csv", "x,known\n0.1,0\n0.2,\n5.1,1\n5.3,\n0.0,\n5.2,\n0.3,0\n4.9,\n");
        JsonNode a = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--columns", "x",
                "--labels", "known", "--json", csv));
        JsonNode b = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--columns", "x",
                "--states-column", "known", "--json", csv));
        assertThat(b.get("logLikelihood").asDouble()).isEqualTo(a.get("logLikelihood").asDouble());
        assertThat(b.get("statesColumn").asText()).isEqualTo("known");
        BadInputTest.assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--columns", "x",
                "--labels", "known", "--states-column", "x", csv), "fit hmm: ", "same option");
    }
}
