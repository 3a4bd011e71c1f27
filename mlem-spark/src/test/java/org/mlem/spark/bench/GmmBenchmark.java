package org.mlem.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.GaussianMixtureSummary;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mlem.spark.GaussianMixture;
import org.mlem.spark.GaussianMixtureModel;

/**
 * Per-iteration time of mlem-spark's Gaussian mixture against Spark MLlib's on the same cached
 * DataFrame (full covariances, fixed iteration count, tol 0). Not a test; run by hand:
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -cp ... org.mlem.spark.bench.GmmBenchmark N D K ITERATIONS [mllib|mlem|both]
 * </pre>
 *
 * Rows come from k well-separated spherical clusters (centres uniform in [-10, 10]^d), drawn on the
 * executors with a seeded generator per partition.
 */
public final class GmmBenchmark {
    private GmmBenchmark() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        String which = args.length > 4 ? args[4] : "both";
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mlem-gmm-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> df = data(spark, n, d, k).cache();
        System.out.printf(Locale.ROOT, "rows=%d d=%d k=%d partitions=%d%n", df.count(), d, k, df.rdd().getNumPartitions());
        if (!which.equals("mllib")) {
            long t0 = System.nanoTime();
            GaussianMixtureModel m = new GaussianMixture().setK(k).setMaxIter(iterations).setTol(0).setSeed(1).fit(df);
            double total = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "mlem   iterations=%d perIteration=%.3fs fit=%.1fs init=%.1fs logLik=%.6e%n",
                    m.summary().iterations(), m.summary().fitSeconds() / m.summary().iterations(), total,
                    m.summary().initSeconds(), m.summary().logLikelihood());
        }
        if (!which.equals("mlem")) {
            long t0 = System.nanoTime();
            org.apache.spark.ml.clustering.GaussianMixtureModel m = new org.apache.spark.ml.clustering.GaussianMixture()
                    .setK(k).setMaxIter(iterations).setTol(0).setSeed(1).fit(df);
            double total = (System.nanoTime() - t0) * 1e-9;
            GaussianMixtureSummary s = m.summary();
            System.out.printf(Locale.ROOT, "mllib  iterations=%d perIteration=%.3fs fit=%.1fs logLik=%.6e%n",
                    s.numIter(), total / s.numIter(), total, s.logLikelihood());
        }
        spark.stop();
    }

    static Dataset<Row> data(SparkSession spark, int n, int d, int k) {
        SplittableRandom centres = new SplittableRandom(2024);
        double[][] mu = new double[k][d];
        for (double[] m : mu) {
            for (int a = 0; a < d; a++) {
                m[a] = centres.nextDouble(-10, 10);
            }
        }
        int parts = 2;
        List<Integer> seeds = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            seeds.add(p);
        }
        JavaRDD<Row> rows = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .parallelize(seeds, parts).flatMap(p -> {
                    SplittableRandom rng = new SplittableRandom(7L * p + 1);
                    int count = n / parts + (p < n % parts ? 1 : 0);
                    List<Row> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        double[] m = mu[rng.nextInt(k)];
                        double[] x = new double[d];
                        for (int a = 0; a < d; a++) {
                            x[a] = m[a] + rng.nextGaussian() * (0.5 + 0.1 * (a % 5));
                        }
                        out.add(RowFactory.create(Vectors.dense(x)));
                    }
                    return out.iterator();
                });
        return spark.createDataFrame(rows, new StructType().add("features", new VectorUDT(), false));
    }
}
