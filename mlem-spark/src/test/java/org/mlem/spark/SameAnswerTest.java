package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * The distributed fit equals the single-machine fit. Oracle: {@link GaussianMixtureEstimator#fit}
 * on the same rows, start and seed; tolerance 1e-9 relative to each parameter array's scale
 * (statistics summed in another order differ in the last bits only), same iteration count.
 */
class SameAnswerTest {

    /** Three separated clusters in 3-d, 5000 rows: more than two blocks on one machine. */
    static DataMatrix data() {
        org.mlem.gmm.GaussianMixture truth = org.mlem.gmm.GaussianMixture.of(new double[] {0.5, 0.3, 0.2},
                new double[][] {{0, 0, 0}, {3, 1, -2}, {-2, 4, 1}},
                CovarianceStructure.FULL.fromShape(new double[][][] {
                        {{1, 0.3, 0}, {0.3, 1, 0.2}, {0, 0.2, 1}},
                        {{0.5, 0, 0.1}, {0, 0.8, 0}, {0.1, 0, 0.6}},
                        {{1.5, -0.4, 0}, {-0.4, 0.7, 0}, {0, 0, 0.9}}}, 3, 3));
        return truth.sample(5000, 42, null).data();
    }

    /** A deliberately poor start, so EM runs many iterations. */
    static org.mlem.gmm.GaussianMixture start(CovarianceStructure s) {
        double[][] means = {{1, 1, 1}, {2, 0, -1}, {-1, 2, 0}};
        Object shape = switch (s.storage()) {
            case FULL -> new double[][][] {eye(2), eye(2), eye(2)};
            case TIED -> eye(2);
            case DIAG -> new double[][] {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}};
            default -> new double[] {2, 2, 2};
        };
        return org.mlem.gmm.GaussianMixture.of(new double[] {0.4, 0.3, 0.3}, means, s.fromShape(shape, 3, 3));
    }

    static double[][] eye(double v) {
        return new double[][] {{v, 0, 0}, {0, v, 0}, {0, 0, v}};
    }

    /**
     * Every structure over 3 partitions (each partition's statistics merged on the driver). The
     * other partitionings of the full structure are other tests' (the same GmmModel statistics
     * through the same LatentModelFitter): one partition of these rows (three blocks merged inside
     * it, none across) is {@link #kMeansStartMatchesSingleMachine}'s and
     * {@link #closedFormMatchesSingleMachine}'s, and 7 uneven partitions are
     * {@code EveryKindTest}'s gmm (full, over 3 and 7). Each partition is a task of every E-step:
     * every structure over 8 partitions as well was 36 s of CI (2.5 times its 3-partition case).
     */
    static Stream<Arguments> cases() {
        return Stream.of(CovarianceStructure.values()).map(s -> Arguments.of(s, 3));
    }

    /**
     * At most 20 EM iterations (each a Spark job; 40 before, for the same comparison at twice the CI
     * time): the trace, the iteration count and the parameters after them are compared.
     */
    private static final int GIVEN_START_ITERATIONS = 20;

    @ParameterizedTest(name = "{0}, {1} partitions, given start")
    @MethodSource("cases")
    void givenStartMatchesSingleMachine(CovarianceStructure s, int partitions) {
        DataMatrix x = data();
        MixtureFit<org.mlem.gmm.GaussianMixture> local = GaussianMixtureEstimator.of(3).withCovariance(s)
                .withInit(new GmmInit.Given(start(s))).withEm(GaussianMixtureEstimator.of(3).em().withTolerance(1e-8)
                        .withMaxIterations(GIVEN_START_ITERATIONS))
                .fit(x, 7);
        GaussianMixtureModel spark = new GaussianMixture().setK(3).setCovariance(s.id()).setTol(1e-8)
                .setMaxIter(GIVEN_START_ITERATIONS).setInitialModel(start(s)).setSeed(7).fit(SparkTestKit.frame(x, partitions));
        assertThat(local.iterations()).as("EM moved from the poor start").isGreaterThan(3);
        assertSame(spark, local);
    }

    @ParameterizedTest(name = "k-means++ start, {0} partitions, 2 starts")
    @MethodSource("partitionCounts")
    void kMeansStartMatchesSingleMachine(int partitions) {
        DataMatrix x = data();
        MixtureFit<org.mlem.gmm.GaussianMixture> local = GaussianMixtureEstimator.of(3)
                .withEm(GaussianMixtureEstimator.of(3).em().withRestarts(2)).fit(x, 11);
        GaussianMixtureModel spark = new GaussianMixture().setK(3).setNInit(2).setSeed(11)
                .fit(SparkTestKit.frame(x, partitions));
        assertSame(spark, local);
        assertThat(spark.summary().startLogLikelihoods()[1])
                .isCloseTo(local.startLogLikelihoods()[1], org.assertj.core.api.Assertions.withinPercentage(1e-7));
    }

    /** One partition (blocks merged inside it only) and three (merged across partitions too). */
    static List<Integer> partitionCounts() {
        return List.of(1, 3);
    }

    /**
     * Over 3 partitions only: a fit was 206 Spark jobs (two starts, plain EM; now at most 25
     * iterations each), 8 s of CI a partitioning; blocks merged inside one partition are the other
     * tests' one-partition cases.
     */
    @ParameterizedTest(name = "weights and labels, plain EM, {0} partitions")
    @ValueSource(ints = 3)
    void weightedSemiSupervisedMatchesSingleMachine(int partitions) {
        DataMatrix plain = data();
        double[] w = new double[plain.rows()];
        int[] labels = new int[plain.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (i % 3);
            labels[i] = i % 10 == 0 ? (i / 10) % 3 : -1;
        }
        DataMatrix x = plain.withWeights(w).withLabels(labels);
        GaussianMixtureEstimator plainEm = GaussianMixtureEstimator.of(3).withCovariance(CovarianceStructure.DIAG);
        // two starts, not the automatic ten: the restart path is what is compared, and each later
        // start's screened candidates are Spark jobs by the hundred (ten starts took 100 s a case)
        // and at most 25 iterations a start (CI time; the restart path is the same either way)
        MixtureFit<org.mlem.gmm.GaussianMixture> local = plainEm
                .withEm(plainEm.em().withAcceleration(Acceleration.NONE).withRestarts(2).withMaxIterations(25)).fit(x, 3);
        GaussianMixtureModel spark = new GaussianMixture().setK(3).setCovariance("diag").setSeed(3).setAcceleration("none")
                .setNInit(2).setMaxIter(25).setWeightCol("weight").setLabelCol("label").fit(SparkTestKit.frame(x, partitions));
        assertSame(spark, local);
    }

    @ParameterizedTest(name = "every row labelled (closed form), {0} partitions")
    @MethodSource("partitionCounts")
    void closedFormMatchesSingleMachine(int partitions) {
        DataMatrix plain = data();
        int[] labels = new int[plain.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        DataMatrix x = plain.withLabels(labels);
        MixtureFit<org.mlem.gmm.GaussianMixture> local = GaussianMixtureEstimator.of(3).fit(x, 0);
        GaussianMixtureModel spark = new GaussianMixture().setK(3).setLabelCol("label")
                .fit(SparkTestKit.frame(x, partitions));
        assertSame(spark, local);
    }

    static void assertSame(GaussianMixtureModel spark, MixtureFit<org.mlem.gmm.GaussianMixture> local) {
        org.mlem.gmm.GaussianMixture a = spark.mixture();
        org.mlem.gmm.GaussianMixture b = local.model();
        MixtureFit<org.mlem.gmm.GaussianMixture> f = spark.summary();
        assertThat(f.iterations()).isEqualTo(local.iterations());
        assertThat(f.converged()).isEqualTo(local.converged());
        assertThat(f.bestStart()).isEqualTo(local.bestStart());
        assertThat(SparkTestKit.relativeError(a.weights(), b.weights())).isLessThan(1e-9);
        assertThat(SparkTestKit.relativeError(SparkTestKit.flatten(a.means()), SparkTestKit.flatten(b.means()))).isLessThan(1e-9);
        for (int j = 0; j < b.components(); j++) {
            assertThat(SparkTestKit.relativeError(SparkTestKit.flatten(a.covariance(j)), SparkTestKit.flatten(b.covariance(j))))
                    .isLessThan(1e-9);
        }
        assertThat(Math.abs(f.logLikelihood() - local.logLikelihood()) / Math.abs(local.logLikelihood()))
                .isLessThan(1e-9);
        assertThat(SparkTestKit.relativeError(f.trace(), local.trace())).isLessThan(1e-9);
    }
}
