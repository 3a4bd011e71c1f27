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

    /**
     * One zero column (the MM step's F when every component's largest C_j entry is on one axis):
     * the maximisers of tr(Qᵀ F) are two; with a reference, Q is orthogonal (1e-13), reaches the
     * SVD's maximum of tr(Qᵀ F) (1e-12 relative; oracle: hipparchus' SVD), and its free column is
     * on the reference's side, whichever side that is.
     */
    @Test
    void oneZeroSingularValueTakesTheMaximiserNearestTheReference() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 100; trial++) {
            int d = 2 + trial % 5;
            int zero = trial % d;
            double[][] f = new double[d][d];
            for (double[] row : f) {
                for (int j = 0; j < d; j++) {
                    row[j] = j == zero ? 0.0 : rng.nextGaussian();
                }
            }
            double[][] reference = PolarFactor.svd(randomMatrix(rng, d));
            if (trial % 2 == 1) { // the other side
                for (double[] row : reference) {
                    row[zero] = -row[zero];
                }
            }
            double[][] q = PolarFactor.of(f, reference);
            double[][] ref = PolarFactor.svd(f);
            double trQ = 0;
            double trRef = 0;
            double side = 0;
            for (int i = 0; i < d; i++) {
                side += q[i][zero] * reference[i][zero];
                for (int j = 0; j < d; j++) {
                    trQ += q[i][j] * f[i][j];
                    trRef += ref[i][j] * f[i][j];
                    double qtq = 0;
                    for (int m = 0; m < d; m++) {
                        qtq += q[m][i] * q[m][j];
                    }
                    assertThat(qtq).as("trial %d: QᵀQ (%d, %d)", trial, i, j).isCloseTo(i == j ? 1 : 0, org.assertj.core.data.Offset.offset(1e-13));
                }
            }
            assertThat(trQ).as("trial %d: tr(Qᵀ F)", trial).isCloseTo(trRef, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(trRef)));
            assertThat(side).as("trial %d: the free column on the reference's side", trial).isPositive();
        }
    }

    /** F = 0 (every Q a maximiser): the reference itself, 1e-15. */
    @Test
    void aZeroMatrixLeavesTheReference() {
        double[][] reference = PolarFactor.svd(randomMatrix(new SplittableRandom(3), 4));
        double[][] q = PolarFactor.of(new double[4][4], reference);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(q[i][j]).isCloseTo(reference[i][j], org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    private static double[][] randomMatrix(SplittableRandom rng, int d) {
        double[][] m = new double[d][d];
        for (double[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return m;
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
