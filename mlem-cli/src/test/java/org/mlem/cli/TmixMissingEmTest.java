package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;

/**
 * {@code fit tmix --missing em} end to end on a CSV with empty cells (Old Faithful with outliers
 * and about 12% of cells emptied, examples/faithful_holes.csv). Oracles: the library's fit of the
 * same rows, bit for bit; on complete data the option changes nothing (bit for bit).
 */
class TmixMissingEmTest {
    private static final String HOLES = "../examples/faithful_holes.csv";
    private static final String COMPLETE = "../examples/faithful_outliers.csv";

    @Test
    void fitsAroundEmptyCellsAsTheLibraryDoes() throws IOException {
        JsonNode fit = json(Cli.run("fit", "tmix", "--k", "2", "--missing", "em", "--json", HOLES));
        DataMatrix x = Fixtures.csv("data/faithful_outliers_holes.csv");
        MixtureFit<TMixture> lib = TMixtureEstimator.of(2).withMissingEm(true).fit(x, 0);
        assertThat(fit.get("missing").asText()).isEqualTo("em");
        assertThat(fit.get("n").asInt()).isEqualTo(x.rows());
        assertThat(fit.get("logLikelihood").asDouble()).isEqualTo(lib.logLikelihood());
        assertThat(fit.get("df").get(0).asDouble()).isEqualTo(lib.model().degreesOfFreedom()[0]);
        assertThat(fit.get("degenerateComponents")).isEmpty();
        assertThat(Cli.run("fit", "tmix", "--k", "2", "--missing", "em", HOLES).out()).contains("degrees of freedom");
    }

    @Test
    void completeDataAreFittedAsWithoutTheOption() throws IOException {
        JsonNode plain = json(Cli.run("fit", "tmix", "--k", "2", "--json", COMPLETE));
        JsonNode em = json(Cli.run("fit", "tmix", "--k", "2", "--missing", "em", "--json", COMPLETE));
        for (String field : new String[] {"weights", "means", "scales", "df", "logLikelihood", "trace"}) {
            assertThat(em.get(field).toString()).as(field).isEqualTo(plain.get(field).toString());
        }
    }

    @Test
    void anEmptyCellIsAnErrorWithoutTheOptionAndTheOptionRefusesDropMissing() {
        BadInputTest.assertUserError(Cli.run("fit", "tmix", "--k", "2", HOLES), HOLES + ":8:1: ", "missing value",
                "--drop-missing");
        BadInputTest.assertUserError(Cli.run("fit", "tmix", "--k", "2", "--missing", "em", "--drop-missing", HOLES), "",
                "contradict");
        BadInputTest.assertUserError(Cli.run("fit", "tmix", "--k", "2", "--missing", "maybe", HOLES), "", "em or error");
    }
}
