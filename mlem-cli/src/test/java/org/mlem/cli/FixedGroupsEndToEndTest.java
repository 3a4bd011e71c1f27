package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit mixture --fixed} and {@code fit regmix --fixed}, by their law: the groups held keep
 * the starting model's values bit for bit (the JSON text of each is identical), the others move,
 * and the fit ends no lower than its start. Bad entries are one line.
 */
class FixedGroupsEndToEndTest {
    private static final String DISCOVERIES = "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv";
    private static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";

    @TempDir
    Path dir;

    @Test
    void mixtureHoldsTheWeightsAndOneComponent() throws IOException {
        Path start = dir.resolve("start.json");
        assertThat(Cli.run("fit", "mixture", "--k", "2", "--family", "poisson", "--column", "count", "--max-iter", "3",
                "--out", start.toString(), DISCOVERIES).status()).isZero();
        JsonNode s = json(Cli.run("fit", "mixture", "--init", start.toString(), "--column", "count", "--max-iter", "1",
                "--json", DISCOVERIES));
        JsonNode held = json(Cli.run("fit", "mixture", "--init", start.toString(), "--column", "count", "--fixed",
                "weights,component:1", "--json", DISCOVERIES));
        JsonNode init = org.mlem.io.ModelJson.readTree(start);
        assertThat(held.get("weights").toString()).isEqualTo(init.get("weights").toString());
        assertThat(held.get("components").get(1).toString()).isEqualTo(init.get("components").get(1).toString());
        assertThat(held.get("components").get(0).toString()).isNotEqualTo(init.get("components").get(0).toString());
        assertThat(held.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(s.get("trace").get(0).asDouble());
    }

    @Test
    void regressionMixtureHoldsCoefficientsAndSd() throws IOException {
        Path start = dir.resolve("start.json");
        assertThat(Cli.run("fit", "regmix", "--k", "2", "--formula", "yn ~ x", "--max-iter", "3", "--out", start.toString(),
                NPREG).status()).isZero();
        JsonNode held = json(Cli.run("fit", "regmix", "--init", start.toString(), "--fixed", "coefficients:0,sd", "--json",
                NPREG));
        JsonNode init = org.mlem.io.ModelJson.readTree(start);
        assertThat(held.get("components").get(0).toString()).isEqualTo(init.get("components").get(0).toString());
        assertThat(held.get("components").get(1).get("sd").toString()).isEqualTo(init.get("components").get(1).get("sd").toString());
        assertThat(held.get("components").get(1).get("coefficients").toString())
                .isNotEqualTo(init.get("components").get(1).get("coefficients").toString());
        assertThat(held.get("weights").toString()).isNotEqualTo(init.get("weights").toString());
    }

    @Test
    void badEntriesAreOneLine() {
        BadInputTest.assertUserError(Cli.run("fit", "regmix", "--k", "2", "--formula", "yn ~ x", "--fixed", "weights", NPREG),
                "fit regmix: ", "--fixed", "--init FILE.json");
        BadInputTest.assertUserError(Cli.run("fit", "mixture", "--k", "2", "--family", "poisson", "--column", "count",
                "--fixed", "means", DISCOVERIES), "fit mixture: ", "'means' is not a parameter group", "weights, components");
        BadInputTest.assertUserError(Cli.run("fit", "mixture", "--k", "2", "--family", "poisson", "--column", "count",
                "--fixed", "component:5", DISCOVERIES), "fit mixture: ", "component 5 is outside 0..1");
        // the fits that hold whole groups name their parameter enum's groups
        BadInputTest.assertUserError(Cli.run("fit", "gmm", "--k", "2", "--fixed", "sd", "../examples/faithful.csv"),
                "fit gmm: ", "'sd' is not a parameter group", "weights, means or covariances (comma-separated)");
        BadInputTest.assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--columns", "count",
                "--fixed", "trans", DISCOVERIES), "fit hmm: ", "'trans' is not a parameter group",
                "start, transitions or emissions (comma-separated)");
    }
}
