package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --response}: a regression mixture's predicted response from the covariates alone
 * (the rows need no response column); refused in one line for other kinds.
 */
class PredictResponseTest {
    private static final String KINDS = "../mlem-core/src/test/resources/fixtures/kinds/";

    @TempDir
    Path dir;

    @Test
    void regmixPredictsItsResponseFromCovariatesAlone() throws IOException {
        String covariates = Cli.file(dir, "wt.csv", "wt\n2.62\n3.44\n5.25\n");
        Cli.Run r = Cli.run("predict", "--response", KINDS + "regmix.json", covariates);
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("fit,fit0,fit1");
        assertThat(lines).hasSize(4);
        Cli.Run withResponse = Cli.run("predict", "--response", KINDS + "regmix.json", KINDS + "regmix.csv");
        assertThat(withResponse.out().split("\n")[1]).isEqualTo(lines[1]);
    }

    @Test
    void otherKindsRefuseResponse() {
        BadInputTest.assertUserError(Cli.run("predict", "--response", KINDS + "gmm.json", KINDS + "gmm.csv"),
                "predict: ", "--response applies to a regression mixture");
    }
}
