package org.mlem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.mixture.CensoredMixtureEstimator;
import org.mlem.mixture.ColumnModel;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductComponent;
import org.mlem.mixture.ProductMixture;
import org.mlem.model.FittedMixture;
import org.mlem.model.ModelKinds;
import org.mlem.survival.CensoredSample;

/**
 * {@link LatentMixture} of kind {@code mixture} with {@code upperCol} or {@code statusCol} (the
 * censored mixture on Spark, {@link CensoredMixtureOnSpark}) against mlem-core's
 * {@link CensoredMixtureEstimator} (what {@code mlem fit mixture --interval/--status} runs) on the
 * same rows (the lognormal over 2 and 3 partitions, the weibull over 3): weights, component parameters and the log-likelihood to 1e-9
 * relative, the same iteration count. The rows are mlem-core's censored-mixture fixtures
 * ({@code fixtures/censmix}): a lognormal mixture with exact, left-, right- and interval-censored
 * rows (frequency weights 1, 2, 3 in turn), from the fixture's start; a right-censored weibull
 * mixture by survival's 1/2 status codes, from the single machine's fit (two starts) to the
 * driver's sample (every row), continued over the partitions. The
 * model file is read by the CLI's reader ({@link ModelKinds}), whose censored log densities sum to
 * the fit's log-likelihood (1e-9); {@code transform} of censored rows gives core's posteriors
 * ({@link FittedMixture#posteriors}, 1e-9). Bad codes and
 * bounds are one-line errors naming the row and column.
 */
class CensoredMixtureOnSparkTest {
    private static final Path FIXTURES = Path.of("../mlem-core/src/test/resources/fixtures/censmix");
    private static final StructType SCHEMA = new StructType().add("t", DataTypes.DoubleType, true)
            .add("u", DataTypes.DoubleType, true).add("w", DataTypes.DoubleType, false);

