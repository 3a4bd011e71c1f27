package org.mlem.missing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.testkit.Tolerances;

/**
 * The E-step from each missing pattern's moments ({@link PatternMoments}) against the reference,
 * {@link MvnMissingModel#accumulate} over every row: the same statistics and log-likelihood to
 * 1e-11 relative (the sums are taken in another order), and the same fit to 1e-10.
 */
class PatternMomentsTest {

    /** Rows of a correlated normal, weights 0..3 (some zero), each cell missing with probability 0.25. */
    private static DataMatrix table(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian();
            boolean any = false;
            for (int a = 0; a < d; a++) {
                rows[i][a] = 3 * a + z * (1 + 0.3 * a) + rng.nextGaussian();
                if (rng.nextDouble() < 0.25) {
                    rows[i][a] = Double.NaN;
                } else {
                    any = true;
                }
            }
            if (!any) {
                rows[i][rng.nextInt(d)] = rng.nextGaussian();
            }
            w[i] = rng.nextInt(4);
        }
        return DataMatrix.of(rows).withWeights(w);
    }

    @Test
    void theEStepEqualsTheRowByRowReference() {
        int d = 5;
        DataMatrix x = table(3_000, d, 11);
        SplittableRandom rng = new SplittableRandom(5);
        double[] mu = new double[d];
        double[][] cov = new double[d][d];
        for (int a = 0; a < d; a++) {
            mu[a] = rng.nextGaussian();
            for (int b = 0; b < d; b++) {
                cov[a][b] = (a == b ? 2.0 + a : 0.4) * (1 + 0.1 * b * (a == b ? 0 : 1) + 0.1 * a * (a == b ? 0 : 1));
            }
        }
        MvnParameters p = MvnParameters.of(mu, cov);
        MvnMissingModel model = new MvnMissingModel();
        MvnStats want = model.emptyStats(p);
        double wantLl = model.accumulate(p, x.all(), want);
        PatternMoments moments = PatternMoments.of(x);
        assertThat(moments).isNotNull();
        assertThat(moments.patterns()).isGreaterThan(20);
        BlockReducer.Result<MvnStats> got = moments.eStep(model).run(p);
        assertThat(Tolerances.relativeError(got.logLikelihood(), wantLl, 0)).isLessThan(1e-11);
        assertThat(Tolerances.relativeError(got.stats().weight, want.weight, 0)).isLessThan(1e-14);
        double scale = Math.sqrt(want.weight);
        for (int a = 0; a < d; a++) {
            assertThat(Tolerances.relativeError(got.stats().s1[a], want.s1[a], scale)).as("s1[%d]", a).isLessThan(1e-11);
        }
        for (int a = 0; a < d * d; a++) {
            assertThat(Tolerances.relativeError(got.stats().s2[a], want.s2[a], want.weight)).as("s2[%d]", a)
                    .isLessThan(1e-11);
        }
    }

    @Test
    void theFitEqualsTheRowByRowFit() {
        DataMatrix x = table(2_000, 4, 3);
        MvnMissingEstimator est = MvnMissingEstimator.defaults();
        MvnFit fast = est.run(x, null, false);
        MvnFit plain = est.run(x, null, true);
        assertThat(Tolerances.relativeError(fast.logLikelihood(), plain.logLikelihood(), 0)).isLessThan(1e-10);
        assertThat(fast.iterations()).isEqualTo(plain.iterations());
        double[] a = plain.parameters().meanFlat();
        double[] b = fast.parameters().meanFlat();
        double[] ca = plain.parameters().covFlat();
        double[] cb = fast.parameters().covFlat();
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).isLessThan(1e-8);
        }
        for (int i = 0; i < ca.length; i++) {
            assertThat(Math.abs(ca[i] - cb[i])).isLessThan(1e-8);
        }
        try (BlockReducer reducer = new BlockReducer(2)) { // the fast fit's ℓ is the rows' ℓ at its parameters
            double rows = EmDriver.logLikelihood(new MvnMissingModel(), x, fast.parameters(), reducer);
            assertThat(Tolerances.relativeError(rows, fast.logLikelihood(), 0)).isLessThan(1e-12);
        }
    }
}
