package org.mlem.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/** The normal with one parameter group held at a given start's values ({@link MvnMissingEstimator#withFixed}). */
class MvnFixedTest {
    private static final DataMatrix AIR = Fixtures.csv("data/airquality.csv");
    private static final double[][] SIGMA0 = {{900, 800, -60, 200}, {800, 8000, -20, 250}, {-60, -20, 12, -15},
        {200, 250, -15, 90}};
    private static final double[] MU0 = {40, 180, 10, 78};
    private static final MvnParameters START = MvnParameters.of(MU0, SIGMA0);

    /** The complete rows of airquality. */
    private static DataMatrix complete() {
        return DataMatrix.of(java.util.stream.IntStream.range(0, AIR.rows()).mapToObj(AIR::row)
                .filter(r -> java.util.Arrays.stream(r).noneMatch(Double::isNaN)).toArray(double[][]::new));
    }

    /** Oracle: closed form. Complete rows, covariance held: the mean is the sample mean (GLS with one Σ); 1e-10. */
    @Test
    void heldCovarianceOnCompleteRowsGivesTheSampleMean() {
        DataMatrix x = complete();
        MvnFit fit = MvnMissingEstimator.defaults().withFixed(Set.of(MvnParameter.COVARIANCE)).fit(x, START);
        double[] mean = x.weightedMeans();
        for (int a = 0; a < 4; a++) {
            assertThat(Tolerances.relativeError(fit.parameters().mean()[a], mean[a], 1)).isLessThan(Tolerances.CLOSED_FORM);
        }
        assertThat(fit.parameters().covariance()).isDeepEqualTo(SIGMA0);
        assertThat(fit.nParameters()).isEqualTo(4);
    }

    /** Oracle: closed form. Complete rows, mean held: the covariance is the scatter about it, divisor n; 1e-10. */
    @Test
    void heldMeanOnCompleteRowsGivesTheScatterAboutIt() {
        DataMatrix x = complete();
        MvnFit fit = MvnMissingEstimator.defaults().withFixed(Set.of(MvnParameter.MEAN)).fit(x, START);
        double[][] s = new double[4][4];
        for (int i = 0; i < x.rows(); i++) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    s[a][b] += (x.get(i, a) - MU0[a]) * (x.get(i, b) - MU0[b]) / x.rows();
                }
            }
        }
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double floor = Math.sqrt(s[a][a] * s[b][b]);
                assertThat(Tolerances.relativeError(fit.parameters().covariance()[a][b], s[a][b], floor))
                        .isLessThan(Tolerances.CLOSED_FORM);
            }
        }
        assertThat(fit.parameters().mean()).containsExactly(MU0);
        assertThat(fit.nParameters()).isEqualTo(10);
    }

    /**
     * Oracle: closed form. With Σ known and cells missing, the observed-data MLE of μ is the GLS
     * estimate {@code (Σ_i P_iᵀ Σ_oo⁻¹ P_i)⁻¹ Σ_i P_iᵀ Σ_oo⁻¹ x_o} (P_i picks row i's observed
     * cells), solved here directly; EM reaches it to 1e-9 relative (tolerance 1e-14).
     */
    @Test
    void heldCovarianceWithMissingCellsGivesTheGlsMean() {
        MvnFit fit = new MvnMissingEstimator(MvnMissingEstimator.DEFAULT_OPTIONS.withTolerance(1e-14))
                .withFixed(Set.of(MvnParameter.COVARIANCE)).fit(AIR, START);
        RealMatrix a = new Array2DRowRealMatrix(4, 4);
        RealVector b = new ArrayRealVector(4);
        for (int i = 0; i < AIR.rows(); i++) {
            double[] row = AIR.row(i);
            int[] o = java.util.stream.IntStream.range(0, 4).filter(c -> !Double.isNaN(row[c])).toArray();
            RealMatrix soo = new Array2DRowRealMatrix(o.length, o.length);
            RealMatrix p = new Array2DRowRealMatrix(o.length, 4);
            RealVector xo = new ArrayRealVector(o.length);
            for (int r = 0; r < o.length; r++) {
                p.setEntry(r, o[r], 1);
                xo.setEntry(r, AIR.get(i, o[r]));
                for (int c = 0; c < o.length; c++) {
                    soo.setEntry(r, c, SIGMA0[o[r]][o[c]]);
                }
            }
            RealMatrix inv = new LUDecomposition(soo).getSolver().getInverse();
            a = a.add(p.transpose().multiply(inv).multiply(p));
            b = b.add(p.transpose().multiply(inv).operate(xo));
        }
        double[] gls = new LUDecomposition(a).getSolver().solve(b).toArray();
        for (int c = 0; c < 4; c++) {
            assertThat(Tolerances.relativeError(fit.parameters().mean()[c], gls[c], 1)).isLessThan(1e-9);
        }
        assertThat(fit.parameters().covariance()).isDeepEqualTo(SIGMA0);
    }

    /** Law: with the mean held and cells missing EM never lowers the log-likelihood, and the mean stays bit for bit. */
    @Test
    void heldMeanWithMissingCellsIsMonotoneAndHeld() {
        MvnFit fit = new MvnMissingEstimator(EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(40))
                .withFixed(Set.of(MvnParameter.MEAN)).fit(AIR, START);
        double[] t = fit.trace();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1] - 1e-12 * Math.abs(t[i - 1]));
        }
        assertThat(fit.parameters().mean()).containsExactly(MU0);
        // the free fit from the same start reaches at least as high: holding the mean can only cost
        MvnFit free = MvnMissingEstimator.defaults().fit(AIR, START);
        assertThat(free.logLikelihood()).isGreaterThanOrEqualTo(fit.logLikelihood());
    }

    @Test
    void holdingBothReturnsTheStartAndCountsNoParameter() {
        MvnFit fit = MvnMissingEstimator.defaults().withFixed(EnumSet.allOf(MvnParameter.class)).fit(AIR, START);
        assertThat(fit.parameters().mean()).containsExactly(MU0);
        assertThat(fit.parameters().covariance()).isDeepEqualTo(SIGMA0);
        assertThat(fit.nParameters()).isZero();
    }

    /** A start given with nothing held: EM from it reaches the free fit's maximum (1e-9 relative). */
    @Test
    void aGivenStartReachesTheSameMaximum() {
        MvnFit fromStart = MvnMissingEstimator.defaults().fit(AIR, START);
        MvnFit plain = MvnMissingEstimator.defaults().fit(AIR);
        assertThat(Tolerances.relativeError(fromStart.logLikelihood(), plain.logLikelihood(), 0)).isLessThan(1e-9);
    }

    @Test
    void holdingWithoutAStartOrWithAStartOfAnotherDimensionIsAUserError() {
        assertThatThrownBy(() -> MvnMissingEstimator.defaults().withFixed(Set.of(MvnParameter.MEAN)).fit(AIR))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("--init FILE.json");
        MvnParameters two = MvnParameters.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        assertThatThrownBy(() -> MvnMissingEstimator.defaults().fit(AIR, two)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("4 columns");
    }
}
