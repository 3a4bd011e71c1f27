package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --equal-proportions} through {@code Main} on Old Faithful: the weights are 1/k exactly, the
 * JSON says so and counts k−1 fewer parameters than the same fit without it (mclust's
 * {@code nMclustParams(equalPro = TRUE)}), the model file keeps the flag through a round trip
 * (score's total equals the fit's log-likelihood to 1e-8 relative; a refit from it keeps the
 * weights equal), {@code select gmm} counts the same, and Louis' standard errors refuse it in one
 * line. Oracles: the parameter count rule and identities between commands.
 */
class EqualProportionsEndToEndTest {
    private static final String FAITHFUL = "../examples/faithful.csv";

    @TempDir
    Path dir;

    @Test
    void fitHoldsTheWeightsAndTheModelFileKeepsTheFlag() throws java.io.IOException {
        Path model = dir.resolve("eq.json");
        JsonNode eq = json(Cli.run("fit", "gmm", "--k", "3", "--covariance", "VEV", "--equal-proportions", "--json",
                "--out", model.toString(), FAITHFUL));
        JsonNode free = json(Cli.run("fit", "gmm", "--k", "3", "--covariance", "VEV", "--json", FAITHFUL));
        assertThat(eq.get("equalProportions").asBoolean()).isTrue();
        assertThat(free.has("equalProportions")).isFalse();
        for (JsonNode w : eq.get("weights")) {
            assertThat(w.asDouble()).isEqualTo(1.0 / 3);
        }
        assertThat(eq.get("nParameters").asInt()).isEqualTo(free.get("nParameters").asInt() - 2);
        assertThat(Files.readString(model)).contains("\"equalProportions\" : true");
        double ll = eq.get("logLikelihood").asDouble();
        Cli.Run total = Cli.run("score", "--total", model.toString(), FAITHFUL);
        assertThat(total.status()).as(total.err()).isZero();
        assertThat(Double.parseDouble(total.out().strip())).isCloseTo(ll, within(1e-8 * Math.abs(ll)));
        JsonNode again = json(Cli.run("fit", "gmm", "--init", model.toString(), "--json", FAITHFUL));
        assertThat(again.get("equalProportions").asBoolean()).isTrue();
        assertThat(again.get("nParameters").asInt()).isEqualTo(eq.get("nParameters").asInt());
    }

    @Test
    void selectCountsKMinusOneFewer() throws java.io.IOException {
        JsonNode eq = json(Cli.run("select", "gmm", "--k", "1..3", "--covariance", "EEE,VVE", "--equal-proportions",
                "--json", FAITHFUL));
        JsonNode free = json(Cli.run("select", "gmm", "--k", "1..3", "--covariance", "EEE,VVE", "--json", FAITHFUL));
        assertThat(eq.get("equalProportions").asBoolean()).isTrue();
        for (int i = 0; i < eq.get("candidates").size(); i++) {
            JsonNode c = eq.get("candidates").get(i);
            assertThat(c.get("nParameters").asInt()).as(c.toString())
                    .isEqualTo(free.get("candidates").get(i).get("nParameters").asInt() - (c.get("k").asInt() - 1));
        }
    }

    @Test
    void louisStandardErrorsRefuseEqualProportionsInOneLine() {
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--equal-proportions", "--standard-errors", "louis", FAITHFUL);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--bootstrap");
    }
}
