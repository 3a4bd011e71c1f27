package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --acceleration} on every EM fit, by its law: from the same start, SQUAREM ends no lower
 * than plain EM (less the stopping rule's tolerance, max(1e-6, 1e-8·|ℓ|)), and the JSON says which
 * ran. An unknown name is one line.
 */
class AccelerationEveryModelTest {
    private static final String FAITHFUL = "../examples/faithful.csv";
    private static final String DISCOVERIES = "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv";
    private static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";

    private static String[] command(String model) {
        return switch (model) {
            case "gmm" -> new String[] {"fit", "gmm", "--k", "2", FAITHFUL};
            case "tmix" -> new String[] {"fit", "tmix", "--k", "2", FAITHFUL};
            case "mixture" -> new String[] {"fit", "mixture", "--k", "2", "--family", "poisson", "--column", "count", DISCOVERIES};
            case "regmix" -> new String[] {"fit", "regmix", "--k", "2", "--formula", "yn ~ x", NPREG};
            case "hmm" -> new String[] {"fit", "hmm", "--states", "2", "--emission", "poisson", "--columns", "count", DISCOVERIES};
            default -> throw new IllegalArgumentException(model);
        };
    }

    private static JsonNode fit(String model, String acceleration) throws IOException {
        List<String> args = new ArrayList<>(List.of(command(model)));
        args.addAll(args.size() - 1, List.of("--acceleration", acceleration, "--json"));
        return json(Cli.run(args.toArray(String[]::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm", "tmix", "mixture", "regmix", "hmm"})
    void squaremEndsNoLowerThanPlainEm(String model) throws IOException {
        JsonNode plain = fit(model, "none");
        JsonNode squarem = fit(model, "squarem");
        assertThat(plain.get("acceleration").asText()).isEqualTo("none");
        assertThat(squarem.get("acceleration").asText()).isEqualTo("squarem");
        double ll = plain.get("logLikelihood").asDouble();
        assertThat(squarem.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(ll - Math.max(1e-6, 1e-8 * Math.abs(ll)));
        List<String> bad = new ArrayList<>(List.of(command(model)));
        bad.addAll(bad.size() - 1, List.of("--acceleration", "warp"));
        BadInputTest.assertUserError(Cli.run(bad.toArray(String[]::new)), "fit " + model + ": ", "--acceleration 'warp'");
    }
}
