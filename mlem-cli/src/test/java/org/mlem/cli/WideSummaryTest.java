package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text summary of a diagonal fit of many columns (issue 12): it built a d×d matrix for every
 * variance shown, d³ work, so 3 rows × 5,000 columns ran past two minutes while the JSON took a
 * second. With 1,000 columns (several seconds before) the summary must list every variance.
 */
class WideSummaryTest {
    @TempDir
    Path dir;

    /**
     * Oracle: the JSON of the same fit; each summary row shows the variance to six significant
     * digits (tolerance 5e-6 relative).
     */
    @Test
    void diagonalSummaryOfAThousandColumnsListsEveryVariance() throws IOException {
        int d = 1000;
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < d; a++) {
            sb.append(a == 0 ? "" : ",").append('c').append(a);
        }
        sb.append('\n');
        for (int i = 0; i < 3; i++) {
            for (int a = 0; a < d; a++) {
                sb.append(a == 0 ? "" : ",").append(1 + a % 7 + rng.nextDouble());
            }
            sb.append('\n');
        }
        String f = Cli.file(dir, "wide.csv", sb.toString());
        JsonNode variances = json(Cli.run("fit", "gmm", "--k", "1", "--covariance", "diag", "--json", f))
                .get("covariances").get(0);
        Cli.Run r = Cli.run("fit", "gmm", "--k", "1", "--covariance", "diag", f);
        assertThat(r.status()).as(r.err()).isZero();
        String[] varianceRows = Arrays.stream(r.out().split("\\R")).filter(l -> l.startsWith("variance ")).toArray(String[]::new);
        assertThat(varianceRows).hasSize(d);
        for (int a : new int[] {0, 1, 500, d - 1}) {
            String[] cells = varianceRows[a].trim().split("\\s+");
            assertThat(cells[1]).isEqualTo("c" + a);
            double expected = variances.get(a).asDouble();
            assertThat(Double.parseDouble(cells[2])).isCloseTo(expected, within(5e-6 * expected));
        }
    }
}
