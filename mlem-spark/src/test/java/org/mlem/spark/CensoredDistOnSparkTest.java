package org.mlem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.io.ModelJson;
import org.mlem.survival.CensoredFit;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.Truncation;

/**
 * {@link DistFit} with censoring and truncation against {@link CensoredFit#fit} (the code {@code mlem
 * fit dist --status/--interval/--truncate-*} runs) on the same rows: estimates and the
 * log-likelihood to 1e-9 relative, standard errors (Richardson-extrapolated observed information of
 * a log-likelihood summed in another order) to 1e-6, over 1, 3 and 7 partitions (right-censored
 * weighted weibull) and 3 (interval-censored lognormal with open ends, truncated below), each fit in
 * at most {@value #MAX_JOBS} Spark jobs (counted by its job group); the model file's censoring counts
 * and truncation; the single machine's one-line errors. {@code PartitionedCensoredFitTest} covers
 * 1, 3 and 7 in-memory parts and more families.
 */
class CensoredDistOnSparkTest {
    private static final int N = 200;
    /**
     * Jobs a fit may take, reading included: every difference stencil of the optimiser is one job
     * (measured: 26 for the weibull, 19 for the lognormal; 165 when each point was one).
     */
    private static final int MAX_JOBS = 60;
    private static final StructType SCHEMA = new StructType().add("x", DataTypes.DoubleType, true)
            .add("y", DataTypes.DoubleType, true).add("w", DataTypes.DoubleType, true);

