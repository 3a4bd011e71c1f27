package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.cli.plot.RegmixPlot;
import org.mlem.formula.BasisCoefs;
import org.mlem.formula.Frame;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedRegmix;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegressionMixture;

/**
 * A regression mixture's model file keeps its formula's data-dependent bases (an orthogonal
 * {@code poly}'s coefficients, an {@code ns}'s knots) as a GLM file does, and codes new rows with
 * them. Two fits on NPreg (200 rows, k = 2): gaussian {@code yn ~ poly(x, 2)}, Poisson
 * {@code yp ~ ns(x, 3)}. Oracles: on the fitted rows, the fit's own log-likelihood ({@code score
 * --total}, 1e-12 relative) and its E-step's posteriors ({@link RegmixEstimator#posterior}, built
 * from the rows themselves, 1e-12); on new rows, R's {@code predict(poly(x, 2), newx)} and
 * {@code predict(ns(x, 3), newx)} ({@code tools/reference/regmix_predict_bases.R}) times the file's
 * coefficients through the link, against {@code predict --response}'s component means (1e-9
 * relative, as the GLM's {@code GlmPredictAgainstRTest}).
 */
class RegmixBasesTest {
    private static final String DATA = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";
    private static final String R_BASES = "../mlem-core/src/test/resources/fixtures/regmix/npreg_bases.csv";
    private static final String POLY = "yn ~ poly(x, 2)";
    private static final String NS = "yp ~ ns(x, 3)";

    @TempDir
    static Path dir;

    private static Path poly;
    private static Path ns;
    private static Frame frame;

    @BeforeAll
    static void fit() {
        poly = fit(POLY, "gaussian");
        ns = fit(NS, "poisson");
        frame = Frame.readCsv(Path.of(DATA));
    }

