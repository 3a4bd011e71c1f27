package org.mlem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mlem.testkit.Mixtures;

/** The kernels against {@link ReferenceKernels} and closed forms, on random shapes. */
class GaussianKernelsTest {

    /** Oracle: the explicit-precision quadratic form; tolerance 1e-10 relative (rounding only). */
    @Property(tries = 60)
    void choleskyDensityMatchesExplicitQuadraticForm(@ForAll @IntRange(min = 1, max = 13) int d,
            @ForAll @IntRange(min = 1, max = 200) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] cov = Mixtures.randomSpd(d, rng);
        double[] flat = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(cov[a], 0, flat, a * d, d);
        }
        double[] l = new double[d * d];
        assertThat(Cholesky.factor(flat, 0, d, l, 0)).isTrue();
        double[] u = new double[d * d];
        Cholesky.precisionFactor(l, 0, d, u, 0);
        double[][] uu = new double[d][d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(u, a * d, uu[a], 0, d);
        }
        double[] mean = new double[d];
        for (int a = 0; a < d; a++) {
            mean[a] = rng.nextGaussian();
        }
        int offsetRows = 3; // a block that does not start at row 0
        double[] x = new double[(rows + offsetRows) * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextGaussian();
        }
        int k = 3;
        double[] out = new double[rows * k];
        double[] scratch = new double[2 * GaussianKernels.tileRows() * d];
        GaussianKernels.logDensityCholesky(x, offsetRows * d, rows, d, mean, 0, u, 0, Cholesky.logDiagonalSum(u, 0, d),
                out, 1, k, scratch);
        for (int i = 0; i < rows; i++) {
            double[] row = java.util.Arrays.copyOfRange(x, (offsetRows + i) * d, (offsetRows + i + 1) * d);
            double expected = ReferenceKernels.logDensity(row, mean, uu);
            assertThat(out[i * k + 1]).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        }
    }

    /** Oracle: U Uᵀ equals the inverse of L Lᵀ, i.e. Lᵀ U = I; tolerance 1e-12. */
    @Property(tries = 40)
    void precisionFactorInvertsTheCovarianceFactor(@ForAll @IntRange(min = 1, max = 20) int d, @ForAll long seed) {
        double[][] cov = Mixtures.randomSpd(d, new SplittableRandom(seed));
        double[] flat = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(cov[a], 0, flat, a * d, d);
        }
        double[] l = new double[d * d];
        Cholesky.factor(flat, 0, d, l, 0);
        double[] u = new double[d * d];
        Cholesky.precisionFactor(l, 0, d, u, 0);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0; // (Lᵀ U)[a][b] = Σ_p L[p][a] U[p][b]
                for (int p = 0; p < d; p++) {
                    s += l[p * d + a] * u[p * d + b];
                }
                assertThat(s).isCloseTo(a == b ? 1.0 : 0.0, within(1e-12));
            }
        }
    }

    @Test
    void choleskyRejectsAMatrixThatIsNotPositiveDefinite() {
        double[] a = {1, 2, 2, 1};
        assertThat(Cholesky.factor(a, 0, 2, new double[4], 0)).isFalse();
    }

    /** Oracle: per-row sums written out naively; tolerance 1e-12. */
    @Property(tries = 40)
    void momentAccumulationMatchesNaiveSums(@ForAll @IntRange(min = 1, max = 9) int d,
            @ForAll @IntRange(min = 1, max = 150) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 2;
        double[] x = new double[rows * d];
        double[] resp = new double[rows * k];
        double[] w = new double[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian() * 3;
        }
        for (int i = 0; i < rows; i++) {
            resp[i * k] = rng.nextDouble();
            resp[i * k + 1] = 1 - resp[i * k];
            w[i] = rng.nextInt(3);
        }
        double[] shift = new double[k * d];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = rng.nextGaussian();
        }
        double[] nk = new double[k];
        double[] s1 = new double[k * d];
        double[] s2 = new double[k * d * d];
        double[] nkD = new double[k];
        double[] s1D = new double[k * d];
        double[] s2D = new double[k * d];
        for (int j = 0; j < k; j++) {
            GaussianKernels.accumulateFull(x, 0, rows, d, resp, k, j, w, 0, shift, j * d, nk, s1, j * d, s2, j * d * d,
                    new double[d]);
            GaussianKernels.accumulateDiagonal(x, 0, rows, d, resp, k, j, w, 0, shift, j * d, nkD, s1D, j * d, s2D, j * d);
        }
        for (int j = 0; j < k; j++) {
            double n = 0;
            double[] m1 = new double[d];
            double[][] m2 = new double[d][d];
            for (int i = 0; i < rows; i++) {
                double r = resp[i * k + j] * w[i];
                n += r;
                for (int a = 0; a < d; a++) {
                    double da = x[i * d + a] - shift[j * d + a];
                    m1[a] += r * da;
                    for (int b = 0; b < d; b++) {
                        m2[a][b] += r * da * (x[i * d + b] - shift[j * d + b]);
                    }
                }
            }
            assertThat(nk[j]).isCloseTo(n, within(1e-12 * Math.max(1, n)));
            assertThat(nkD[j]).isCloseTo(n, within(1e-12 * Math.max(1, n)));
            for (int a = 0; a < d; a++) {
                assertThat(s1[j * d + a]).isCloseTo(m1[a], within(1e-10 * Math.max(1, Math.abs(m1[a]))));
                assertThat(s2D[j * d + a]).isCloseTo(m2[a][a], within(1e-10 * Math.max(1, m2[a][a])));
                for (int b = a; b < d; b++) {
                    assertThat(s2[j * d * d + a * d + b]).isCloseTo(m2[a][b], within(1e-10 * Math.max(1, Math.abs(m2[a][b]))));
                }
            }
        }
    }

    /** Oracle: responsibilities sum to 1 per row and the returned total is Σ w·logsumexp; labelled rows are one-hot. */
    @Test
    void normalizeRowsGivesProbabilitiesAndTheLogSumExp() {
        double[] v = {-1000, -1001, -999.5, 0.2, 0.1, -3, 5, 5, 5};
        double[] w = {2, 1, 1};
        int[] labels = {-1, 2, -1};
        double[] copy = v.clone();
        double total = GaussianKernels.normalizeRows(v, 3, 3, w, labels, 0);
        double lse0 = -999.5 + Math.log(Math.exp(-0.5) + Math.exp(-1.5) + 1);
        double lse2 = 5 + Math.log(3);
        assertThat(total).isCloseTo(2 * lse0 + copy[5] + lse2, within(1e-10));
        assertThat(v[0] + v[1] + v[2]).isCloseTo(1.0, within(1e-15));
        assertThat(new double[] {v[3], v[4], v[5]}).containsExactly(0.0, 0.0, 1.0);
        assertThat(v[6]).isCloseTo(1.0 / 3, within(1e-15));
    }

    /**
     * The E-step's floor ({@link GaussianKernels#NEGLIGIBLE_LOG_RATIO}). Oracle: the same rows
     * without it (every exponential). Entries more than 40 below their row's largest become exactly
     * 0, the others by the row sum's rounding in another order and the dropped mass only: at most
     * k·2⁻⁵³ + (k − 1)·e⁻⁴⁰ relative (a k-term sum's bound; 3e-16 seen at k = 14, where a flat 2e-16
     * failed); each row's log-likelihood, and the
     * weighted total, by at most 2 ulps; rows spread over 0..120 so that about a third fall below.
     */
    @Property(tries = 40)
    void theFloorDropsOnlyNegligibleResponsibilities(@ForAll @IntRange(min = 1, max = 15) int k,
            @ForAll @IntRange(min = 1, max = 60) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] joint = new double[rows * k];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            w[i] = rng.nextDouble(0.5, 2);
            double base = rng.nextDouble(-5000, 100);
            for (int j = 0; j < k; j++) {
                joint[i * k + j] = base - rng.nextDouble(0, 120);
            }
        }
        double[] plain = joint.clone();
        double[] floored = joint.clone();
        double bound = k * 0x1p-53 + (k - 1) * Math.exp(GaussianKernels.NEGLIGIBLE_LOG_RATIO);
        double total = GaussianKernels.normalizeRows(plain, rows, k, w, null, 0);
        double flooredTotal = GaussianKernels.normalizeRows(floored, rows, k, w, null, 0,
                GaussianKernels.NEGLIGIBLE_LOG_RATIO);
        assertThat(flooredTotal).isCloseTo(total, within(2 * Math.ulp(total)));
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, joint[i * k + j]);
            }
            double[] one = java.util.Arrays.copyOfRange(joint, i * k, (i + 1) * k);
            double[] oneFloored = one.clone();
            double ll = GaussianKernels.normalizeRows(one, 1, k, null, null, 0);
            double llFloored = GaussianKernels.normalizeRows(oneFloored, 1, k, null, null, 0,
                    GaussianKernels.NEGLIGIBLE_LOG_RATIO);
            assertThat(llFloored).isCloseTo(ll, within(2 * Math.ulp(ll)));
            for (int j = 0; j < k; j++) {
                if (joint[i * k + j] - max < GaussianKernels.NEGLIGIBLE_LOG_RATIO) {
                    assertThat(floored[i * k + j]).isZero();
                    assertThat(plain[i * k + j]).isLessThan(4.3e-18);
                } else {
                    assertThat(floored[i * k + j]).isCloseTo(plain[i * k + j], within(bound * plain[i * k + j]));
                }
            }
        }
    }
}