    /** Columns x, y (status or upper bound; NaN = null), w. */
    private static Dataset<Row> frame(double[] x, double[] y, double[] w, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(Double.isNaN(x[i]) ? null : x[i], y == null || Double.isNaN(y[i]) ? null : y[i],
                    w == null ? 1.0 : w[i]));
        }
        return SparkTestKit.frame(rows, SCHEMA, partitions);
    }

    private static void same(FittedDistribution one, FittedDistribution spark, String where) {
        double[] a = spark.distribution().parameterValues();
        double[] b = one.distribution().parameterValues();
        assertTrue(SparkTestKit.relativeError(a, b) <= 1e-9, where + ": " + spark + " vs " + one);
        double[] sa = spark.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] sb = one.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray();
        assertTrue(SparkTestKit.relativeError(sa, sb) <= 1e-6, where + ": standard errors " + spark.standardErrors()
                + " vs " + one.standardErrors());
        assertEquals(one.logLikelihood(), spark.logLikelihood(), 1e-9 * Math.abs(one.logLikelihood()), where);
        assertEquals(one.n(), spark.n(), 0, where);
    }

    @Test
    void rightCensoredWeightedWeibullOverOneThreeAndSevenPartitions() {
        SplittableRandom r = new SplittableRandom(21);
        double[] x = Families.weibull().of(new double[] {1.5, 2}).sample(N, r);
        double[] status = new double[N];
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            double c = 3 * r.nextDouble();
            status[i] = x[i] <= c ? 1 : 0;
            x[i] = Math.min(x[i], c);
            w[i] = 1 + r.nextInt(3);
        }
        FittedDistribution one = CensoredFit.fit(Families.weibull(), CensoredSample.ofStatus(x, status, w),
                Truncation.NONE).fit();
        for (int p : new int[] {1, 3, 7}) {
            Dataset<Row> df = frame(x, status, w, p);
            SparkTestKit.Counted<DistFitModel> run = SparkTestKit.countJobs(() -> new DistFit().setFamily("weibull")
                    .setInputCol("x").setStatusCol("y").setWeightCol("w").fit(df));
            DistFitModel m = run.value();
            assertTrue(run.jobs() <= MAX_JOBS, "weibull over " + p + " partitions: " + run.jobs() + " jobs");
            same(one, m.summary(), "weibull over " + p + " partitions");
            assertTrue(Double.isNaN(m.summary().ksStatistic()), "no KS statistic for censored rows, as fit dist");
        }
    }

    @Test
    void intervalCensoredTruncatedLognormalAndItsModelFile() throws Exception {
        SplittableRandom r = new SplittableRandom(22);
        double[] v = Families.lognormal().of(new double[] {1, 0.6}).sample(N, r);
        double[] lo = new double[N];
        double[] hi = new double[N];
        for (int i = 0; i < N; i++) {
            lo[i] = i % 10 == 0 ? v[i] : Math.floor(v[i]);
            hi[i] = i % 10 == 0 ? v[i] : Math.floor(v[i]) + 1;
            if (i % 17 == 0) {
                lo[i] = Double.NaN;
            } else if (i % 19 == 0) {
                lo[i] = v[i];   // right-censored at the value (a bound of 0 would give the start a midpoint of 0)
                hi[i] = Double.NaN;
            }
        }
        CensoredSample s = CensoredSample.ofIntervals(lo, hi, null);
        Truncation t = new Truncation(0.25, Double.POSITIVE_INFINITY);
        FittedDistribution one = CensoredFit.fit(Families.lognormal(), s, t).fit();
        Dataset<Row> df = frame(lo, hi, null, 3);
        SparkTestKit.Counted<DistFitModel> run = SparkTestKit.countJobs(() -> new DistFit().setFamily("lognormal")
                .setInputCol("x").setUpperCol("y").setTruncateBelow(0.25).fit(df));
        DistFitModel m = run.value();
        assertTrue(run.jobs() <= MAX_JOBS, "lognormal over 3 partitions: " + run.jobs() + " jobs");
        same(one, m.summary(), "lognormal intervals truncated below 0.25 over 3 partitions");
        JsonNode file = ModelJson.mapper().readTree(m.modelFile());
        int[] counts = s.counts();
        assertEquals(counts[0], file.path("censoring").path("exact").asInt());
        assertEquals(counts[1], file.path("censoring").path("left").asInt());
        assertEquals(counts[2], file.path("censoring").path("right").asInt());
        assertEquals(counts[3], file.path("censoring").path("interval").asInt());
        assertEquals(List.of("x", "y"), List.of(file.path("columns").get(0).asText(), file.path("columns").get(1).asText()));
        assertEquals(0.25, file.path("truncation").path("below").asDouble());
        assertTrue(file.path("truncation").path("above").isNull(), "no upper truncation point");
        // the reader mlem score uses, and its censored rows' log-likelihoods: fit dist's ℓ at the estimate
        org.mlem.model.FittedDist read = (org.mlem.model.FittedDist) org.mlem.model.ModelKinds.read(file, "model.json");
        assertEquals(one.logLikelihood(), java.util.Arrays.stream(read.logDensities(s)).sum(),
                1e-9 * Math.abs(one.logLikelihood()));
    }

    /** Counts with inclusive bounds ("c or more", [l, u]) truncated to 0 &lt; X ≤ 30: fit dist's fit; a 0 excluded by row. */
    @Test
    void censoredTruncatedCountsAreFitDistsFit() {
        double[] v = Families.negativeBinomial().of(new double[] {2, 6}).sample(60, new SplittableRandom(23));
        double[] lo = new double[v.length];
        double[] hi = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(Math.max(v[i], 1), 30);
            lo[i] = v[i] >= 12 ? 12 : i % 3 == 0 ? 2 * Math.floor(v[i] / 2) : v[i];
            hi[i] = v[i] >= 12 ? Double.NaN : i % 3 == 0 ? Math.max(lo[i], 1) + 1 : v[i];
            lo[i] = Math.max(lo[i], 1);
        }
        CensoredSample s = CensoredSample.ofIntervals(lo, hi, null);
        FittedDistribution one = CensoredFit.fit(Families.geometric(), s, new Truncation(0, 30)).fit();
        DistFitModel m = new DistFit().setFamily("geometric").setInputCol("x").setUpperCol("y").setTruncateBelow(0)
                .setTruncateAbove(30).fit(frame(lo, hi, null, 3));
        same(one, m.summary(), "geometric counts truncated to 0 < X <= 30 over 3 partitions");
        double[] zero = {1, 0, 3};
        MlemUserException e = assertThrows(MlemUserException.class, () -> new DistFit().setFamily("poisson")
                .setInputCol("x").setTruncateBelow(0).fit(frame(zero, null, null, 2)));
        assertTrue(e.getMessage().startsWith("row 2, column 'x': count 0 lies outside the truncation range"),
                e.getMessage());
    }

    @Test
    void badCodesBoundsAndTruncationAreNamedInOneLine() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] status = {1, 0, 1, 3, 1, 0};
        MlemUserException e = assertThrows(MlemUserException.class, () -> new DistFit().setFamily("weibull")
                .setInputCol("x").setStatusCol("y").fit(frame(x, status, null, 3)));
        assertTrue(e.getMessage().startsWith("row 4, column 'y': unknown censoring status 3.0; use 1 = event"),
                e.getMessage());
        double[] mixed = {1, 0, 2, 1, 1, 0};
        e = assertThrows(MlemUserException.class, () -> new DistFit().setFamily("weibull")
                .setInputCol("x").setStatusCol("y").fit(frame(x, mixed, null, 3)));
        assertTrue(e.getMessage().startsWith("row 3, column 'y': censoring status 2 among 0/1 codes"), e.getMessage());
        double[] upper = {1, 2, 2.5, 4, 5, 6};
        e = assertThrows(MlemUserException.class, () -> new DistFit().setFamily("weibull")
                .setInputCol("x").setUpperCol("y").fit(frame(x, upper, null, 3)));
        assertTrue(e.getMessage().startsWith("row 3, column 'x': the lower bound 3.0 exceeds the upper bound 2.5"),
                e.getMessage());
        e = assertThrows(MlemUserException.class, () -> new DistFit().setFamily("normal").setInputCol("x")
                .setTruncateBelow(2.5).fit(frame(x, null, null, 3)));
        assertTrue(e.getMessage().startsWith("row 1, column 'x': value 1.0 lies outside the truncation range [2.5,"),
                e.getMessage());
        e = assertThrows(MlemUserException.class, () -> new DistFit().setFamily("normal").setInputCol("x")
                .setTruncateBelow(5).setTruncateAbove(2).fit(frame(x, null, null, 3)));
        assertTrue(e.getMessage().startsWith("the truncation points must satisfy truncateBelow < truncateAbove"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

}
