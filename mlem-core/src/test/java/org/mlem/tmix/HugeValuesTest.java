package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.special.SpecialFunctions;

/**
 * Rows far out and t components with huge degrees of freedom (issue 12): a squared distance that
 * overflows gave NaN probabilities and label 0; log Γ((ν+d)/2) − log Γ(ν/2) lost every digit for
 * ν ≥ 1e13.
 */
class HugeValuesTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * Oracle: closed forms. ν = 3, d = 1: log(2 / (π√3)); ν = ∞: −(d/2) log 2π; large ν: the
     * expansion −(d/2) log 2π + d(d−2)/(4ν) + O(ν⁻²). Tolerance 1e-13 absolute (closed form).
     */
    @Test
    void studentNormaliserMatchesClosedFormsAndTheGaussianLimit() {
        assertThat(SpecialFunctions.logStudentNormaliser(3, 1)).isCloseTo(Math.log(2 / (Math.PI * Math.sqrt(3))), within(1e-14));
        for (int d : new int[] {1, 2, 5}) {
            assertThat(SpecialFunctions.logStudentNormaliser(Double.POSITIVE_INFINITY, d)).isEqualTo(-0.5 * d * LOG_2PI);
            for (double nu : new double[] {1e8, 1e13, 1e15, 1e20, 1e300}) {
                assertThat(SpecialFunctions.logStudentNormaliser(nu, d)).as("nu %g d %d", nu, d)
                        .isCloseTo(-0.5 * d * LOG_2PI + d * (d - 2) / (4 * nu), within(1e-13));
            }
        }
    }

    /** Oracle: either side of the switch to Stirling's series (ν/2 = 1000) agree to 1e-12. */
    @Test
    void studentNormaliserIsContinuousWhereItsMethodChanges() {
        double below = SpecialFunctions.logStudentNormaliser(1999.9999999, 3);
        double above = SpecialFunctions.logStudentNormaliser(2000.0000001, 3);
        assertThat(above).isCloseTo(below, within(1e-12));
    }

    /**
     * Oracle: the Gaussian limit. A t mixture with ν = 1e13 … 1e20 scores rows as the Gaussian
     * mixture with the same means and covariances, to O(δ²/ν) (tolerance 1e-9 absolute); before,
     * ν = 1e13 was off by about 0.03.
     */
    @Test
    void hugeDegreesOfFreedomScoreAsTheGaussian() {
        double[][] means = {{0, 0}, {4, 1}};
        double[][][] cov = {{{1, 0.3}, {0.3, 2}}, {{0.5, 0}, {0, 0.5}}};
        DataMatrix x = DataMatrix.of(new double[] {0, 0, 1, -1, 4, 2, 10, -3}, 4, 2, null);
        double[] gauss = GaussianMixture.of(new double[] {0.4, 0.6}, means, CovarianceStructure.FULL.fromShape(cov, 2, 2))
                .scoreSamples(x);
        for (double nu : new double[] {1e13, 1e15, 1e20, Double.POSITIVE_INFINITY}) {
            double[] t = TMixture.of(new double[] {0.4, 0.6}, means, cov, new double[] {nu, nu}).scoreSamples(x);
            for (int i = 0; i < 4; i++) {
                assertThat(t[i]).as("nu %g row %d", nu, i).isCloseTo(gauss[i], within(1e-9));
            }
        }
    }

    /**
     * Oracle: the closed form for a row at 1e200 under a 1-D t (location 0, scale 1, ν = 4):
     * log f = normaliser − (ν+1)/2 · (2 log x − log ν + log1p(ν/x²)). Tolerance 1e-12 relative.
     * Its squared distance overflows; the score used to be NaN.
     */
    @Test
    void rowsFarOutHaveFiniteTScoresAndProbabilities() {
        TMixture m = TMixture.of(new double[] {0.5, 0.5}, new double[][] {{0}, {10}},
                new double[][][] {{{1}}, {{1}}}, new double[] {4, 4});
        DataMatrix x = DataMatrix.of(new double[] {1e200, -1e200, 3}, 3, 1, null);
        double[] s = m.scoreSamples(x);
        double expected = Math.log(0.5) + SpecialFunctions.logStudentNormaliser(4, 1) - 2.5 * (2 * Math.log(1e200) - Math.log(4))
                + Math.log(2); // both components give the same density to 1e-199
        assertThat(s[0]).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        assertThat(s[1]).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        double[][] p = m.predictProba(x);
        for (double[] row : p) {
            assertThat(row[0] + row[1]).isCloseTo(1, within(1e-12));
        }
        // at +1e200 the component at 10 is nearer; at −1e200 the one at 0
        assertThat(p[0][1]).isGreaterThanOrEqualTo(p[0][0]);
        assertThat(p[1][0]).isGreaterThanOrEqualTo(p[1][1]);
    }

    /** Oracle: the row's squared distance, 1e400, is beyond a double; the error names the row and the fix. */
    @Test
    void gaussianRowsFarOutAreAUserErrorNotNaN() {
        GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0}, {10}},
                CovarianceStructure.DIAG.fromShape(new double[][] {{1}, {1}}, 2, 1));
        DataMatrix x = DataMatrix.of(new double[] {1, 1e200}, 2, 1, null);
        for (Runnable r : new Runnable[] {() -> g.predict(x), () -> g.predictProba(x), () -> g.scoreSamples(x)}) {
            assertThatThrownBy(r::run).isInstanceOf(MlemUserException.class).hasMessageContaining("row 2")
                    .hasMessageContaining("1.00e+200").hasMessageContaining("rescale");
        }
    }
}
