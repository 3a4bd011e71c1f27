package org.mlem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.kernel.FullTileKernelsTest.flat;
import static org.mlem.kernel.FullTileKernelsTest.gaussian;
import static org.mlem.kernel.FullTileKernelsTest.precisionFactor;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The single-precision E-step ({@link FloatKernels}, on the SIMD path {@code VectorFloatKernels})
 * against the double kernel {@link FullTileKernels#logDensity}. Tolerance, per row, from float's
 * unit roundoff ε = 2⁻²⁴: Δ and U are each rounded once (relative ε), each of the d column sums
 * {@code y_c = Σ_a Δ_a U_ac} has at most d rounded additions, and each square and its sum a few
 * more, so {@code |q̃ − q| ≤ 2(d + 4)·ε·Σ_c (Σ_a |Δ_a U_ac|)²}; the log density is off by half of
 * that. The property allows exactly this bound (rigorous to first order); the last test checks
 * that single precision is really used (errors far above double's) yet small (below 1e-5 of q).
 */
class FloatKernelsTest {

    private static final double EPS = 0x1p-24;

    @Property(tries = 60)
    void floatDensityWithinItsRoundingBoundOfTheDoubleKernel(@ForAll @IntRange(min = 1, max = 60) int d,
            @ForAll @IntRange(min = 1, max = 200) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = flat(precisionFactor(d, rng));
        double[] mean = gaussian(d, rng, 1);
        for (int a = 0; a < d; a++) {
            mean[a] += 100; // a common offset: centring in double must make it harmless
        }
        int offsetRows = 3;
        int k = 2;
        double[] x = gaussian((rows + offsetRows) * d, rng, 2);
        for (int i = 0; i < x.length; i++) {
            x[i] += 100;
        }
        double logDetU = Cholesky.logDiagonalSum(u, 0, d);
        double[] plainPacked = new double[d * FullTileKernels.padded(d)];
        FullTileKernels.packUpper(u, 0, d, plainPacked, 0);
        double[] expected = new double[rows * k];
        FullTileKernels.logDensity(x, offsetRows * d, rows, d, mean, 0, plainPacked, 0, logDetU, expected, 1, k,
                new double[FullTileKernels.scratchSize(d)]);
        float[] packed = new float[FloatKernels.packedSize(d)];
        FloatKernels.packUpper(u, 0, d, packed, 0);
        double[] got = new double[rows * k];
        FloatKernels.fullLogDensity(x, offsetRows * d, rows, d, mean, 0, packed, 0, logDetU, got, 1, k,
                new float[FloatKernels.scratchSize(d)]);
        for (int i = 0; i < rows; i++) {
            double bound = 0;
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int a = 0; a <= c; a++) {
                    s += Math.abs((x[(offsetRows + i) * d + a] - mean[a]) * u[a * d + c]);
                }
                bound += s * s;
            }
            bound *= (d + 4) * EPS; // half of 2(d+4)ε·Σ(Σ|ΔU|)²
            assertThat(Math.abs(got[i * k + 1] - expected[i * k + 1])).as("row %d of %d, d=%d", i, rows, d)
                    .isLessThanOrEqualTo(bound + 1e-12 * Math.abs(expected[i * k + 1]));
            assertThat(got[i * k]).isZero(); // other components' cells untouched
        }
    }

    /**
     * The all-components call ({@link FloatKernels#fullLogDensities}: rows in the lanes up to
     * d = 64, one component at a time above) against the double kernel per component. Its sums
     * {@code q = Σ_c y_c²} are float too (d more rounded additions), so the first-order bound is
     * {@code |q̃ − q| ≤ (3d + 8)·ε·Σ_c (Σ_a |Δ_a U_ac|)²}, half of it on the log density. Factors per
     * component or one shared (stride 0, tied); scratches full of NaN.
     */
    @Property(tries = 60)
    void allComponentsWithinTheirRoundingBound(@ForAll @IntRange(min = 1, max = 70) int d,
            @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 200) int rows,
            @ForAll boolean tied, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int offsetRows = 2;
        double[] x = gaussian((rows + offsetRows) * d, rng, 2);
        for (int i = 0; i < x.length; i++) {
            x[i] += 100;
        }
        double[] means = gaussian(k * d, rng, 1);
        for (int i = 0; i < means.length; i++) {
            means[i] += 100;
        }
        int factors = tied ? 1 : k;
        double[][] u = new double[factors][];
        int stride = FloatKernels.packedSize(d);
        float[] packed = new float[factors * stride];
        double[] logDetU = new double[k];
        for (int f = 0; f < factors; f++) {
            u[f] = flat(precisionFactor(d, rng));
            FloatKernels.packUpper(u[f], 0, d, packed, f * stride);
        }
        for (int j = 0; j < k; j++) {
            logDetU[j] = Cholesky.logDiagonalSum(u[tied ? 0 : j], 0, d);
        }
        double[] got = new double[rows * k];
        double[] scratch = new double[Kernels.scratchSize(d)];
        float[] floatScratch = new float[FloatKernels.scratchSize(d)];
        java.util.Arrays.fill(scratch, Double.NaN);
        java.util.Arrays.fill(floatScratch, Float.NaN);
        FloatKernels.fullLogDensities(x, offsetRows * d, rows, d, means, packed, tied ? 0 : stride, logDetU, got, k,
                scratch, floatScratch);
        double[] plainPacked = new double[d * FullTileKernels.padded(d)];
        double[] expected = new double[rows * k];
        for (int j = 0; j < k; j++) {
            double[] uj = u[tied ? 0 : j];
            FullTileKernels.packUpper(uj, 0, d, plainPacked, 0);
            FullTileKernels.logDensity(x, offsetRows * d, rows, d, means, j * d, plainPacked, 0, logDetU[j], expected,
                    j, k, new double[FullTileKernels.scratchSize(d)]);
            for (int i = 0; i < rows; i++) {
                double bound = 0;
                for (int c = 0; c < d; c++) {
                    double s = 0;
                    for (int a = 0; a <= c; a++) {
                        s += Math.abs((x[(offsetRows + i) * d + a] - means[j * d + a]) * uj[a * d + c]);
                    }
                    bound += s * s;
                }
                bound *= 0.5 * (3 * d + 8) * EPS;
                assertThat(Math.abs(got[i * k + j] - expected[i * k + j])).as("row %d, component %d, d=%d", i, j, d)
                        .isLessThanOrEqualTo(bound + 1e-12 * Math.abs(expected[i * k + j]));
            }
        }
    }

    /** At d = 50 the relative error of q is above double's rounding (1e-12) and below 1e-5 (ε·√d scale). */
    @Test
    void errorsAreSinglePrecisionSized() {
        int d = 50;
        int rows = 256;
        SplittableRandom rng = new SplittableRandom(50);
        double[] u = flat(precisionFactor(d, rng));
        double[] mean = gaussian(d, rng, 1);
        double[] x = gaussian(rows * d, rng, 2);
        double[] plainPacked = new double[d * FullTileKernels.padded(d)];
        FullTileKernels.packUpper(u, 0, d, plainPacked, 0);
        double[] expected = new double[rows];
        FullTileKernels.logDensity(x, 0, rows, d, mean, 0, plainPacked, 0, 0, expected, 0, 1,
                new double[FullTileKernels.scratchSize(d)]);
        float[] packed = new float[FloatKernels.packedSize(d)];
        FloatKernels.packUpper(u, 0, d, packed, 0);
        double[] got = new double[rows];
        FloatKernels.fullLogDensity(x, 0, rows, d, mean, 0, packed, 0, 0, got, 0, 1, new float[FloatKernels.scratchSize(d)]);
        double c0 = -0.5 * d * GaussianKernels.LOG_2PI;
        double worst = 0;
        for (int i = 0; i < rows; i++) {
            double q = -2 * (expected[i] - c0);
            worst = Math.max(worst, Math.abs(got[i] - expected[i]) * 2 / q);
        }
        assertThat(worst).isBetween(1e-12, 1e-5);
    }
}
