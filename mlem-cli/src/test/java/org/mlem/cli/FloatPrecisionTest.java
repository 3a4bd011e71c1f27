package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.io.ModelJson;
import org.mlem.testkit.Mixtures;

/** {@code mlem fit gmm --precision float}: float storage and float E-step distances. */
class FloatPrecisionTest {
    @TempDir
    Path dir;

    /**
     * Oracle: the same fit with {@code --precision double} (3,000 rows of 6 overlapping columns,
     * k = 3, 30 plain EM iterations from the same k-means++ start). Rounding the data and the
     * E-step's distances to float moves the log-likelihood by about 5e-9 relative; the tolerance
     * is 1e-6 relative. The JSON says which precision ran.
     */
    @Test
    void floatFitReportsALogLikelihoodWithinAMillionthOfTheDoubleFit() throws IOException {
        DataMatrix x = Mixtures.blobs(3_000, 6, 3, 4);
        StringBuilder sb = new StringBuilder("a,b,c,d,e,f\n");
        for (int i = 0; i < x.rows(); i++) {
            for (int a = 0; a < x.cols(); a++) {
                sb.append(a == 0 ? "" : ",").append(x.get(i, a));
            }
            sb.append('\n');
        }
        Path csv = dir.resolve("blobs.csv");
        Files.writeString(csv, sb);
        for (String covariance : new String[] {"full", "tied"}) {
            String[] args = {"fit", "gmm", "--k", "3", "--covariance", covariance, "--acceleration", "none", "--tol",
                "0", "--max-iter", "30", "--json", "--precision"};
            JsonNode dbl = json(Cli.run(concat(args, "double", csv.toString())));
            JsonNode flt = json(Cli.run(concat(args, "float", csv.toString())));
            double want = dbl.get("logLikelihood").asDouble();
            double got = flt.get("logLikelihood").asDouble();
            assertThat(Math.abs(got - want) / Math.abs(want)).as(covariance).isLessThan(1e-6);
            assertThat(flt.path("precision").asText()).isEqualTo("float");
            assertThat(dbl.has("precision")).isFalse();
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

}
