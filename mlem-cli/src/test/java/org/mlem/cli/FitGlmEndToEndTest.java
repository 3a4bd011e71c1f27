package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlem.formula.DesignSpec;
import org.mlem.glm.Coefficient;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.Link;
import org.mlem.io.ModelJson;
import org.mlem.testkit.Fixtures;

/**
 * {@code mlem fit glm} end to end on R's data sets (mlem-core's fixtures). Oracles: (1) the library's
 * own fit of the same file through {@link GlmEstimator}: the same computation, so equal to 1e-12
 * relative; (2) R 4.2's {@code glm}/{@code MASS::glm.nb} (tools/reference/glm.R), 1e-6 relative as in
 * mlem-core's GlmAgreesWithRTest; (3) R's printed {@code summary()} of mtcars and warpbreaks (R 4.2,
 * lines copied from its output) for the layout.
 */
class FitGlmEndToEndTest {
    private static final double R_TOL = 1e-6;
    private static final double SAME = 1e-12;

    @TempDir
    Path dir;


    private static void close(double actual, double expected, double rtol, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(rtol * Math.max(Math.abs(expected), 1e-3)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "glm_binomial_mtcars, mtcars, ''",
        "glm_probit_mtcars, mtcars, ''",
        "glm_poisson_warpbreaks, warpbreaks, ''",
        "glm_aliased_mtcars, mtcars, ''",
        "glm_gamma_clotting, clotting, ''",
        "glm_negbin_quine, quine, ''",
        "glm_weights_budworm, budworm, total",
    })
    void jsonEqualsTheLibraryFitAndR(String fixture, String data, String weights) throws IOException {
        JsonNode r = Fixtures.json("r/glm/" + fixture + ".json");
        String csv = Resources.copy(dir, "/fixtures/r/glm/" + data + ".csv");
        List<String> args = new ArrayList<>(List.of("fit", "glm", "--json", "--family", r.get("family").asText(),
                "--link", r.get("link").asText(), "--formula", r.get("formula").asText()));
        DesignSpec spec = DesignSpec.DEFAULTS;
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("levels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> order = new ArrayList<>();
            e.getValue().forEach(v -> order.add(v.asText()));
            args.add("--levels");
            args.add(e.getKey() + "=" + String.join(",", order));
            spec = spec.withLevels(e.getKey(), order);
        }
        if (!weights.isEmpty()) {
            args.addAll(List.of("--weights", weights));
            spec = spec.withWeights(weights);
        }
        args.add(csv);
        JsonNode j = json(Cli.run(args.toArray(String[]::new)));

        GlmFit lib = new GlmEstimator(Family.byName(r.get("family").asText()), Link.byName(r.get("link").asText()), null)
                .fit(r.get("formula").asText(), Resources.frame(csv), spec);
        assertThat(j.get("model").asText()).isEqualTo("glm");
        assertThat(j.get("n").asInt()).isEqualTo(lib.rows());
        assertThat(j.get("dfResidual").asInt()).isEqualTo(r.get("dfResidual").asInt()).isEqualTo(lib.dfResidual());
        assertThat(j.get("iterations").asInt()).isEqualTo(lib.iterations());
        assertThat(j.get("converged").asBoolean()).isTrue();
        List<String> terms = new ArrayList<>();
        j.get("coefficients").fieldNames().forEachRemaining(terms::add);
        List<String> rTerms = new ArrayList<>();
        r.get("coefficients").fieldNames().forEachRemaining(rTerms::add);
        assertThat(terms).isEqualTo(rTerms);
        for (Coefficient c : lib.coefficients()) {
            JsonNode est = j.get("coefficients").get(c.term());
            if (c.aliased()) {
                assertThat(est.isNull()).as(c.term() + " aliased: null").isTrue();
                assertThat(r.get("coefficients").get(c.term()).isNull()).isTrue();
                continue;
            }
            close(est.asDouble(), c.estimate(), SAME, c.term());
            close(j.get("standardErrors").get(c.term()).asDouble(), c.standardError(), SAME, c.term() + " se");
            close(est.asDouble(), r.get("coefficients").get(c.term()).asDouble(), R_TOL, c.term() + " vs R");
            close(j.get("standardErrors").get(c.term()).asDouble(), r.get("standardErrors").get(c.term()).asDouble(), R_TOL,
                    c.term() + " se vs R");
            close(j.get("pValues").get(c.term()).asDouble(), r.get("pValues").get(c.term()).asDouble(), R_TOL, c.term() + " p vs R");
        }
        for (String f : List.of("deviance", "nullDeviance", "dispersion", "logLikelihood", "aic", "bic")) {
            close(j.get(f).asDouble(), r.get(f).asDouble(), R_TOL, f + " vs R");
        }
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood(), SAME, "logLikelihood");
        assertThat(j.get("nParameters").asInt()).isEqualTo(r.get("df").asInt());
        if (r.has("theta")) {
            close(j.get("theta").asDouble(), r.get("theta").asDouble(), R_TOL, "theta vs R");
        }
    }

    /** Oracle: R 4.2's print of summary(glm(am ~ hp + wt, binomial, mtcars)), line for line where the layouts meet. */
    @Test
    void summaryHasRsLinesForMtcarsBinomial() {
        String csv = Resources.copy(dir, "/fixtures/r/glm/mtcars.csv");
        Cli.Run r = Cli.run("fit", "glm", "--family", "binomial", "--formula", "am ~ hp + wt", csv);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains(String.join(System.lineSeparator(),
                "Deviance Residuals: ",
                "    Min       1Q   Median       3Q      Max",
                "-2.2537  -0.1568  -0.0168   0.1543   1.3449",
                "",
                "Coefficients:",
                "            Estimate Std. Error z value Pr(>|z|)",
                "(Intercept) 18.86630    7.44356   2.535  0.01126 *",
                "hp           0.03626    0.01773   2.044  0.04091 *",
                "wt          -8.08348    3.06868  -2.634  0.00843 **",
                "---",
                "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
                "",
                "(Dispersion parameter for binomial family taken to be 1)",
                "",
                "    Null deviance: 43.230  on 31  degrees of freedom",
                "Residual deviance: 10.059  on 29  degrees of freedom",
                "AIC: 16.059",
                "",
                "Number of Fisher Scoring iterations: 8"));
    }

    /** Oracle: R 4.2's print of summary(glm(breaks ~ wool + tension, poisson, warpbreaks)) and of the aliased fit. */
    @Test
    void summaryHasRsLinesForWarpbreaksPoissonAndAliasing() {
        String warp = Resources.copy(dir, "/fixtures/r/glm/warpbreaks.csv");
        Cli.Run r = Cli.run("fit", "glm", "--family", "poisson", "--formula", "breaks ~ wool + tension",
                "--levels", "tension=H,L,M", warp);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains(String.join(System.lineSeparator(),
                "(Intercept)  3.17347    0.05567  57.002  < 2e-16 ***",
                "woolB       -0.20599    0.05157  -3.994 6.49e-05 ***",
                "tensionL     0.51849    0.06396   8.107 5.21e-16 ***",
                "tensionM     0.19717    0.06833   2.885  0.00391 **"))
                .contains("    Null deviance: 297.37  on 53  degrees of freedom")
                .contains("AIC: 493.06");

        String mtcars = Resources.copy(dir, "/fixtures/r/glm/mtcars.csv");
        Cli.Run a = Cli.run("fit", "glm", "--family", "gaussian", "--formula", "mpg ~ wt + wt2", mtcars);
        assertThat(a.out()).contains("Coefficients: (1 not defined because of singularities)")
                .contains("wt2               NA         NA      NA       NA")
                .contains("(Dispersion parameter for gaussian family taken to be 9.277398)")
                .contains("Residual deviance:  278.32  on 30  degrees of freedom");
    }

    /** Perfect separation is a result with R's warning, in the summary and in JSON, exit 0. */
    @Test
    void separationIsAWarningNotACrash() throws IOException {
        Path f = dir.resolve("sep.csv");
        Files.writeString(f, "y,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n");
        Cli.Run s = Cli.run("fit", "glm", "--family", "binomial", "--formula", "y ~ x", f.toString());
        assertThat(s.status()).isZero();
        assertThat(s.out()).contains("Warning:").contains("fitted probabilities numerically 0 or 1 occurred");
        JsonNode j = json(Cli.run("fit", "glm", "--json", "--family", "binomial", "--formula", "y ~ x", f.toString()));
        assertThat(j.get("warnings").toString()).contains("fitted probabilities numerically 0 or 1 occurred");
        // the fitted probabilities are ~0 and ~1, so the deviance is ~0 (the MLE does not exist)
        assertThat(j.get("deviance").asDouble()).isLessThan(1e-6);
    }

    /** Too few iterations: converged false and the warning, exit 0. */
    @Test
    void nonConvergenceIsAWarningNotACrash() throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/glm/mtcars.csv");
        JsonNode j = json(Cli.run("fit", "glm", "--json", "--max-iter", "3", "--family", "binomial", "--formula",
                "am ~ hp + wt", csv));
        assertThat(j.get("converged").asBoolean()).isFalse();
        assertThat(j.get("iterations").asInt()).isEqualTo(3);
        assertThat(j.get("warnings").toString()).contains("IRLS did not converge in 3 iterations");
        Cli.Run s = Cli.run("fit", "glm", "--max-iter", "3", "--family", "binomial", "--formula", "am ~ hp + wt", csv);
        assertThat(s.out()).contains("converged       NO").contains("IRLS did not converge in 3 iterations");
    }

    /** --out writes the JSON --json prints (less timings); --plot writes a 1400×600 PNG; a numeric column in --levels is a factor. */
    @Test
    void outPlotAndNumericFactor() throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/glm/mtcars.csv");
        Path out = dir.resolve("m.json");
        Path png = dir.resolve("m.png");
        Cli.Run r = Cli.run("fit", "glm", "--family", "gaussian", "--formula", "mpg ~ cyl + wt", "--levels", "cyl=4,6,8",
                "--out", out.toString(), "--plot", png.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = ModelJson.mapper().readTree(out.toFile());
        assertThat(j.get("coefficients").has("cyl6")).isTrue();
        assertThat(j.get("coefficients").has("cyl8")).isTrue();
        // oracle: the same model with the text column cyl_f (levels c4, c6, c8) has the same estimates
        JsonNode t = json(Cli.run("fit", "glm", "--json", "--family", "gaussian", "--formula", "mpg ~ cyl_f + wt", csv));
        close(j.get("coefficients").get("cyl8").asDouble(), t.get("coefficients").get("cyl_fc8").asDouble(), SAME, "cyl8");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    /** --drop-missing drops and counts rows with a missing cell in a used column only. */
    @Test
    void dropMissingCountsRows() throws IOException {
        Path f = dir.resolve("na.csv");
        Files.writeString(f, "y,x,unused\n1,1,NA\n3,2,1\nNA,3,1\n2,4,1\n5,5,1\n4,6,1\n");
        JsonNode j = json(Cli.run("fit", "glm", "--json", "--drop-missing", "--family", "poisson", "--formula", "y ~ x",
                f.toString()));
        assertThat(j.get("n").asInt()).isEqualTo(5);
        Cli.Run r = Cli.run("fit", "glm", "--drop-missing", "--family", "poisson", "--formula", "y ~ x", f.toString());
        assertThat(r.err()).contains("dropped 1 of 6 rows with a missing cell");
        // without --drop-missing: the first missing cell of a used column (row order, then formula order), at its place
        BadInputTest.assertUserError(Cli.run("fit", "glm", "--family", "poisson", "--formula", "y ~ x", f.toString()),
                f + ":4:1: ", "missing value (empty, NA or NaN) in column 'y'", "--drop-missing");
    }

    /** Standard input ({@code -}) and a gzipped file give the same coefficients as the plain file (same bytes in). */
    @Test
    void stdinAndGzipReadTheSameData() throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/glm/warpbreaks.csv");
        byte[] bytes = Files.readAllBytes(Path.of(csv));
        Path gz = dir.resolve("w.csv.gz");
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        String[] head = {"fit", "glm", "--json", "--family", "negbin", "--formula", "breaks ~ wool * tension"};
        JsonNode plain = json(Cli.run(concat(head, csv)));
        JsonNode zipped = json(Cli.run(concat(head, gz.toString())));
        JsonNode piped = json(Cli.runWithBytes(bytes, concat(head, "-")));
        assertThat(zipped.get("coefficients")).isEqualTo(plain.get("coefficients"));
        assertThat(piped.get("coefficients")).isEqualTo(plain.get("coefficients"));
        assertThat(piped.get("theta")).isEqualTo(plain.get("theta"));
    }

    private static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }
}
