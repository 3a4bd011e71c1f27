package org.mlem.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import org.mlem.io.ModelJson;
import org.mlem.io.OneShotJson;

/**
 * {@link DistFit} on Spark against the single-machine fit on the same rows ({@link
 * UnivariateFamily#fitWeighted}, the code {@code mlem fit dist} runs): every estimate, standard
 * error and the log-likelihood to 1e-9 relative, for 1, 3 and 7 partitions (gamma: sufficient
 * statistics; laplace: a distributed median), 3 and 7 (weibull: Newton) and one partitioning for each other
 * family; with one partition the sufficient-statistic families' sums are the single machine's, so the
 * estimates are its bits. The Kolmogorov–Smirnov statistic (a sort over the partitions) too, 1e-9
 * relative (its bits where the estimates are).
 */
class DistOnSparkTest {
    private static final double TOL = 1e-9;
    private static final int N = 600;
    private static final StructType SCHEMA = new StructType().add("x", DataTypes.DoubleType, true)
            .add("w", DataTypes.DoubleType, true);

    /** N draws of {@code family} at {@code theta}, with weights 1..3 (seeded). */
    private static double[][] draws(UnivariateFamily family, long seed, double... theta) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = family.of(theta).sample(N, r);
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            w[i] = 1 + r.nextInt(3);
        }
        return new double[][] {x, w};
    }

    private static Dataset<Row> frame(double[][] xw, int partitions) {
        return frame(SparkTestKit.spark(), xw, partitions);
    }

    private static Dataset<Row> frame(SparkSession session, double[][] xw, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < xw[0].length; i++) {
            rows.add(RowFactory.create(xw[0][i], xw[1][i]));
        }
        return SparkTestKit.frame(session, rows, SCHEMA, partitions);
    }

    /**
     * {@link ClusterIT}'s case: a weighted weibull (Newton's method, one Spark job a step) over
     * {@code partitions}, against {@code fit dist}'s fit: estimates, standard errors, log-likelihood.
     */
    static ClusterCase clusterCase(int partitions) {
        double[][] xw = draws(Families.weibull(), 11, 1.6, 3);
        return new ClusterCase("dist weibull, weights, " + partitions + " partitions",
                s -> answer(new DistFit().setFamily("weibull").setInputCol("x").setWeightCol("w")
                        .fit(frame(s, xw, partitions)).summary()),
                () -> answer(Families.weibull().fitWeighted(xw[0], xw[1])));
    }

    private static ClusterCase.Answer answer(FittedDistribution f) {
        double[] se = f.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ClusterCase.Answer(List.of(f.distribution().parameterValues(), se), new double[] {f.logLikelihood()}, 0);
    }

    private static DistFitModel fit(String family, double[][] xw, int partitions, boolean weighted) {
        DistFit est = new DistFit().setFamily(family).setInputCol("x");
        if (weighted) {
            est.setWeightCol("w");
        }
        return est.fit(frame(xw, partitions));
    }

    /** The Spark fit equals the single machine's to 1e-9 relative for each partitioning; bits asked for 1 partition. */
    private static FittedDistribution same(String family, double[][] xw, boolean weighted, boolean bitsOnOne,
            int... partitionings) {
        FittedDistribution last = null;
        FittedDistribution one = Families.byName(family).fitWeighted(xw[0], weighted ? xw[1] : null);
        for (int p : partitionings) {
            FittedDistribution spark = fit(family, xw, p, weighted).summary();
            double[] a = spark.distribution().parameterValues();
            double[] b = one.distribution().parameterValues();
            String where = family + " over " + p + " partitions";
            assertTrue(SparkTestKit.relativeError(a, b) <= TOL, where + ": " + spark + " vs " + one);
            double[] sa = spark.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] sb = one.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray();
            assertTrue(SparkTestKit.relativeError(sa, sb) <= TOL, where + ": standard errors");
            assertEquals(one.logLikelihood(), spark.logLikelihood(), TOL * Math.abs(one.logLikelihood()), where);
            assertEquals(one.n(), spark.n(), 0, where);
            if (Double.isNaN(one.ksStatistic())) {   // a count family: none, as fit dist
                assertTrue(Double.isNaN(spark.ksStatistic()), where + ": no KS statistic");
            } else {
                assertEquals(one.ksStatistic(), spark.ksStatistic(), TOL * one.ksStatistic(), where + ": KS statistic");
            }
            if (bitsOnOne && p == 1) {
                assertArrayEquals(b, a, 0, where + ": the single machine's bits");
                assertEquals(one.ksStatistic(), spark.ksStatistic(), 0, where + ": the KS statistic's bits");
            }
            last = spark;
        }
        return last;
    }

    @Test
    void sufficientStatisticFamiliesEqualTheSingleMachine() {
        same("gamma", draws(Families.gamma(), 1, 2.5, 0.7), true, true, 1, 3, 7);
        same("normal", draws(Families.normal(), 2, -3, 2), true, true, 3);
        same("lognormal", draws(Families.lognormal(), 3, 0.5, 0.8), false, true, 3);
        same("exponential", draws(Families.exponential(), 4, 1.7), true, true, 3);
        same("beta", draws(Families.beta(), 5, 2, 5), false, false, 3);
        same("poisson", draws(Families.poisson(), 6, 3.2), true, true, 1);
        same("geometric", draws(Families.geometric(), 7, 0.3), false, true, 3);
        same("binomial:10", draws(Families.binomial(10), 8, 0.35), true, true, 3);
        same("bernoulli", draws(Families.bernoulli(), 9, 0.2), false, true, 3);
        same("categorical", draws(Families.categorical(4), 10, 0.1, 0.2, 0.3, 0.4), true, true, 3);
    }

    @Test
    void newtonFamiliesEqualTheSingleMachine() {
        // no bits asked (Newton's steps), so one partition would add nothing to 3 and 7 (CI time)
        same("weibull", draws(Families.weibull(), 11, 1.6, 3), true, false, 3, 7);
        same("negbin", draws(Families.negativeBinomial(), 12, 2, 6), false, false, 3);
        same("t", draws(Families.studentT(), 13, 1, 2, 6), false, false, 3);
        same("logistic", draws(Families.logistic(), 14, 4, 1.5), true, false, 3);
    }

    /**
     * laplace: the weighted median by selection over the partitions (no rows collected) is the single
     * machine's median bit for bit (whole weights); then the scale. An even count of unit weights takes
     * the midpoint of the middle two values; ties in the middle (rounded draws) keep their value.
     */
    @Test
    void laplaceTakesTheSingleMachinesMedian() {
        double[][] xw = draws(Families.laplace(), 18, 2, 1.5);
        same("laplace", xw, true, true, 1, 3, 7);
        double[][] ties = {xw[0].clone(), xw[1]};
        for (int i = 0; i < N; i++) {
            ties[0][i] = Math.rint(ties[0][i]);
        }
        same("laplace", ties, true, true, 3);
        double[] mid = xw[0].clone();
        java.util.Arrays.sort(mid);
        assertEquals(0.5 * (mid[N / 2 - 1] + mid[N / 2]), same("laplace", xw, false, true, 7).estimates()
                .get("location"), 0, "R's median of an even count");
    }

    @Test
    void newtonFromASampledStartReachesTheSameMaximum() {
        double[][] xw = draws(Families.weibull(), 15, 0.8, 2);
        FittedDistribution one = Families.weibull().fitWeighted(xw[0], xw[1]);
        FittedDistribution spark = new DistFit().setFamily("weibull").setInputCol("x").setWeightCol("w")
                .setInitSampleRows(50).fit(frame(xw, 3)).summary();
        assertTrue(SparkTestKit.relativeError(spark.distribution().parameterValues(),
                one.distribution().parameterValues()) <= TOL, spark + " vs " + one);
    }

    @Test
    void modelFileIsFitDistsAndScores(@TempDir Path dir) throws Exception {
        double[][] xw = draws(Families.binomial(10), 16, 0.35);
        DistFitModel m = fit("binomial:10", xw, 3, true);
        m.write().overwrite().save(dir.resolve("m").toString());
        JsonNode saved = ModelJson.mapper().readTree(Files.readString(dir.resolve("m").resolve(ModelFiles.MODEL_FILE)));
        // fit dist --out's file: FitJson.distribution of the single machine's fit (the CLI's modelNode)
        ObjectNode cli = FitJson.distribution(Families.binomial(10).fitWeighted(xw[0], xw[1]), "binomial", N,
                List.of("x", "w"), 0, 0);
        List<String> names = new ArrayList<>();
        saved.fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>();
        org.mlem.io.ModelFormat.fileOf(cli).fieldNames().forEachRemaining(expected::add);
        assertEquals(expected, names);
        for (String f : List.of("model", "family", "size", "n", "nParameters", "totalWeight", "columns")) {
            assertEquals(cli.get(f), saved.get(f), f);
        }
        assertEquals(cli.get("parameters").get("prob").asDouble(), saved.get("parameters").get("prob").asDouble(), 1e-15);
        // the reader mlem score and sample use
        assertTrue(org.mlem.model.ModelKinds.read(saved, "model.json") instanceof org.mlem.model.FittedDist);
        OneShotJson.Dist read = OneShotJson.dist(saved, "model.json");
        assertEquals("binomial", read.distribution().family().name());
        DistFitModel back = DistFitModel.load(dir.resolve("m").toString());
        List<Row> scored = back.transform(frame(xw, 2)).select("logLikelihood").collectAsList();
        for (int i = 0; i < N; i += 97) {
            assertEquals(read.distribution().logDensity(xw[0][i]), scored.get(i).getDouble(0), 0, "row " + i);
        }
    }

    @Test
    void badRowsAreNamedOnTheDriver() {
        double[][] xw = draws(Families.gamma(), 17, 2, 1);
        xw[0][450] = -2;
        MlemUserException e = assertThrows(MlemUserException.class, () -> fit("gamma", xw, 3, true));
        assertTrue(e.getMessage().startsWith("row 451, column 'x': value -2.0 is outside the gamma family's support"
                + " (x > 0)"), e.getMessage());
        xw[0][450] = 1;
        xw[1][520] = -1;
        e = assertThrows(MlemUserException.class, () -> fit("gamma", xw, 7, true));
        assertTrue(e.getMessage().startsWith("row 521, column 'w'"), e.getMessage());
        xw[1][520] = 1;
        double[][] constant = {new double[N], xw[1]};
        java.util.Arrays.fill(constant[0], 2.5);
        e = assertThrows(MlemUserException.class, () -> fit("gamma", constant, 3, false));
        assertEquals(assertThrows(MlemUserException.class, () -> Families.gamma().fit(constant[0])).getMessage(),
                e.getMessage());
    }
}