    private static Path fit(String formula, String family) {
        Path out = dir.resolve(family + ".json");
        Cli.Run r = Cli.run("fit", "regmix", "--k", "2", "--formula", formula, "--family", family, "--seed", "1",
                "--n-init", "3", "--out", out.toString(), DATA);
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    private static FittedRegmix read(Path file) {
        return (FittedRegmix) ModelKinds.read(file);
    }

    private static double[][] csv(Cli.Run r) {
        assertThat(r.status()).as(r.err()).isZero();
        return r.out().lines().skip(1).map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    @Test
    void fittedRowsScoreAndPredictAsTheFit() throws IOException {
        for (Path file : List.of(poly, ns)) {
            JsonNode json = ModelJson.mapper().readTree(file.toFile());
            assertThat(json.get("bases").size()).isEqualTo(1);
            double ll = json.get("logLikelihood").asDouble();
            double total = Double.parseDouble(Cli.run("score", "--total", file.toString(), DATA).out().strip());
            assertThat(Math.abs(total - ll)).as("score --total " + file).isLessThanOrEqualTo(1e-12 * Math.abs(ll));

            FittedRegmix m = read(file);
            RegressionMixture mix = m.mixture();
            double[][] want = RegmixEstimator.of(m.file().formula(), 2).withFamily(mix.family()).withLink(mix.link())
                    .posterior(mix, frame);
            double[][] got = csv(Cli.run("predict", file.toString(), DATA));
            assertThat(got).hasNumberOfRows(want.length);
            for (int i = 0; i < want.length; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat(Math.abs(got[i][1 + j] - want[i][j])).as("row %d p%d", i, j).isLessThanOrEqualTo(1e-12);
                }
            }
        }
    }

    @Test
    void newRowsAreCodedWithTheFitsBasisAsRPredicts() throws IOException {
        Frame r = Frame.readCsv(Path.of(R_BASES));
        double[] x = r.numeric("x");
        StringBuilder rows = new StringBuilder("x,yn,yp\n");
        for (double v : x) {
            rows.append(v).append(",0,0\n"); // the response is a placeholder: --response reads the covariates
        }
        String newRows = Cli.file(dir, "new.csv", rows.toString());
        check(poly, newRows, r, List.of("poly1", "poly2"));
        check(ns, newRows, r, List.of("ns1", "ns2", "ns3"));
        Cli.Run sample = Cli.run("sample", "--seed", "2", poly.toString(), newRows);
        assertThat(sample.status()).as(sample.err()).isZero();
        assertThat(sample.out().lines().count()).isEqualTo(x.length + 1);
    }

    /** Component j's mean at row i is g⁻¹(β_j0 + Σ_t β_jt · R's column t). */
    private static void check(Path file, String newRows, Frame r, List<String> columns) {
        RegressionMixture mix = read(file).mixture();
        double[][] got = csv(Cli.run("predict", "--response", file.toString(), newRows));
        for (int i = 0; i < got.length; i++) {
            for (int j = 0; j < 2; j++) {
                double[] beta = mix.coefficients(j);
                double eta = beta[0];
                for (int t = 0; t < columns.size(); t++) {
                    eta += beta[t + 1] * r.numeric(columns.get(t))[i];
                }
                double want = mix.link().inverse(eta);
                assertThat(Math.abs(got[i][1 + j] - want)).as("%s row %d fit%d", file.getFileName(), i, j)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(want)));
            }
        }
    }

    /** What the codec writes from a read file is the file's own fields, bit for bit; its bases are the fit's. */
    @Test
    void theFileRoundTripsBitForBit() throws IOException {
        for (Path file : List.of(poly, ns)) {
            JsonNode json = ModelJson.mapper().readTree(file.toFile());
            FittedRegmix m = read(file);
            ObjectNode again = FittedRegmix.KIND.codec().write(m);
            again.fields().forEachRemaining(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(json.get(e.getKey())));
            String text = ModelJson.toJson(again);
            assertThat(ModelJson.toJson(FittedRegmix.KIND.codec().write(read(again, file)))).isEqualTo(text);

            Map<String, BasisCoefs> fitted = RegmixEstimator.of(m.file().formula(), 2).fittedDesign(frame).bases();
            assertThat(m.file().bases().keySet()).isEqualTo(fitted.keySet());
            fitted.forEach((label, b) -> {
                BasisCoefs kept = m.file().bases().get(label);
                if (b instanceof BasisCoefs.Polynomial p) {
                    assertThat(((BasisCoefs.Polynomial) kept).alpha()).isEqualTo(p.alpha());
                    assertThat(((BasisCoefs.Polynomial) kept).norm2()).isEqualTo(p.norm2());
                } else {
                    assertThat(((BasisCoefs.Knots) kept).interior()).isEqualTo(((BasisCoefs.Knots) b).interior());
                    assertThat(((BasisCoefs.Knots) kept).boundary()).isEqualTo(((BasisCoefs.Knots) b).boundary());
                }
            });
        }
    }

    private static FittedRegmix read(ObjectNode node, Path source) {
        return (FittedRegmix) ModelKinds.read(node, source.toString());
    }

    /** A file written before the bases were kept still reads, and refuses such a term in one line. */
    @Test
    void anOlderFileWithoutBasesIsRefusedInOneLine() throws IOException {
        Path old = Cli.withoutField(poly, "bases", dir, "old.json");
        assertThat(read(old).file().bases()).isEmpty();
        for (String command : List.of("predict", "score", "sample")) {
            Cli.Run r = Cli.run(command, old.toString(), DATA);
            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.err().strip()).as(command).doesNotContain("\n")
                    .contains("'poly(x, 2)'", "older mlem", "poly(x, d, raw = TRUE)");
        }
    }

    /** fit --plot's curves are the model's means on the grid: the fit's spline basis, the grid inside its knots. */
    @Test
    void thePlotsCurvesUseTheFitsBasis() {
        for (Path file : List.of(poly, ns)) {
            FittedRegmix m = read(file);
            RegmixPlot.Picture p = RegmixPicture.of(m.file(), frame, false);
            double[] zeros = new double[p.grid().length];
            Frame grid = Frame.of(List.of("x", "yn", "yp"), List.of(p.grid(), zeros, zeros));
            ResponsePredictor.Prediction want = m.predict(grid);
            for (int j = 0; j < 2; j++) {
                double[] mean = want.columns().get(1 + j);
                for (int i = 0; i < mean.length; i++) {
                    assertThat(Math.abs(p.curves()[j][i] - mean[i])).isLessThanOrEqualTo(1e-12 * Math.max(1, mean[i]));
                }
            }
        }
    }
}
