package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stopping rule as a user meets it: the default fit ends where EM run on from its end to
 * exhaustion ends (oracle: that run, {@code --tol 0}; bound max(1e-6, 1e-8 |ℓ|)), scikit-learn's rule by name
 * with scikit-learn's defaults, and a bad rule name.
 */
class ConvergenceEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void defaultTmixFitEndsAtTheMaximumOfItsStart() throws IOException {
        // README's example: with scikit-learn's rule it stopped at df 12.95, 0.55 below the maximum
        // The exhaustive run continues from where the default fit stopped (its model file as --init):
        // had the rule stopped short of the maximum, 1500 more iterations would climb past the bound.
        // (Running the ten starts again to exhaustion reached the same point for 3.5 times the CPU.)
        String data = FitMvnTmixEndToEndTest.copyFixture(dir, "faithful_outliers.csv");
        String model = dir.resolve("tmix.json").toString();
        JsonNode fit = Cli.json(Cli.run("fit", "tmix", "--k", "2", "--out", model, "--json", data));
        JsonNode full = Cli.json(Cli.run("fit", "tmix", "--init", model, "--n-init", "1", "--tol", "0", "--max-iter", "1500",
                "--json", data));
        assertThat(full.get("iterations").asInt()).isEqualTo(1500);
        double ll = fit.get("logLikelihood").asDouble();
        assertThat(fit.get("converged").asBoolean()).isTrue();
        assertThat(fit.get("convergence").asText()).isEqualTo("aitken");
        assertThat(fit.get("dfStep").asText()).isEqualTo("ecme");
        assertThat(Math.abs(ll - full.get("logLikelihood").asDouble())).isLessThanOrEqualTo(Math.max(1e-6, 1e-8 * Math.abs(ll)));
        assertThat(fit.get("logLikelihoodFalls")).isEmpty();
        for (int j = 0; j < 2; j++) {
            double df = fit.get("df").get(j).asDouble();
            assertThat(df).isCloseTo(full.get("df").get(j).asDouble(), org.assertj.core.data.Percentage.withPercentage(0.1));
        }
    }

    @Test
    void sklearnRuleTakesSklearnsDefaultsUnlessTolIsGiven() throws IOException {
        String data = FitMvnTmixEndToEndTest.copyFixture(dir, "faithful.csv");
        JsonNode sk = Cli.json(
                Cli.run("fit", "gmm", "--k", "2", "--convergence", "sklearn", "--json", data));
        assertThat(sk.get("convergence").asText()).isEqualTo("sklearn");
        assertThat(sk.get("tol").asDouble()).isEqualTo(1e-3);
        JsonNode tight = Cli.json(
                Cli.run("fit", "gmm", "--k", "2", "--convergence", "sklearn", "--tol", "1e-5", "--json", data));
        assertThat(tight.get("tol").asDouble()).isEqualTo(1e-5);
        JsonNode aitken = Cli.json(Cli.run("fit", "gmm", "--k", "2", "--json", data));
        assertThat(aitken.get("convergence").asText()).isEqualTo("aitken");
        assertThat(aitken.get("tol").asDouble()).isEqualTo(1e-10);
        // the default rule never stops lower than scikit-learn's from the same start
        assertThat(aitken.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(sk.get("logLikelihood").asDouble());
    }

    @Test
    void anUnknownRuleIsOneLineAndExitTwo() throws IOException {
        String data = FitMvnTmixEndToEndTest.copyFixture(dir, "faithful.csv");
        for (String command : new String[] {"gmm", "tmix", "mvn"}) {
            Cli.Run r = command.equals("mvn") ? Cli.run("fit", "mvn", "--convergence", "aitkin", data)
                    : Cli.run("fit", command, "--k", "2", "--convergence", "aitkin", data);
            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.errLines()).as(command).hasSize(1);
            assertThat(r.err()).contains("--convergence 'aitkin' is not aitken or sklearn");
        }
    }
}
