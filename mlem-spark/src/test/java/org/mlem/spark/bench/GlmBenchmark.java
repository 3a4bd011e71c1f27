package org.mlem.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.RFormula;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionTrainingSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.glm.GlmFit;
import org.mlem.spark.Glm;
import org.mlem.spark.GlmModel;

/**
 * Per-iteration and whole-job time of mlem-spark's GLM against Spark MLlib's
 * {@code GeneralizedLinearRegression} in {@code local[2]} on the same cached DataFrame: a Poisson
 * log-linear model of D numeric covariates and one string factor of L levels, both libraries with
 * tolerance 1e-8 and at most 25 iterations. Not a test; run by hand:
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -cp ... org.mlem.spark.bench.GlmBenchmark N D L [both|mlem|mllib]
 * </pre>
 *
 * MLlib needs a features vector, built by its {@code RFormula} before the clock starts (cached);
 * mlem reads the columns through its own formula, so its whole job includes building the model
 * matrix ({@code readSeconds}). Per iteration: mlem's IRLS time (with the summary's passes)
 * divided by its iterations; MLlib's {@code fit} divided by its {@code numIterations}. Answers:
 * deviance, null deviance and AIC, which do not depend on how the factor is coded.
 */
public final class GlmBenchmark {
    private GlmBenchmark() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int levels = Integer.parseInt(args[2]);
        String which = args.length > 3 ? args[3] : "both";
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mlem-glm-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark, n, d, levels, which);
        } finally {
            spark.stop();
        }
    }

    static void run(SparkSession spark, int n, int d, int levels, String which) {
        Dataset<Row> df = data(spark, n, d, levels).cache();
        StringBuilder rhs = new StringBuilder();
        for (int a = 1; a <= d; a++) {
            rhs.append("x").append(a).append(" + ");
        }
        String formula = "y ~ " + rhs + "g";
        System.out.printf(Locale.ROOT, "rows=%d d=%d levels=%d partitions=%d formula=%s%n", df.count(), d, levels,
                df.rdd().getNumPartitions(), formula);
        if (!which.equals("mllib")) {
            long t0 = System.nanoTime();
            GlmModel m = new Glm().setFormula(formula).setFamily("poisson").fit(df);
            double total = (System.nanoTime() - t0) * 1e-9;
            GlmFit s = m.summary();
            System.out.printf(Locale.ROOT, "mlem   iterations=%d perIteration=%.3fs wholeJob=%.1fs read=%.1fs fit=%.1fs"
                    + " deviance=%.9e nullDeviance=%.9e aic=%.9e%n", s.iterations(), m.fitSeconds() / s.iterations(),
                    total, m.readSeconds(), m.fitSeconds(), s.deviance(), s.nullDeviance(), s.aic());
        }
        if (!which.equals("mlem")) {
            Dataset<Row> features = new RFormula().setFormula(formula).setStringIndexerOrderType("alphabetAsc")
                    .fit(df).transform(df).select("features", "label").cache();
            features.count();
            long t0 = System.nanoTime();
            GeneralizedLinearRegressionModel m = new GeneralizedLinearRegression().setFamily("poisson").setLink("log")
                    .setTol(1e-8).setMaxIter(25).fit(features);
            double fit = (System.nanoTime() - t0) * 1e-9;
            GeneralizedLinearRegressionTrainingSummary s = m.summary();
            double deviance = s.deviance();
            double nullDeviance = s.nullDeviance();
            double aic = s.aic();
            double total = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "mllib  iterations=%d perIteration=%.3fs wholeJob=%.1fs fit=%.1fs"
                    + " deviance=%.9e nullDeviance=%.9e aic=%.9e%n", s.numIterations(), fit / s.numIterations(), total,
                    fit, deviance, nullDeviance, aic);
        }
    }

    /** Poisson counts with log mean 0.2 + Σ 0.3 x_a / sqrt(d) + a level effect, drawn on the executors. */
    static Dataset<Row> data(SparkSession spark, int n, int d, int levels) {
        JavaRDD<Row> rows = GmmBenchmark.generated(spark, n, 2, 11, 3, (rng, count) -> {
            List<Row> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Object[] v = new Object[d + 2];
                double eta = 0.2;
                for (int a = 0; a < d; a++) {
                    double x = rng.nextGaussian();
                    v[a + 1] = x;
                    eta += 0.3 * x / Math.sqrt(d);
                }
                int g = rng.nextInt(levels);
                eta += 0.1 * g;
                v[d + 1] = "level" + (char) ('a' + g % 26) + (g / 26);
                v[0] = (double) poisson(rng, Math.exp(eta));
                out.add(RowFactory.create(v));
            }
            return out;
        });
        StructType schema = new StructType().add("y", DataTypes.DoubleType, false);
        for (int a = 1; a <= d; a++) {
            schema = schema.add("x" + a, DataTypes.DoubleType, false);
        }
        return spark.createDataFrame(rows, schema.add("g", DataTypes.StringType, false));
    }

    /** Knuth's multiplication method (means here are small). */
    private static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double prod = rng.nextDouble();
        int k = 0;
        while (prod > limit) {
            prod *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
