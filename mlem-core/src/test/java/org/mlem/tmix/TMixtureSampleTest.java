package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/** Draws from a t mixture: their moments are the model's, and a fit recovers the model. */
class TMixtureSampleTest {

    private static final double[] WEIGHTS = {0.35, 0.65};
    private static final double[][] MEANS = {{0, 0}, {8, 4}};
    private static final double[][][] SCALES = {{{1, 0.5}, {0.5, 2}}, {{3, -1}, {-1, 1}}};
    private static final double[] DF = {5, 12};
    private static final TMixture TRUTH = TMixture.of(WEIGHTS, MEANS, SCALES, DF);
    private static final int N = 40_000;

    /**
     * Oracle: the multivariate t's moments. Each component's share is within 5 binomial standard
     * errors of π_j; its sample mean within 5 standard errors √(Cov_aa / n_j) of μ_j, and its sample
     * covariance within rtol 0.1 (the recovery tier) of {@code ν/(ν−2) Σ_j}; the component labels
     * returned are the components drawn from (checked through those moments).
     */
    @Test
    void drawsHaveTheModelsMoments() {
        TMixture.Sample s = TRUTH.sample(N, 17, List.of("a", "b"));
        DataMatrix x = s.data();
        assertThat(x.rows()).isEqualTo(N);
        assertThat(x.columns()).containsExactly("a", "b");
        int[] comp = s.components();
        for (int j = 0; j < 2; j++) {
            double[] sum = new double[2];
            double[][] sq = new double[2][2];
            int nj = 0;
            for (int i = 0; i < N; i++) {
                if (comp[i] == j) {
                    nj++;
                    for (int a = 0; a < 2; a++) {
                        sum[a] += x.get(i, a);
                    }
                }
            }
            double[] mean = {sum[0] / nj, sum[1] / nj};
            for (int i = 0; i < N; i++) {
                if (comp[i] == j) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            sq[a][b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]) / nj;
                        }
                    }
                }
            }
            double share = nj / (double) N;
            assertThat(Math.abs(share - WEIGHTS[j])).isLessThan(5 * Math.sqrt(WEIGHTS[j] * (1 - WEIGHTS[j]) / N));
            double inflate = DF[j] / (DF[j] - 2);
            for (int a = 0; a < 2; a++) {
                double sd = Math.sqrt(inflate * SCALES[j][a][a] / nj);
                assertThat(Math.abs(mean[a] - MEANS[j][a])).as("mean %d %d", j, a).isLessThan(5 * sd);
                for (int b = 0; b < 2; b++) {
                    double want = inflate * SCALES[j][a][b];
                    double floor = inflate * Math.sqrt(SCALES[j][a][a] * SCALES[j][b][b]);
                    assertThat(Math.abs(sq[a][b] - want) / floor).as("cov %d %d %d", j, a, b).isLessThan(0.1);
                }
            }
        }
    }

    /**
     * Oracle: recovery (rtol 0.1 tier). EM from the truth on 40,000 draws returns weights and
     * locations within 0.02, scales within 10% and ν within 20% (ν's standard error is the largest).
     */
    @Test
    void aFitOfTheDrawsRecoversTheModel() {
        DataMatrix x = TRUTH.sample(N, 3).data();
        TMixture m = TMixtureEstimator.of(2).withEm(EmOptions.DEFAULTS.withTolerance(1e-9).withMaxIterations(500))
                .fit(x, TRUTH).model();
        for (int j = 0; j < 2; j++) {
            assertThat(Math.abs(m.weights()[j] - WEIGHTS[j])).isLessThan(0.02);
            assertThat(Math.abs(m.degreesOfFreedom()[j] - DF[j]) / DF[j]).as("df %d", j).isLessThan(0.2);
            for (int a = 0; a < 2; a++) {
                assertThat(Math.abs(m.mean(j)[a] - MEANS[j][a])).isLessThan(0.05);
                for (int b = 0; b < 2; b++) {
                    double floor = Math.sqrt(SCALES[j][a][a] * SCALES[j][b][b]);
                    assertThat(Math.abs(m.scale(j)[a][b] - SCALES[j][a][b]) / floor).isLessThan(0.1);
                }
            }
        }
    }

    /** Oracle: determinism by construction (a seeded generator); another seed gives other rows. */
    @Test
    void theSameSeedGivesTheSameRows() {
        assertThat(TRUTH.sample(50, 9).data().values()).containsExactly(TRUTH.sample(50, 9).data().values());
        assertThat(TRUTH.sample(50, 9).data().values()).isNotEqualTo(TRUTH.sample(50, 10).data().values());
        assertThatThrownBy(() -> TRUTH.sample(0, 1)).isInstanceOf(MlemUserException.class).hasMessageContaining("at least 1");
    }
}
