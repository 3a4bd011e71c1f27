package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnMissingModel;
import org.mlem.missing.MvnParameters;

/** Standard errors of the multivariate normal, with and without missing cells. */
class MvnUncertaintyTest {
    static final MvnParameters TRUTH = MvnParameters.of(new double[] {1, -2, 5},
            new double[][] {{2, 0.6, -0.4}, {0.6, 1, 0.3}, {-0.4, 0.3, 3}});
    static final MvnMissingEstimator EST = new MvnMissingEstimator(
            MvnMissingEstimator.DEFAULT_OPTIONS.withThreads(1).withTolerance(1e-13));

    /** n rows from the truth; with {@code missing}, about that share of cells blanked (never a whole row). */
    static DataMatrix data(int n, double missing, long seed) {
        DataMatrix full = MvnUncertainty.simulated(TRUTH, DataMatrix.of(new double[n * 3], n, 3, null), seed);
        double[] v = full.values();
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (int i = 0; i < n; i++) {
            int keep = rng.nextInt(3);
            for (int a = 0; a < 3; a++) {
                if (a != keep && rng.nextDouble() < missing) {
                    v[i * 3 + a] = Double.NaN;
                }
            }
        }
        return DataMatrix.of(v, n, 3, null);
    }

    static MvnParameters fromFree(double[] t) {
        return MvnParameters.of(new double[] {t[0], t[1], t[2]},
                new double[][] {{t[3], t[4], t[5]}, {t[4], t[6], t[7]}, {t[5], t[7], t[8]}});
    }

    static double logLikelihood(MvnParameters p, DataMatrix x) {
        MvnMissingModel model = new MvnMissingModel();
        return model.accumulate(p, x.all(), model.emptyStats(p));
    }

    /** Oracle: closed form. With every cell observed the information's mean block is nΣ⁻¹: SE(mean_a) = sqrt(Σ_aa / n), 1e-10. */
    @Test
    void completeDataMeanStandardErrorsAreSdOverRootN() {
        DataMatrix x = data(250, 0, 3);
        MvnParameters p = EST.fit(x).parameters();
        ParameterEstimates se = MvnUncertainty.observed(p, x).estimates();
        double[][] cov = p.covariance();
        for (int a = 0; a < 3; a++) {
            double expected = Math.sqrt(cov[a][a] / 250);
            assertThat(se.standardError("mean[x" + (a + 1) + "]")).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-10 * expected));
        }
        // and the variance's: sqrt(2 σ_aa² / n) (normal theory, the mean block and covariance block decouple at the MLE)
        assertThat(se.standardError("cov[x1,x1]")).isCloseTo(Math.sqrt(2 * cov[0][0] * cov[0][0] / 250),
                org.assertj.core.data.Offset.offset(1e-8));
    }

    /** Oracle: central differences of the observed-data log-likelihood with 25% of cells missing; 1e-4 relative. */
    @Test
    void observedInformationMatchesTheNumericalHessianWithMissingCells() {
        DataMatrix x = data(300, 0.25, 4);
        MvnParameters p = EST.fit(x).parameters();
        ObservedInformation info = MvnUncertainty.observed(p, x);
        assertThat(info.positiveDefinite()).isTrue();
        InformationCheck.assertMatches(info, t -> logLikelihood(fromFree(t), x), MvnUncertainty.values(p), 1e-4);
        double[] moved = MvnUncertainty.values(p);
        for (int q = 0; q < moved.length; q++) {
            moved[q] *= 1.05;
        }
        InformationCheck.assertMatches(MvnUncertainty.observed(fromFree(moved), x), t -> logLikelihood(fromFree(t), x),
                moved, 1e-4);
    }

    @Test
    void bootstrapIsTheSameBitsOnOneAndTwoThreads() {
        DataMatrix x = data(200, 0.2, 5);
        BootstrapChecks.sameBitsOnOneAndTwoThreads(MvnUncertainty.bootstrap(EST), x, EST.fit(x).parameters(), 5);
    }

    /**
     * Oracle: the observed information's SEs. 2000 rows, 20% of cells missing, 300 replicates of
     * each kind: every SE within 15% (Monte Carlo error of a bootstrap SE alone about 1/sqrt(2B) = 4%).
     */
    @Test
    void bootstrapAgreesWithTheObservedInformation() {
        DataMatrix x = data(2000, 0.2, 6);
        MvnParameters fit = EST.fit(x).parameters();
        double[] louis = MvnUncertainty.observed(fit, x).standardError();
        for (BootstrapKind kind : BootstrapKind.values()) {
            BootstrapChecks.standardErrorsNear(new Bootstrap(300, kind, 0.95, 0).run(MvnUncertainty.bootstrap(EST), x, fit, 8),
                    louis, 0.15);
        }
    }
}
