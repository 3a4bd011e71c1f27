package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.io.ModelJson;
import org.mlem.spark.ClusterCase.Answer;
import org.mlem.spark.cluster.StandaloneCluster;

/**
 * mlem-spark on a real multi-process cluster: a standalone master and three one-core workers, each a
 * JVM of its own, the driver in this JVM (two executors), mlem shipped to the executors as the
 * shaded jar through {@code spark.jars}; the example application runs beside on the third worker. Models and statistics cross process boundaries by Java serialisation and
 * mlem's classes load from the shipped jar, which {@code local[2]} never exercises.
 *
 * <p>Oracle for every fit: the single-machine fit of mlem-core on the same rows, start and seed;
 * tolerance 1e-9 relative to each parameter array's scale (the statistics are merged along the
 * same fixed tree, so only summation order inside a block could differ), same iteration count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static final double RTOL = 1e-9;

    private StandaloneCluster cluster;
    private SparkSession spark;
    /**
     * The example application's {@code spark-submit}: compiled and launched at the start, it runs on
     * a worker of its own (one core) while the cases run on the other two (they wait on Spark's
     * latency more than on CPU; it was the last 107 of the class's 321 s when it ran after them).
     */
    private CompletableFuture<Process> example;

    @BeforeAll
    void startCluster() {
        cluster = StandaloneCluster.start(3, Path.of(System.getProperty("mlem.spark.jar",
                "target/mlem-spark-0.1.0-SNAPSHOT-all.jar")));
        CompletableFuture<Path> exampleJar = CompletableFuture.supplyAsync(() -> {
            try {
                Path dir = Files.createDirectories(cluster.home().resolve("example-app"));
                return ExampleApp.build(Path.of(System.getProperty("mlem.basedir", "..")).resolve("examples/spark-app"), cluster, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        example = exampleJar.thenApplyAsync(jar -> {
            try {
                return submitExample(jar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    void stopCluster() {
        stopSession();
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A session whose two executors (one per worker, at most two cores) have registered. */
    private SparkSession spark() {
        if (spark == null) {
            spark = cluster.session("mlem-cluster-it", 2);
        }
        return spark;
    }

    private void stopSession() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }

    /** Every model the cluster must fit as one machine does: one line each. */
    static Stream<ClusterCase> cases() {
        return Stream.of(
                new ClusterCase("gmm full, given start, 4 partitions",
                        s -> givenStartOnCluster(s, CovarianceStructure.FULL, 4), () -> givenStartLocally(CovarianceStructure.FULL)),
                new ClusterCase("gmm tied, given start, 3 partitions",
                        s -> givenStartOnCluster(s, CovarianceStructure.TIED, 3), () -> givenStartLocally(CovarianceStructure.TIED)),
                new ClusterCase("gmm diag, weights and labels, one start (not the automatic ten), 15 plain EM iterations, 5 partitions",
                        s -> semiSupervisedOnCluster(s, 5), ClusterIT::semiSupervisedLocally),
                new ClusterCase("gmm full, k-means++ start, 4 partitions",
                        s -> kMeansOnCluster(s, 4), ClusterIT::kMeansLocally),
                new ClusterCase("gmm full, 10 dimensions (the kernels' packed factors), given start, 3 partitions",
                        s -> wideOnCluster(s, 3), ClusterIT::wideLocally),
                new ClusterCase("glm poisson, factor and offset column, 4 partitions",
                        s -> GlmOnSparkTest.answer(GlmOnSparkTest.onSpark(GlmOnSparkTest.CASES.get(1),
                                GlmOnSparkTest.frame(s, GlmOnSparkTest.cells(), 4))),
                        () -> GlmOnSparkTest.answer(GlmOnSparkTest.onOneMachine(GlmOnSparkTest.CASES.get(1),
                                GlmOnSparkTest.cells()))),
                HmmOnSparkTest.clusterCase(3),
                RegmixOnSparkTest.clusterCase(3),
                DistOnSparkTest.clusterCase(3),
                MvnOnSparkTest.clusterCase(3));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAnswerAsOneMachine(ClusterCase c) {
        Answer distributed = c.onCluster().apply(spark());
        distributed.assertEquals(c.onOneMachine().get(), RTOL);
    }

    /**
     * A worker and its executor are killed (SIGKILL) after the third Spark job of a 20-iteration
     * fit; Spark re-runs the lost tasks and recomputes the lost cached blocks on the other worker,
     * and the fit still equals the single-machine fit. It runs in the cases' session (its two
     * executors registered); the worker killed is one of theirs, not the example application's.
     */
    @Order(2)
    @Test
    void fitSurvivesLosingAWorker() {
        SparkSession s = spark();
        AtomicInteger jobs = new AtomicInteger();
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger jobsAfterRemoval = new AtomicInteger();
        SparkListener killer = new SparkListener() {
            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                if (removed.get() > 0) {
                    jobsAfterRemoval.incrementAndGet();
                }
                if (jobs.incrementAndGet() == 3) {
                    new Thread(() -> cluster.killWorkerRunning(s.sparkContext().applicationId()), "kill-worker").start();
                }
            }

            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                removed.incrementAndGet();
            }
        };
        s.sparkContext().addSparkListener(killer);
        try {
            GaussianMixtureModel m = new GaussianMixture().setK(3).setCovariance("full").setTol(0).setMaxIter(20)
                    .setAcceleration("none").setInitialModel(SameAnswerTest.start(CovarianceStructure.FULL)).setSeed(7)
                    .fit(SparkTestKit.frame(s, SameAnswerTest.data(), 8));
            GaussianMixtureEstimator plain = GaussianMixtureEstimator.of(3);
            MixtureFit<org.mlem.gmm.GaussianMixture> local = plain
                    .withInit(new GmmInit.Given(SameAnswerTest.start(CovarianceStructure.FULL)))
                    .withEm(plain.em().withTolerance(0).withMaxIterations(20).withAcceleration(Acceleration.NONE)).fit(SameAnswerTest.data(), 7);
            assertThat(removed.get()).as("executors lost during the fit").isPositive();
            assertThat(jobsAfterRemoval.get()).as("Spark jobs that ran after the loss").isPositive();
            Answer.gmm(m.summary()).assertEquals(Answer.gmm(local), RTOL);
        } finally {
            s.sparkContext().removeSparkListener(killer);
        }
    }

    /**
     * The example application, compiled from examples/spark-app against Spark and the shaded jar
     * only, runs through Spark's own {@code SparkSubmit} in a JVM of its own (as {@code spark-submit
     * --jars mlem-spark-*-all.jar} does) and writes the single-machine fit. Launched by
     * {@link #startCluster} (one core: {@code spark.cores.max}), it runs beside the cases on the
     * third worker; this test, last, waits for it.
     */
    @Order(3)
    @Test
    void exampleApplicationBySparkSubmit() throws Exception {
        Process submit = example.join();
        assertThat(submit.waitFor(6, TimeUnit.MINUTES)).as("spark-submit finished; log:\n%s", cluster.logTail("spark-submit", 40))
                .isTrue();
        assertThat(submit.exitValue()).as("spark-submit's exit status; log:\n%s", cluster.logTail("spark-submit", 40)).isZero();

        MixtureFit<org.mlem.gmm.GaussianMixture> local = GaussianMixtureEstimator.of(3)
                .withEm(GaussianMixtureEstimator.of(3).em().withRestarts(1)).fit(SameAnswerTest.data(), 1);
        Path out = exampleOut();
        Path json = out.resolve("model").resolve(GaussianMixtureModel.MIXTURE_FILE);
        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        Answer written = new Answer(Answer.arrays(ModelJson.readGmm(json).mixture()),
                new double[] {tree.get("logLikelihood").asDouble()}, tree.get("iterations").asInt());
        written.assertEquals(new Answer(Answer.arrays(local.model()), new double[] {local.logLikelihood()},
                local.iterations()), RTOL);
        try (Stream<Path> scored = Files.list(out.resolve("scored"))) {
            assertThat(scored.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")))
                    .as("scored rows written as Parquet").isTrue();
        }
    }

    private Path exampleOut() {
        return cluster.home().resolve("example-app").resolve("out");
    }

    /** {@code spark-submit} of the example application on {@link SameAnswerTest#data} as CSV, k = 3, one start. */
    private Process submitExample(Path appJar) throws IOException {
        Path dir = appJar.getParent();
        Path csv = dir.resolve("points.csv");
        writeCsv(SameAnswerTest.data(), csv);
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=512m", "--conf", "spark.cores.max=1",
                "--conf", "spark.sql.warehouse.dir=" + dir.resolve("warehouse"),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", StandaloneCluster.JVM_FLAGS),
                "--jars", cluster.shippedJar().toString(), "--class", ExampleApp.MAIN_CLASS, appJar.toString(),
                csv.toString(), "3", "1", exampleOut().toString()));
        return cluster.launchJvm("spark-submit", args);
    }

    static Answer givenStartOnCluster(SparkSession s, CovarianceStructure c, int partitions) {
        return Answer.gmm(new GaussianMixture().setK(3).setCovariance(c.id()).setTol(1e-8).setMaxIter(40)
                .setInitialModel(SameAnswerTest.start(c)).setSeed(7)
                .fit(SparkTestKit.frame(s, SameAnswerTest.data(), partitions)).summary());
    }

    static Answer givenStartLocally(CovarianceStructure c) {
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(3).withCovariance(c);
        return Answer.gmm(e.withInit(new GmmInit.Given(SameAnswerTest.start(c)))
                .withEm(e.em().withTolerance(1e-8).withMaxIterations(40)).fit(SameAnswerTest.data(), 7));
    }

    static Answer semiSupervisedOnCluster(SparkSession s, int partitions) {
        return Answer.gmm(new GaussianMixture().setK(3).setCovariance("diag").setSeed(3).setNInit(1).setAcceleration("none").setMaxIter(15)
                .setWeightCol("weight").setLabelCol("label").fit(SparkTestKit.frame(s, semiSupervisedData(), partitions))
                .summary());
    }

    static Answer semiSupervisedLocally() {
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(3).withCovariance(CovarianceStructure.DIAG);
        return Answer.gmm(e.withEm(e.em().withAcceleration(Acceleration.NONE).withMaxIterations(15).withRestarts(1))
                .fit(semiSupervisedData(), 3));
    }

    /** Weights 1..3 and one row in ten labelled, as {@link SameAnswerTest}'s. */
    static DataMatrix semiSupervisedData() {
        DataMatrix plain = SameAnswerTest.data();
        double[] w = new double[plain.rows()];
        int[] labels = new int[plain.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (i % 3);
            labels[i] = i % 10 == 0 ? (i / 10) % 3 : -1;
        }
        return plain.withWeights(w).withLabels(labels);
    }

    static Answer kMeansOnCluster(SparkSession s, int partitions) {
        return Answer.gmm(new GaussianMixture().setK(3).setNInit(1).setMaxIter(40).setSeed(11)
                .fit(SparkTestKit.frame(s, SameAnswerTest.data(), partitions)).summary());
    }

    static Answer kMeansLocally() {
        return Answer.gmm(GaussianMixtureEstimator.of(3).withEm(GaussianMixtureEstimator.of(3).em().withRestarts(1).withMaxIterations(40))
                .fit(SameAnswerTest.data(), 11));
    }

    /**
     * Two clusters in 10 dimensions, 3000 rows: wide enough that the full-covariance kernels' packed
     * factors differ between the vector and the plain layout (a driver and executors that disagree
     * on {@code --add-modules=jdk.incubator.vector} fit garbage here, not at d = 3).
     */
    static DataMatrix wideData() {
        int d = 10;
        double[][] means = new double[2][d];
        double[][][] cov = new double[2][d][d];
        for (int a = 0; a < d; a++) {
            means[1][a] = 3;
            cov[0][a][a] = 1;
            cov[1][a][a] = 0.5;
        }
        return org.mlem.gmm.GaussianMixture.of(new double[] {0.6, 0.4}, means, CovarianceStructure.FULL.fromShape(cov, 2, d))
                .sample(3000, 5, null).data();
    }

    static org.mlem.gmm.GaussianMixture wideStart() {
        int d = 10;
        double[][] means = new double[2][d];
        double[][][] cov = new double[2][d][d];
        for (int a = 0; a < d; a++) {
            means[0][a] = 1;
            means[1][a] = 2;
            cov[0][a][a] = 2;
            cov[1][a][a] = 2;
        }
        return org.mlem.gmm.GaussianMixture.of(new double[] {0.5, 0.5}, means, CovarianceStructure.FULL.fromShape(cov, 2, d));
    }

    static Answer wideOnCluster(SparkSession s, int partitions) {
        return Answer.gmm(new GaussianMixture().setK(2).setTol(1e-8).setMaxIter(40).setInitialModel(wideStart()).setSeed(5)
                .fit(SparkTestKit.frame(s, wideData(), partitions)).summary());
    }

    static Answer wideLocally() {
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(2);
        return Answer.gmm(e.withInit(new GmmInit.Given(wideStart())).withEm(e.em().withTolerance(1e-8).withMaxIterations(40))
                .fit(wideData(), 5));
    }

    /** Columns x1.. with a header; {@code Double.toString} reads back to the same double. */
    static void writeCsv(DataMatrix x, Path csv) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < x.cols(); a++) {
            b.append(a == 0 ? "" : ",").append("x").append(a + 1);
        }
        b.append('\n');
        for (int i = 0; i < x.rows(); i++) {
            double[] row = x.row(i);
            for (int a = 0; a < row.length; a++) {
                b.append(a == 0 ? "" : ",").append(row[a]);
            }
            b.append('\n');
        }
        Files.writeString(csv, b, StandardCharsets.UTF_8);
    }
}
