package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Newton steps that finish EVE's and VVE's orientation M-step ({@link OrientationNewton}) against
 * the plain MM iteration they shortcut, on random scatter matrices (k components of d columns,
 * differently shaped and oriented, unequal weights):
 * <ul>
 *   <li>the gradient in the rotation coordinates equals central differences of the profiled
 *       objective through the same rotation (oracle: finite differences, 1e-6 relative to the
 *       gradient's largest entry);</li>
 *   <li>the M-step with Newton steps returns the plain MM's covariances within 1e-10 relative to
 *       their largest entry, from D = I and warm-started from a nearby covariance (oracle: the MM
 *       run alone to its 1e-14 stop, {@code newton = false}).</li>
 * </ul>
 */
class OrientationNewtonTest {

    @ParameterizedTest
    @CsvSource({"3, 4, 1", "2, 3, 2", "5, 6, 3", "4, 8, 4"})
    void gradientEqualsFiniteDifferences(int k, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] nk = weights(rng, k);
        double[] w = scatters(rng, nk, k, d);
        double[][] axes = randomRotation(rng, d);
        for (OrientationNewton.Profile profile : new OrientationNewton.Profile[] {OrientationNewton.EVE, OrientationNewton.VVE}) {
            int p = d * (d - 1) / 2;
            double[] g = new double[p];
            OrientationNewton.gradient(w, nk, axes, k, d, profile, g);
            double scale = 0;
            for (double x : g) {
                scale = Math.max(scale, Math.abs(x));
            }
            double[] e = new double[p];
            double[] unused = new double[p];
            double h = 1e-6;
            for (int a = 0; a < p; a++) {
                e[a] = h;
                double up = OrientationNewton.gradient(w, nk, OrientationNewton.rotate(axes, e, d), k, d, profile, unused);
                e[a] = -h;
                double down = OrientationNewton.gradient(w, nk, OrientationNewton.rotate(axes, e, d), k, d, profile, unused);
                e[a] = 0;
                assertThat(g[a]).as("k=%d d=%d coordinate %d", k, d, a).isCloseTo((up - down) / (2 * h),
                        org.assertj.core.data.Offset.offset(1e-6 * scale));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3, 4, 11", "2, 2, 12", "4, 5, 13", "3, 7, 14", "9, 4, 15", "2, 6, 16"})
    void newtonReachesThePlainIterationsFixedPoint(int k, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] nk = weights(rng, k);
        double[] w = scatters(rng, nk, k, d);
        double[] plainEve = MclustSteps.eve(nk, w, k, d, null, false);
        double[] plainVve = MclustSteps.vve(nk, w, k, d, null, false);
        assertClose(MclustSteps.eve(nk, w, k, d, null, true), plainEve, "EVE from I");
        assertClose(MclustSteps.vve(nk, w, k, d, null, true), plainVve, "VVE from I");
        // warm start, as EM's next M-step: the scatters move a little, D starts from the last answer
        double[] moved = w.clone();
        for (int j = 0; j < k; j++) {
            double f = 1 + 0.02 * rng.nextGaussian();
            for (int e = 0; e < d * d; e++) {
                moved[j * d * d + e] *= f;
            }
            moved[j * d * d] += 0.05 * nk[j];
        }
        assertClose(MclustSteps.eve(nk, moved, k, d, plainEve, true), MclustSteps.eve(nk, moved, k, d, plainEve, false), "EVE warm");
        assertClose(MclustSteps.vve(nk, moved, k, d, plainVve, true), MclustSteps.vve(nk, moved, k, d, plainVve, false), "VVE warm");
    }

    /**
     * Scatters that share their axes and, in every component, one plane of equal variances: VVE's
     * maximum is W_j / n_j exactly (oracle: the closed form, 1e-10 relative), and D is free to turn
     * in that plane, where iris's k = 7 and 8 fits had M-steps run 100,000 MM rounds; the M-step
     * with Newton steps, within its {@link MclustSteps#NEWTON_ROUNDS}, still ends at that maximum.
     */
    @ParameterizedTest
    @CsvSource({"8, 4, 21", "3, 4, 22", "7, 5, 23"})
    void tiedPlaneEndsAtTheClosedForm(int k, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] nk = weights(rng, k);
        double[][] r = randomRotation(rng, d);
        double[] w = new double[k * d * d];
        double[] expected = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            double[] s = new double[d];
            for (int m = 0; m < d; m++) {
                s[m] = Math.pow(10, -1 + 2 * rng.nextDouble());
            }
            s[1] = s[0];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double v = 0;
                    for (int m = 0; m < d; m++) {
                        v += r[a][m] * s[m] * r[b][m];
                    }
                    expected[j * d * d + a * d + b] = v;
                    w[j * d * d + a * d + b] = nk[j] * v;
                }
            }
        }
        assertClose(MclustSteps.vve(nk, w, k, d, null), expected, "VVE from D = I");
        assertClose(MclustSteps.vve(nk, w, k, d, expected), expected, "VVE from the maximum's own axes");
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        double scale = 0;
        for (double x : expected) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s, entry %d", what, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-10 * scale));
        }
    }

    private static double[] weights(SplittableRandom rng, int k) {
        double[] nk = new double[k];
        for (int j = 0; j < k; j++) {
            nk[j] = 20 + 80 * rng.nextDouble();
        }
        return nk;
    }

    /** W_j = n_j R_j diag(s_j) R_jᵀ, a random rotation R_j near a common one and spreads s_j from 0.1 to 10. */
    private static double[] scatters(SplittableRandom rng, double[] nk, int k, int d) {
        double[][] common = randomRotation(rng, d);
        double[] w = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            double[] tilt = new double[d * (d - 1) / 2];
            for (int a = 0; a < tilt.length; a++) {
                tilt[a] = 0.3 * rng.nextGaussian();
            }
            double[][] r = OrientationNewton.rotate(common, tilt, d);
            double[] s = new double[d];
            for (int m = 0; m < d; m++) {
                s[m] = Math.pow(10, -1 + 2 * rng.nextDouble());
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double v = 0;
                    for (int m = 0; m < d; m++) {
                        v += r[a][m] * s[m] * r[b][m];
                    }
                    w[j * d * d + a * d + b] = nk[j] * v;
                }
            }
        }
        return w;
    }

    private static double[][] randomRotation(SplittableRandom rng, int d) {
        double[][] identity = new double[d][d];
        for (int a = 0; a < d; a++) {
            identity[a][a] = 1;
        }
        double[] angles = new double[d * (d - 1) / 2];
        for (int a = 0; a < angles.length; a++) {
            angles[a] = 2 * rng.nextGaussian();
        }
        return OrientationNewton.rotate(identity, angles, d);
    }
}
