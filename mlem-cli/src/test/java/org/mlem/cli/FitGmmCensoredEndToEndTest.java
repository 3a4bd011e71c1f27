package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * {@code fit gmm} with censored cells end to end. Oracle: the numpy EM of mlem-core's
 * CensoredGmmTest (tools/reference/censored_gmm_numpy.py, iris with petal width ≤ 0.2, sepal length
 * ≥ 7.0 and petal length in (4.0, 4.5]), from the same start given as a model file, run to numpy's
 * iteration count: log-likelihood to {@link Tolerances#EXTERNAL} 1e-8 relative, means to 1e-7.
 * The three options state those cells as a user would: two numeric limits and a pair of bound
 * columns. Bad input exits 2 with one line.
 */
class FitGmmCensoredEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void detectionLimitsAgreeWithTheNumpyEm() throws IOException {
        JsonNode fx = Fixtures.json("censgmm/iris_diag.json");
        JsonNode conv = fx.get("after").get("converged");
        String data = Cli.file(dir, "iris.csv", irisWithBounds(dir));
        JsonNode s = fx.get("start");
        String start = Cli.file(dir, "start.json", "{\"model\": \"gmm\", \"k\": 3, \"covariance\": \"diag\", \"weights\": "
                + s.get("weights") + ", \"means\": " + s.get("means") + ", \"covariances\": " + s.get("covariances") + "}");
        Cli.Run r = Cli.run("fit", "gmm", "--censored-below", "petal_width=0.2", "--censored-above", "sepal_length=7",
                "--censored-interval", "petal_length=pl_lo,pl_hi", "--init", start, "--tol", "0", "--acceleration", "none",
                "--max-iter", conv.get("iterations").asText(), "--json", data);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = json(r);
        assertThat(j.get("columns")).hasSize(4); // the bound columns are not modelled
        assertThat(Tolerances.relativeError(j.get("logLikelihood").asDouble(), conv.get("logLikelihood").asDouble(), 0))
                .isLessThan(Tolerances.EXTERNAL);
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < 4; a++) {
                assertThat(Tolerances.relativeError(j.get("means").get(c).get(a).asDouble(),
                        conv.get("means").get(c).get(a).asDouble(), 1e-9)).isLessThan(1e-7);
            }
        }
        JsonNode cens = j.get("censoring");
        assertThat(cens.get("left").asInt()).isEqualTo(count(fx, Double.NEGATIVE_INFINITY, false));
        assertThat(cens.get("right").asInt()).isEqualTo(count(fx, Double.POSITIVE_INFINITY, true));
        assertThat(cens.get("left").asInt() + cens.get("right").asInt() + cens.get("interval").asInt())
                .isEqualTo(count(fx, Double.NaN, false));
        assertThat(cens.get("options")).hasSize(3);
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        String data = Cli.file(dir, "b.csv", "x,y,lo,hi\n1,2,,\n0.5,3,0,1\n2,1,,\n3,0.4,,\n1.5,2,2,3\n4,4,,\n");
        expect(dir, "no column 'z'", "--k", "1", "--columns", "x,y", "--censored-below", "z=1", data);
        expect(dir, "column 'lo' is not one the model uses", "--k", "1", "--columns", "x,y", "--censored-below", "lo=1", data);
        expect(dir, "b.csv:6:", "--k", "1", "--columns", "x,y", "--censored-interval", "x=lo,hi", data); // 1.5 outside [2, 3]
        expect(dir, "lies outside its own censoring interval", "--k", "1", "--columns", "x,y", "--censored-interval",
                "x=lo,hi", data);
        expect(dir, "do not combine with --missing em", "--k", "1", "--columns", "x,y", "--censored-below", "x=1",
                "--missing", "em", data);
        expect(dir, "is not COL=LIMIT", "--k", "1", "--columns", "x,y", "--censored-below", "x", data);
        expect(dir, "--censored-cdf-error sets the precision", "--k", "1", "--columns", "x,y", "--censored-cdf-error",
                "1e-5", data);
        expect(dir, "relative error must be in (0, 0.1]", "--k", "1", "--columns", "x,y", "--censored-below", "x=0.5",
                "--censored-cdf-error", "2", data);
        // rows 2 and 5 have both cells censored: a full covariance takes them together (a bivariate normal box)
        Cli.Run full = Cli.run("fit", "gmm", "--k", "1", "--columns", "x,y", "--censored-below", "x=0.5",
                "--censored-above", "y=3", data);
        assertThat(full.status()).as(full.err()).isZero();
        String swapped = Cli.file(dir, "s.csv", "x,y,lo,hi\n1,2,,\n0.5,3,1,0\n2,1,,\n3,0.4,,\n");
        expect(dir, "exceeds upper bound", "--k", "1", "--columns", "x,y", "--censored-interval", "x=lo,hi", swapped);
        // a diagonal model takes them
        Cli.Run ok = Cli.run("fit", "gmm", "--k", "1", "--columns", "x,y", "--covariance", "diag", "--censored-below",
                "x=0.5", "--censored-above", "y=3", data);
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("censored cells  1 left-censored, 2 right-censored, 0 interval-censored");
    }

    private static void expect(Path dir, String message, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "fit";
        all[1] = "gmm";
        System.arraycopy(args, 0, all, 2, args.length);
        Cli.Run r = Cli.run(all);
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(message);
    }

    /** Cells whose bound equals {@code bound} (NaN: every censored cell), in the lower or upper bounds. */
    private static int count(JsonNode fx, double bound, boolean upper) {
        int n = 0;
        for (JsonNode row : fx.get(upper ? "upper" : "lower")) {
            for (JsonNode cell : row) {
                if (cell.isNull()) {
                    continue;
                }
                double v = cell.isTextual() ? Double.parseDouble(cell.asText()) : cell.asDouble();
                n += Double.isNaN(bound) || v == bound ? 1 : 0;
            }
        }
        return n;
    }

    /** iris with columns pl_lo, pl_hi = 4.0, 4.5 where the petal length is in (4.0, 4.5], else empty. */
    private static String irisWithBounds(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        String[] lines = java.nio.file.Files.readString(Path.of(Resources.copy(dir, "/fixtures/data/iris.csv"))).strip()
                .split("\n");
        out.append(lines[0].strip()).append(",pl_lo,pl_hi\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            double pl = Double.parseDouble(line.split(",")[2]);
            out.append(line).append(pl > 4.0 && pl <= 4.5 ? ",4.0,4.5" : ",,").append('\n');
        }
        return out.toString().replace("\r", "").toLowerCase(Locale.ROOT);
    }
}