    /** A fixture's rows: column 0 the lower bounds, 1 the upper (NaN open), as the fixture's CSV holds them. */
    private static double[][] bounds(String csv) {
        try {
            List<String> lines = Files.readAllLines(FIXTURES.resolve(csv));
            double[][] out = new double[2][lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                for (int c = 0; c < 2; c++) {
                    out[c][i - 1] = cells[c].equals("NA") ? Double.NaN : Double.parseDouble(cells[c]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Columns t, u (null for NaN), w. */
    private static Dataset<Row> frame(double[] t, double[] u, double[] w, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            rows.add(RowFactory.create(Double.isNaN(t[i]) ? null : t[i], Double.isNaN(u[i]) ? null : u[i], w[i]));
        }
        return SparkTestKit.frame(rows, SCHEMA, partitions);
    }

    /** The mixture's weights, then each component's parameters. */
    private static double[] flat(ProductMixture m) {
        List<Double> out = new ArrayList<>();
        for (double w : m.weights()) {
            out.add(w);
        }
        for (int j = 0; j < m.k(); j++) {
            for (double p : ((ComponentPart.UnivariatePart) m.component(j).parts().get(0)).distribution()
                    .parameterValues()) {
                out.add(p);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void same(MixtureFit<ProductMixture> one, LatentMixtureModel spark, String where) {
        ProductMixture m = (ProductMixture) spark.model();
        assertTrue(SparkTestKit.relativeError(flat(m), flat(one.model())) <= 1e-9, where + ": " + m + " vs " + one.model());
        assertEquals(one.logLikelihood(), spark.summary().logLikelihood(), 1e-9 * Math.abs(one.logLikelihood()), where);
        assertEquals(one.iterations(), spark.summary().iterations(), where);
        assertEquals(one.nParameters(), spark.summary().nParameters(), where);
    }

    private static ProductMixture lognormalStart() {
        UnivariateFamily f = Families.byName("lognormal");
        ColumnModel.Univariate column = new ColumnModel.Univariate(0, f);
        return ProductMixture.of(new double[] {0.4, 0.6}, List.of(
                ProductComponent.of(new ComponentPart.UnivariatePart(column, f.of(new double[] {0.2, 0.7}))),
                ProductComponent.of(new ComponentPart.UnivariatePart(column, f.of(new double[] {1.8, 0.6})))),
                List.of("t"));
    }

    @Test
    void intervalRowsFromAGivenStartAreTheSingleMachinesOverTwoAndThreePartitions() {
        double[][] b = bounds("lognormal_mixed.csv");
        int n = b[0].length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
        }
        CensoredSample sample = CensoredSample.ofIntervals(b[0], b[1], w);
        EmOptions em = EmOptions.DEFAULTS.withMaxIterations(40).withTolerance(1e-8);
        MixtureFit<ProductMixture> one = new CensoredMixtureEstimator(2, Families.byName("lognormal"),
                new MixtureInit.Given(lognormalStart()), em).fit(sample, "t", 5);
        for (int parts : new int[] {2, 3}) {
            LatentMixtureModel spark = new LatentMixture().setKind("mixture").setFamily("lognormal").setFeaturesCol("t")
                    .setUpperCol("u").setWeightCol("w").setMaxIter(40).setTol(1e-8).setSeed(5)
                    .setInitialModel(lognormalStart()).fit(frame(b[0], b[1], w, parts));
            same(one, spark, parts + " partitions");
            // the CLI's reader (mlem predict/score): the same mixture, and its censored rows' ℓ is the fit's
            JsonNode file = ModelFiles.tree(spark.modelFile());
            FittedMixture read = (FittedMixture) ModelKinds.read(file, "model.json");
            double ll = 0;
            double[] each = read.logDensities(sample);
            for (int i = 0; i < n; i++) {
                ll += w[i] * each[i];
            }
            assertEquals(spark.summary().logLikelihood(), ll, 1e-9 * Math.abs(ll), parts + " partitions: file's ℓ");
            int[] counts = sample.counts();
            assertEquals(counts[0], file.path("censoring").path("exact").asInt());
            assertEquals(counts[1], file.path("censoring").path("left").asInt());
            assertEquals(counts[2], file.path("censoring").path("right").asInt());
            assertEquals(counts[3], file.path("censoring").path("interval").asInt());
            assertEquals("t", file.path("columns").get(0).asText());
        }
    }

    @Test
    void statusRowsFromTheSampleFitAndTheirTransform() {
        double[][] b = bounds("weibull_right.csv");
        int n = b[0].length;
        double[] status = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            status[i] = Double.isNaN(b[1][i]) ? 1 : 2; // survival's coding: 2 = event, 1 = censored
            w[i] = 1;
        }
        CensoredSample sample = CensoredSample.ofStatus(b[0], status, null, false);
        // the single machine's two stages: the fit from the seed, then EM from its end (what Spark continues)
        CensoredMixtureEstimator est = CensoredMixtureEstimator.of(2, Families.byName("weibull"))
                .withEm(EmOptions.DEFAULTS.withRestarts(2));
        ProductMixture start = est.fit(sample, "t", 11).model();
        MixtureFit<ProductMixture> one = est.withInit(new MixtureInit.Given(start)).fit(sample, "t", 11);
        // 3 partitions only: the interval test above holds the fit over 2 and 3
        LatentMixtureModel spark = new LatentMixture().setKind("mixture").setFamily("weibull").setK(2).setFeaturesCol("t")
                .setStatusCol("u").setNInit(2).setSeed(11).fit(frame(b[0], status, w, 3));
        same(one, spark, "3 partitions");
        List<Row> rows = spark.transform(frame(b[0], status, w, 3)).collectAsList();
        double[][] post = new FittedMixture(one.model(), null).posteriors(sample);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double[] p = ((Vector) rows.get(i).getAs("probability")).toArray();
            worst = Math.max(worst, SparkTestKit.relativeError(p, post[i]));
            assertEquals(p[0] >= p[1] ? 0 : 1, (int) rows.get(i).getAs("prediction"));
        }
        assertTrue(worst <= 1e-9, "posteriors " + worst);
    }

    @Test
    void badCodesAndBoundsAreNamedInOneLine() {
        double[] t = {1, 2, 3, 4, 5, 6};
        double[] w = {1, 1, 1, 1, 1, 1};
        double[] status = {1, 0, 1, 3, 1, 0};
        MlemUserException e = assertThrows(MlemUserException.class, () -> new LatentMixture().setKind("mixture")
                .setFamily("weibull").setK(2).setFeaturesCol("t").setStatusCol("u").fit(frame(t, status, w, 3)));
        assertTrue(e.getMessage().startsWith("row 4, column 'u': unknown censoring status 3.0; use 1 = event"),
                e.getMessage());
        double[] upper = {1, 2, 2.5, 4, 5, 6};
        e = assertThrows(MlemUserException.class, () -> new LatentMixture().setKind("mixture").setFamily("weibull")
                .setK(2).setFeaturesCol("t").setUpperCol("u").fit(frame(t, upper, w, 3)));
        assertTrue(e.getMessage().startsWith("row 3, column 't': the lower bound 3.0 exceeds the upper bound 2.5"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        e = assertThrows(MlemUserException.class, () -> new LatentMixture().setKind("gmm").setK(2).setFeaturesCol("t")
                .setUpperCol("u").fit(frame(t, upper, w, 3)));
        assertTrue(e.getMessage().startsWith("statusCol and upperCol fit a mixture of one family"), e.getMessage());
        e = assertThrows(MlemUserException.class, () -> new LatentMixture().setKind("mixture").setFamily("weibull")
                .setFeaturesCol("t").setStatusCol("u").selectFamilies(frame(t, status, w, 3), 1, 2, List.of("weibull"),
                        "bic"));
        assertEquals("selectFamilies on Spark does not take censored rows (statusCol, upperCol) yet; fit them with fit,"
                + " or unset statusCol and upperCol", e.getMessage());
    }
}
