package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/** Multivariate normal fits; each test names its oracle and tolerance. */
class MultivariateNormalFamilyTest {
    static final double[] MEAN = {1, -2, 0.5};
    static final double[] COV = {4, 1.2, -0.6, 1.2, 2, 0.3, -0.6, 0.3, 1};

    private static double[] draws(int n, long seed) {
        MultivariateNormal truth = MultivariateNormal.of(MEAN, COV);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rows = new double[n * 3];
        for (int i = 0; i < n; i++) {
            System.arraycopy(truth.sample(rng), 0, rows, i * 3, 3);
        }
        return rows;
    }

    /** Oracle: the truth; rtol 0.1 of each entry's scale from 20000 draws (tests the sampler too). */
    @Test
    void recoversMeanAndCovarianceFromDraws() {
        FittedMultivariate<MultivariateNormal> fit = MultivariateNormalFamily.full().fitWeighted(draws(20000, 5), 3, null, null);
        for (int j = 0; j < 3; j++) {
            assertThat(fit.distribution().mean()[j]).isCloseTo(MEAN[j], within(0.1 * Math.sqrt(COV[j * 3 + j])));
        }
        for (int k = 0; k < 9; k++) {
            assertThat(fit.distribution().covariance()[k]).isCloseTo(COV[k], within(0.1 * Math.sqrt(COV[(k / 3) * 4] * COV[(k % 3) * 4])));
        }
    }

    /**
     * Oracle: closed forms, 1e-10 relative. At the MLE the log-likelihood is
     * −n/2·(d(1 + log 2π) + log det Σ̂); integer weights equal repeated rows; the diagonal fit equals
     * the diagonal of the full fit.
     */
    @Test
    void weightedFitObeysItsClosedFormLaws() {
        double[] rows = draws(50, 6);
        double[] w = new double[50];
        int total = 0;
        for (int i = 0; i < 50; i++) {
            w[i] = i % 4;
            total += (int) w[i];
        }
        double[] repeated = new double[total * 3];
        int r = 0;
        for (int i = 0; i < 50; i++) {
            for (int c = 0; c < w[i]; c++) {
                System.arraycopy(rows, i * 3, repeated, 3 * r++, 3);
            }
        }
        FittedMultivariate<MultivariateNormal> weighted = MultivariateNormalFamily.full().fitWeighted(rows, 3, w, null);
        FittedMultivariate<MultivariateNormal> expanded = MultivariateNormalFamily.full().fitWeighted(repeated, 3, null, null);
        FittedMultivariate<MultivariateNormal> diag = MultivariateNormalFamily.diagonal().fitWeighted(rows, 3, w, null);

        double expectedLl = -0.5 * total * (3 * (1 + Math.log(2 * Math.PI)) + weighted.distribution().logDeterminant());
        assertThat(weighted.logLikelihood()).isCloseTo(expectedLl, within(1e-10 * Math.abs(expectedLl)));
        assertThat(weighted.logLikelihood()).isCloseTo(expanded.logLikelihood(), within(1e-10 * Math.abs(expectedLl)));
        for (int k = 0; k < 9; k++) {
            double c = expanded.distribution().covariance()[k];
            assertThat(weighted.distribution().covariance()[k]).isCloseTo(c, within(1e-10 * Math.abs(c)));
            double dk = k % 4 == 0 ? c : 0;
            assertThat(diag.distribution().covariance()[k]).isCloseTo(dk, within(1e-10 * Math.abs(dk)));
        }
        assertThat(weighted.standardErrors().get("cov[x1,x2]")).isCloseTo(expanded.standardErrors().get("cov[x1,x2]"), within(1e-12));
        assertThat(weighted.nParameters()).isEqualTo(9);
        assertThat(diag.nParameters()).isEqualTo(6);
        assertThat(diag.bic()).isEqualTo(-2 * diag.logLikelihood() + 6 * Math.log(total));
    }

    /** Oracle: the textbook bivariate normal density formula with correlation ρ, 1e-12 relative. */
    @Test
    void logDensityMatchesTheBivariateFormula() {
        double s1 = 2;
        double s2 = 0.5;
        double rho = -0.7;
        MultivariateNormal mvn = MultivariateNormal.of(new double[] {1, 3}, new double[] {s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2});
        double z1 = (0.2 - 1) / s1;
        double z2 = (3.9 - 3) / s2;
        double q = (z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (1 - rho * rho);
        double expected = -Math.log(2 * Math.PI * s1 * s2 * Math.sqrt(1 - rho * rho)) - q / 2;
        assertThat(mvn.logDensity(new double[] {0.2, 3.9})).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    @Test
    void singularOrNonFiniteDataIsAUserError() {
        DataMatrix collinear = DataMatrix.of(new double[][] {{1, 2}, {2, 4}, {3, 6}, {4, 8.0}});
        assertThatThrownBy(() -> MultivariateNormalFamily.full().fit(collinear)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("singular");
        DataMatrix constant = DataMatrix.of(new double[][] {{1, 2}, {2, 2}, {3, 2}});
        assertThatThrownBy(() -> MultivariateNormalFamily.diagonal().fit(constant)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("column x2 is constant");
        assertThatThrownBy(() -> MultivariateNormalFamily.full().fitWeighted(new double[] {1, 2, Double.NaN, 4}, 2, null, null))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("row 2, column x1: value NaN");
    }
}
