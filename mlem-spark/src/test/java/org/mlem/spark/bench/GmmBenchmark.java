package org.mlem.spark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.mlem.gmm.CovarianceStructure;
import org.mlem.spark.GaussianMixture;
import org.mlem.spark.GaussianMixtureModel;
import org.mlem.spark.cluster.JavaSources;
import org.mlem.spark.cluster.StandaloneCluster;

/**
 * Per-iteration and whole-job time of mlem-spark's Gaussian mixture against Spark MLlib's on the
 * same cached DataFrame (full covariances, fixed iteration count, tol 0). Not a test; run by hand:
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -Dspark.jvm.flags="$SPARK_JVM_FLAGS" -cp ... org.mlem.spark.bench.GmmBenchmark \
 *     N D K ITERATIONS [both|mlem|mllib] [local|cluster]
 * </pre>
 *
 * {@code local} runs in {@code local[2]}; {@code cluster} starts a standalone master and two
 * one-core workers ({@link StandaloneCluster}, from {@code mlem-spark/target}: run it there after
 * {@code package}) and ships the shaded jar and this module's test classes to them.
 *
 * <p>Rows come from k well-separated clusters (centres uniform in [-10, 10]^d), drawn on the
 * executors with a seeded generator per partition. Both fits are scored on the same yardstick:
 * each library's own reported log-likelihood, and MLlib's fitted mixture's log-likelihood as mlem
 * computes it over the same rows.
 */
public final class GmmBenchmark {
    private GmmBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        String which = args.length > 4 ? args[4] : "both";
        boolean onCluster = args.length > 5 && args[5].equals("cluster");
        StandaloneCluster cluster = null;
        SparkSession spark;
        if (onCluster) {
            cluster = StandaloneCluster.start(2, Path.of(System.getProperty("mlem.spark.jar", "target/mlem-spark-0.1.0-SNAPSHOT-all.jar")));
            Path testJar = Files.createTempFile("mlem-spark-bench", ".jar");
            spark = cluster.session("mlem-gmm-bench", 2, JavaSources.jar(Path.of("target/test-classes"), testJar));
        } else {
            spark = SparkSession.builder().master("local[2]").appName("mlem-gmm-bench")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        try {
            run(spark, n, d, k, iterations, which);
        } finally {
            spark.stop();
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    static void run(SparkSession spark, int n, int d, int k, int iterations, String which) {
        Dataset<Row> df = data(spark, n, d, k).cache();
        System.out.printf(Locale.ROOT, "rows=%d d=%d k=%d partitions=%d master=%s%n", df.count(), d, k,
                df.rdd().getNumPartitions(), spark.sparkContext().master());
        if (!which.equals("mllib")) {
            long t0 = System.nanoTime();
            GaussianMixtureModel m = new GaussianMixture().setK(k).setMaxIter(iterations).setTol(0).setSeed(1)
                    .setNInit(1).setAcceleration("none").fit(df);
            double total = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "mlem   iterations=%d perIteration=%.3fs wholeJob=%.1fs init=%.1fs logLik=%.6e%n",
                    m.summary().iterations(), m.summary().fitSeconds() / m.summary().iterations(), total,
                    m.summary().initSeconds(), m.summary().logLikelihood());
        }
        if (!which.equals("mlem")) {
            long t0 = System.nanoTime();
            org.apache.spark.ml.clustering.GaussianMixtureModel m = new org.apache.spark.ml.clustering.GaussianMixture()
                    .setK(k).setMaxIter(iterations).setTol(0).setSeed(1).fit(df);
            double total = (System.nanoTime() - t0) * 1e-9;
            GaussianMixtureSummary s = m.summary();
            System.out.printf(Locale.ROOT, "mllib  iterations=%d perIteration=%.3fs wholeJob=%.1fs logLik=%.6e (mlem's yardstick %.6e)%n",
                    s.numIter(), total / s.numIter(), total, s.logLikelihood(), logLikelihoodByMlem(m, df));
        }
    }

    /** MLlib's fitted mixture as mlem scores it: the sum of {@code log p(x)} over the rows. */
    static double logLikelihoodByMlem(org.apache.spark.ml.clustering.GaussianMixtureModel m, Dataset<Row> df) {
        int k = m.getK();
        int d = m.gaussians()[0].mean().size();
        double[][] means = new double[k][];
        double[][][] covs = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            means[j] = m.gaussians()[j].mean().toArray();
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    covs[j][a][b] = m.gaussians()[j].cov().apply(a, b);
                }
            }
        }
        org.mlem.gmm.GaussianMixture mix = org.mlem.gmm.GaussianMixture.of(m.weights(), means,
                CovarianceStructure.FULL.fromShape(covs, k, d));
        Row sum = new GaussianMixtureModel(mix).setPredictionCol("").setProbabilityCol("").transform(df)
                .agg(org.apache.spark.sql.functions.sum("logLikelihood")).first();
        return sum.getDouble(0);
    }

    static Dataset<Row> data(SparkSession spark, int n, int d, int k) {
        SplittableRandom centres = new SplittableRandom(2024);
        double[][] mu = new double[k][d];
        for (double[] m : mu) {
            for (int a = 0; a < d; a++) {
                m[a] = centres.nextDouble(-10, 10);
            }
        }
        JavaRDD<Row> rows = generated(spark, n, 2, 7, 1, (rng, count) -> {
            List<Row> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                double[] m = mu[rng.nextInt(k)];
                double[] x = new double[d];
                for (int a = 0; a < d; a++) {
                    x[a] = m[a] + rng.nextGaussian() * (0.5 + 0.1 * (a % 5));
                }
                out.add(RowFactory.create(Vectors.dense(x)));
            }
            return out;
        });
        return spark.createDataFrame(rows, new StructType().add("features", new VectorUDT(), false));
    }

    /**
     * Rows made on the executors by {@code rows}: {@code parts} partitions, partition p's
     * generator seeded {@code seedFactor * p + seedOffset}.
     */
    static JavaRDD<Row> generated(SparkSession spark, int n, int parts, long seedFactor, long seedOffset,
            RowMaker rows) {
        List<Integer> seeds = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            seeds.add(p);
        }
        return new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext()).parallelize(seeds, parts)
                .flatMap(p -> rows.make(new SplittableRandom(seedFactor * p + seedOffset), n / parts + (p < n % parts ? 1 : 0))
                        .iterator());
    }

    /** Makes one partition's rows. */
    @FunctionalInterface
    interface RowMaker extends java.io.Serializable {
        List<Row> make(SplittableRandom rng, int count);
    }
}
