package org.mlem.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.GmmStats;

/** Stepwise EM ({@link OnlineGaussianMixtureEstimator}) and its statistics update ({@link GmmStats#stepTowards}). */
class OnlineEmTest {

    /** Three overlapping components in 2-D: batch EM needs many iterations here. */
    private static final GaussianMixture TRUTH = GaussianMixture.of(new double[] {0.3, 0.3, 0.4},
            new double[][] {{0, 0}, {2, 1}, {-1, 2}}, CovarianceStructure.FULL.fromShape(new double[][][] {
                {{1, 0.3}, {0.3, 1}}, {{0.8, -0.2}, {-0.2, 1.2}}, {{1.5, 0}, {0, 0.6}}}, 3, 2));

    private static final GaussianMixture START = GaussianMixture.of(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
            new double[][] {{1, -1}, {3, 0}, {-2, 3}}, CovarianceStructure.FULL.fromShape(new double[][][] {
                {{2, 0}, {0, 2}}, {{2, 0}, {0, 2}}, {{2, 0}, {0, 2}}}, 3, 2));

    /**
     * Oracle: batch EM from the same start run to convergence (tolerance 1e-10 on the mean
     * log-likelihood). Claim: 2 passes of online EM (α = 0.6, 20 mini-batches of 2,048 rows per
     * pass) reach a log-likelihood within 0.1% of batch EM's, in fewer passes over the data than
     * batch EM's iterations.
     */
    @Test
    void twoPassesComeWithinATenthOfAPercentOfBatchEm() {
        DataMatrix data = TRUTH.sample(20 * BlockSource.BLOCK_ROWS, 17, null).data();
        GaussianMixtureEstimator batch = GaussianMixtureEstimator.of(3).withInit(new GmmInit.Given(START))
                .withEm(EmOptions.DEFAULTS.withTolerance(1e-10).withMaxIterations(2000).withThreads(2));
        MixtureFit<GaussianMixture> full = batch.fit(data, 1);
        MixtureFit<GaussianMixture> online = OnlineGaussianMixtureEstimator.of(batch).withBatchBlocks(1).withPasses(2)
                .fit(data, 1);
        assertThat(full.converged()).isTrue();
        assertThat(online.iterations()).isEqualTo(2).isLessThan(full.iterations());
        double rel = Math.abs(online.logLikelihood() - full.logLikelihood()) / Math.abs(full.logLikelihood());
        assertThat(rel).isLessThan(1e-3);
        assertThat(online.logLikelihood()).isLessThanOrEqualTo(full.logLikelihood() + 1e-9 * Math.abs(full.logLikelihood()));
    }

    /** Oracle: bits equal on 1 and 2 threads (the batches' statistics merge in block order). */
    @Test
    void resultDoesNotDependOnThreads() {
        DataMatrix data = TRUTH.sample(6 * BlockSource.BLOCK_ROWS + 100, 3, null).data();
        double[] ll = new double[2];
        for (int threads = 1; threads <= 2; threads++) {
            GaussianMixtureEstimator batch = GaussianMixtureEstimator.of(3).withEm(EmOptions.DEFAULTS.withThreads(threads));
            ll[threads - 1] = OnlineGaussianMixtureEstimator.of(batch).withBatchBlocks(2).fit(data, 5).logLikelihood();
        }
        assertThat(ll[1]).isEqualTo(ll[0]);
    }

    /**
     * Oracle: the closed-form weighted MLE. With known labels the statistics are exact class
     * moments, so {@code a.stepTowards(b, γ)} must be the statistics of the union of A's rows with
     * weight (1−γ)/N_A and B's with weight γ/N_B; its M-step equals the all-labelled fit of that
     * weighted union. Tolerance 1e-10 relative (rounding; the statistics are about different shifts).
     */
    @Test
    void stepIsTheWeightedUnionOfTheTwoStatistics() {
        for (CovarianceStructure structure : CovarianceStructure.values()) {
            DataMatrix a = labelled(TRUTH.sample(300, 1, null));
            DataMatrix b = labelled(TRUTH.sample(500, 2, null));
            double gamma = 0.3;
            GmmModel model = new GmmModel(structure, 1e-6);
            GaussianMixture about = GaussianMixtureEstimator.of(3).withCovariance(structure).fit(a, 1).model();
            GmmStats sa = stats(model, about, a);
            GaussianMixture other = GaussianMixtureEstimator.of(3).withCovariance(structure).fit(b, 1).model();
            GmmStats sb = stats(model, other, b);
            GaussianMixture stepped = model.maximize(sa.stepTowards(sb, gamma));
            DataMatrix union = union(a, (1 - gamma) / a.rows(), b, gamma / b.rows());
            GaussianMixture expected = GaussianMixtureEstimator.of(3).withCovariance(structure).fit(union, 1).model();
            for (int j = 0; j < 3; j++) {
                assertThat(stepped.weights()[j]).isCloseTo(expected.weights()[j], within(1e-10));
                for (int x = 0; x < 2; x++) {
                    assertThat(stepped.mean(j)[x]).isCloseTo(expected.mean(j)[x], within(1e-10));
                    for (int y = 0; y < 2; y++) {
                        assertThat(stepped.covariance(j)[x][y]).isCloseTo(expected.covariance(j)[x][y], within(1e-10));
                    }
                }
            }
        }
    }

    @Test
    void stepExponentOutsideTheConvergentRangeIsRefused() {
        GaussianMixtureEstimator batch = GaussianMixtureEstimator.of(2);
        assertThatThrownBy(() -> OnlineGaussianMixtureEstimator.of(batch).withAlpha(0.5))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("(0.5, 1]");
        assertThat(OnlineGaussianMixtureEstimator.of(batch).withAlpha(1).stepSize(0)).isEqualTo(0.5);
    }

    private static DataMatrix labelled(GaussianMixture.Sample s) {
        return s.data().withLabels(s.components());
    }

    private static GmmStats stats(GmmModel model, GaussianMixture params, DataMatrix x) {
        GmmStats into = model.emptyStats(params);
        for (int b = 0; b < x.blockCount(); b++) {
            model.accumulate(params, x.block(b), into);
        }
        return into;
    }

    private static DataMatrix union(DataMatrix a, double wa, DataMatrix b, double wb) {
        int d = a.cols();
        int n = a.rows() + b.rows();
        double[] v = new double[n * d];
        double[] w = new double[n];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            DataMatrix src = i < a.rows() ? a : b;
            int r = i < a.rows() ? i : i - a.rows();
            System.arraycopy(src.row(r), 0, v, i * d, d);
            w[i] = i < a.rows() ? wa : wb;
            z[i] = src.label(r);
        }
        return DataMatrix.of(v, n, d, null).withWeights(w).withLabels(z);
    }
}
