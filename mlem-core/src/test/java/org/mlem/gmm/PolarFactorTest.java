package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PolarFactor} against hipparchus' SVD (the oracle: U Vᵀ), 1e-12 absolute on each entry. */
class PolarFactorTest {

    @Test
    void equalsTheSvdsPolarFactorOnRandomMatrices() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int d = 1 + trial % 8;
            double[][] f = new double[d][d];
            double scale = Math.pow(10, rng.nextInt(-6, 7));
            for (double[] row : f) {
                for (int j = 0; j < d; j++) {
                    row[j] = scale * rng.nextGaussian();
                }
            }
            double[][] copy = deepCopy(f);
            double[][] q = PolarFactor.of(f);
            double[][] ref = PolarFactor.svd(f);
            assertThat(f).as("input unchanged").isDeepEqualTo(copy);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(q[i][j]).as("trial %d (%d, %d)", trial, i, j).isCloseTo(ref[i][j], org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    /** Ill-conditioned but nonsingular (condition 1e10): still the unique polar factor, checked as orthogonal and Qᵀ F symmetric. */
    @Test
    void illConditionedStaysOrthogonalWithSymmetricQtF() {
        double[][] f = {{1, 0, 0}, {0, 1e-5, 0}, {0, 0, 1e-10}};
        double[][] r = {{0.36, 0.48, -0.8}, {-0.8, 0.6, 0}, {0.48, 0.64, 0.6}}; // orthogonal
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int m = 0; m < 3; m++) {
                    g[i][j] += r[i][m] * f[m][j];
                }
            }
        }
        double[][] q = PolarFactor.of(g);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double qtq = 0;
                double qtf = 0;
                double qtfT = 0;
                for (int m = 0; m < 3; m++) {
                    qtq += q[m][i] * q[m][j];
                    qtf += q[m][i] * g[m][j];
                    qtfT += q[m][j] * g[m][i];
                }
                assertThat(qtq).isCloseTo(i == j ? 1 : 0, org.assertj.core.data.Offset.offset(1e-14));
                assertThat(qtf).isCloseTo(qtfT, org.assertj.core.data.Offset.offset(1e-14));
                assertThat(q[i][j]).isCloseTo(r[i][j], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void aSingularMatrixGoesToTheSvd() {
        double[][] f = {{1, 2}, {2, 4}};
        assertThat(PolarFactor.of(f)).isDeepEqualTo(PolarFactor.svd(f));
    }

    /** A non-finite F (a one-row component's infinite C_j): NaN everywhere, what the SVD returns. */
    @Test
    void aNonFiniteMatrixGivesTheSvdsNaNs() {
        double[][] f = {{1, Double.POSITIVE_INFINITY, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] q = PolarFactor.of(f);
        double[][] ref = PolarFactor.svd(f);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(ref[i][j]).isNaN();
                assertThat(q[i][j]).isNaN();
            }
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
