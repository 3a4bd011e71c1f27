package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mclust's covariance models through {@code Main} on Old Faithful: {@code fit gmm --covariance
 * EEV} etc. writes the model and {@code mclustModel}; the model file reads back, and {@code score}'s
 * total equals the fit's log-likelihood (1e-8 relative: the file's decimal digits); predict and
 * sample run; {@code select gmm --covariance all} fits all fourteen; a name mclust does not have
 * is a one-line user error listing them. Oracles: the contract's parameter count (k−1 + k·d +
 * mclust's nVarParams) and identities between commands.
 */
class MclustModelsEndToEndTest {
    private static final String FAITHFUL = "../examples/faithful.csv";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"EII", "EEI", "VEI", "EVI", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV"})
    void fitWritesTheModelAndItReadsBack(String name) throws java.io.IOException {
        Path model = dir.resolve(name + ".json");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--covariance", name.toLowerCase(java.util.Locale.ROOT),
                "--json", "--out", model.toString(), FAITHFUL));
        assertThat(j.get("covariance").asText()).isEqualTo(name);
        assertThat(j.get("mclustModel").asText()).isEqualTo(name);
        int[] varParams = {1, 2, 3, 3, 4, 4, 5, 4, 5, 5}; // nVarParams(name, d = 2, G = 2), in the order above
        int idx = List.of("EII", "EEI", "VEI", "EVI", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV").indexOf(name);
        assertThat(j.get("nParameters").asInt()).isEqualTo(1 + 2 * 2 + varParams[idx]);
        double ll = j.get("logLikelihood").asDouble();
        Cli.Run total = Cli.run("score", "--total", model.toString(), FAITHFUL);
        assertThat(total.status()).as(total.err()).isZero();
        assertThat(Double.parseDouble(total.out().strip())).isCloseTo(ll, within(1e-8 * Math.abs(ll)));
        Cli.Run predict = Cli.run("predict", model.toString(), FAITHFUL);
        assertThat(predict.status()).as(predict.err()).isZero();
        assertThat(predict.out().split("\\R")).hasSize(273);
        Cli.Run sample = Cli.run("sample", model.toString(), "--n", "5", "--seed", "1");
        assertThat(sample.status()).as(sample.err()).isZero();
        assertThat(sample.out().split("\\R")).hasSize(6);
    }

    @Test
    void anUnknownModelIsOneLineListingTheFourteen() {
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--covariance", "XVV", FAITHFUL);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        for (String m : List.of("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV",
                "VVV")) {
            assertThat(r.err()).contains(m);
        }
    }

    @Test
    void louisStandardErrorsRefuseAConstrainedModelInOneLine() {
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--covariance", "EEV", "--standard-errors", "louis", FAITHFUL);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--bootstrap");
    }

    @Test
    void selectAllFitsEveryModel() throws java.io.IOException {
        JsonNode j = json(Cli.run("select", "gmm", "--k", "2", "--covariance", "all", "--json", FAITHFUL));
        Set<String> models = new HashSet<>();
        for (JsonNode c : j.get("candidates")) {
            models.add(c.get("mclustModel").asText());
        }
        assertThat(models).containsExactlyInAnyOrder("VVV", "EEE", "VVI", "VII", "EII", "EEI", "VEI", "EVI", "VEE", "EVE",
                "VVE", "EEV", "VEV", "EVV");
    }
}
