package org.mlem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.kernel.FullTileKernelsTest.flat;
import static org.mlem.kernel.FullTileKernelsTest.gaussian;
import static org.mlem.kernel.FullTileKernelsTest.precisionFactor;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels ({@link VectorKernels}, {@link VectorDiagonalKernels}) against the plain ones
 * ({@link FullTileKernels}, {@link GaussianKernels}), which are themselves checked against naive
 * sums. Shapes: d from 1, d and k not multiples of the vector width, row counts leaving the last
 * tile and the last 4-row group short, blocks not starting at row 0, zero weights and zero
 * responsibilities. The build runs tests with {@code --add-modules jdk.incubator.vector}.
 */
class VectorKernelsTest {

    /** The build's test JVM has the module, so the fits in every other test take the SIMD path. */
    @Test
    void vectorKernelsAreSelectedWhenTheModuleIsPresent() {
        assertThat(Kernels.VECTOR).isEqualTo(System.getProperty("mlem.kernels") == null);
    }

    /**
     * The width: {@code -Dmlem.vectorBits} when given (the build runs these tests at 256 bits too),
     * else the processor's widest, from 256 to 512.
     */
    @Test
    void vectorWidthFollowsThePropertyOrTheProcessor() {
        String bits = System.getProperty("mlem.vectorBits");
        int preferred = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        int expected = bits != null ? Integer.parseInt(bits) : preferred >= 512 ? 512 : 256;
        assertThat(VectorKernels.LANES * Double.SIZE).isEqualTo(expected);
    }

    /** Oracle: {@link FullTileKernels#logDensity}; tolerance 1e-12 relative (summation order only). */
    @Property(tries = 80)
    void fullDensityMatchesPlainKernel(@ForAll @IntRange(min = 1, max = 37) int d,
            @ForAll @IntRange(min = 1, max = 300) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = flat(precisionFactor(d, rng));
        double[] mean = gaussian(d, rng, 1);
        int offsetRows = 5;
        double[] x = gaussian((rows + offsetRows) * d, rng, 2);
        int k = 3;
        double logDetU = Cholesky.logDiagonalSum(u, 0, d);
        double[] plainPacked = new double[d * FullTileKernels.padded(d)];
        FullTileKernels.packUpper(u, 0, d, plainPacked, 0);
        double[] expected = new double[rows * k];
        FullTileKernels.logDensity(x, offsetRows * d, rows, d, mean, 0, plainPacked, 0, logDetU, expected, 1, k,
                new double[FullTileKernels.scratchSize(d)]);
        double[] packed = new double[d * VectorKernels.padded(d)];
        VectorKernels.packUpper(u, 0, d, packed, 0);
        double[] got = new double[rows * k];
        VectorKernels.logDensity(x, offsetRows * d, rows, d, mean, 0, packed, 0, logDetU, got, 1, k,
                new double[VectorKernels.scratchSize(d)]);
        assertClose(got, expected, 1e-12);
    }

    /**
     * Oracle: {@link FullTileKernels#logDensity} for each component; tolerance 1e-12 relative
     * (summation order only). The rows-in-lanes kernel for all k components at once, with a factor
     * per component or one shared (stride 0, tied), from a scratch full of NaN: padding lanes of a
     * short last tile must not reach a real row.
     */
    @Property(tries = 80)
    void allComponentsInLanesMatchPlainKernel(@ForAll @IntRange(min = 1, max = 37) int d,
            @ForAll @IntRange(min = 1, max = 6) int k, @ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll boolean tied, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int offsetRows = 3;
        double[] x = gaussian((rows + offsetRows) * d, rng, 2);
        double[] means = gaussian(k * d, rng, 1);
        int factors = tied ? 1 : k;
        int plainStride = d * FullTileKernels.padded(d);
        int stride = d * VectorKernels.padded(d);
        double[] plainPacked = new double[factors * plainStride];
        double[] packed = new double[factors * stride];
        double[] logDetU = new double[k];
        for (int f = 0; f < factors; f++) {
            double[] u = flat(precisionFactor(d, rng));
            FullTileKernels.packUpper(u, 0, d, plainPacked, f * plainStride);
            VectorKernels.packUpper(u, 0, d, packed, f * stride);
            logDetU[f] = Cholesky.logDiagonalSum(u, 0, d);
        }
        if (tied) {
            java.util.Arrays.fill(logDetU, logDetU[0]);
        }
        double[] expected = new double[rows * k];
        for (int j = 0; j < k; j++) {
            FullTileKernels.logDensity(x, offsetRows * d, rows, d, means, j * d, plainPacked,
                    tied ? 0 : j * plainStride, logDetU[j], expected, j, k, new double[FullTileKernels.scratchSize(d)]);
        }
        double[] got = new double[rows * k];
        double[] scratch = new double[VectorKernels.scratchSize(d)];
        java.util.Arrays.fill(scratch, Double.NaN);
        VectorKernels.logDensities(x, offsetRows * d, rows, d, means, packed, tied ? 0 : stride, logDetU, got, k,
                scratch);
        assertClose(got, expected, 1e-12);
    }

    /** Oracle: {@link FullTileKernels#accumulate}; tolerance 1e-12 relative; lower triangle untouched. */
    @Property(tries = 80)
    void fullMomentsMatchPlainKernel(@ForAll @IntRange(min = 1, max = 37) int d,
            @ForAll @IntRange(min = 1, max = 300) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 2;
        int offsetRows = 3;
        double[] x = gaussian((rows + offsetRows) * d, rng, 3);
        double[] resp = responsibilities(rows, k, rng);
        double[] w = weights(rows, offsetRows, rng);
        double[] shift = gaussian(k * d, rng, 1);
        double[][] plain = {new double[k], new double[k * d], new double[k * d * d]};
        double[][] vector = {new double[k], new double[k * d], new double[k * d * d]};
        double[] ps = new double[FullTileKernels.scratchSize(d)];
        double[] vs = new double[VectorKernels.scratchSize(d)];
        // The scratch arrives dirty (the E-step shares it): nothing read from it may be left over.
        java.util.Arrays.fill(vs, Double.NaN);
        for (int j = 0; j < k; j++) {
            FullTileKernels.accumulate(x, offsetRows * d, rows, d, resp, k, j, w, offsetRows, shift, j * d, plain[0],
                    plain[1], j * d, plain[2], j * d * d, ps);
            VectorKernels.accumulate(x, offsetRows * d, rows, d, resp, k, j, w, offsetRows, shift, j * d, vector[0],
                    vector[1], j * d, vector[2], j * d * d, vs);
        }
        for (int t = 0; t < 3; t++) {
            assertClose(vector[t], plain[t], 1e-12);
        }
    }

    /**
     * Oracle: {@link GaussianKernels#logDensityDiagonal} per component. Tolerance 1e-10 relative
     * to the quadratic form's size: the SIMD kernel expands the square about the means' centre,
     * which costs a few digits when a row is many standard deviations from a mean (here up to ~10).
     */
    @Property(tries = 80)
    void diagonalDensitiesMatchPlainKernel(@ForAll @IntRange(min = 1, max = 37) int d,
            @ForAll @IntRange(min = 1, max = 13) int k, @ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int offsetRows = 4;
        double[] x = gaussian((rows + offsetRows) * d, rng, 3);
        double[] means = gaussian(k * d, rng, 2);
        double[] prec = new double[k * d];
        double[] half = new double[k];
        for (int i = 0; i < prec.length; i++) {
            prec[i] = 0.2 + 5 * rng.nextDouble();
            half[i / d] += 0.5 * Math.log(prec[i]);
        }
        double[] expected = new double[rows * k];
        for (int j = 0; j < k; j++) {
            GaussianKernels.logDensityDiagonal(x, offsetRows * d, rows, d, means, j * d, prec, j * d, half[j], expected,
                    j, k);
        }
        double[] got = new double[rows * k];
        VectorDiagonalKernels.logDensities(x, offsetRows * d, rows, d, k, means, prec, half, got,
                new double[VectorDiagonalKernels.scratchSize(k, d)]);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-10 * (d + Math.abs(expected[i]))));
        }
    }

    /** Oracle: {@link GaussianKernels#accumulateDiagonal} per component; tolerance 1e-10 relative to the moments' scale. */
    @Property(tries = 80)
    void diagonalMomentsMatchPlainKernel(@ForAll @IntRange(min = 1, max = 37) int d,
            @ForAll @IntRange(min = 1, max = 13) int k, @ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int offsetRows = 2;
        double[] x = gaussian((rows + offsetRows) * d, rng, 3);
        double[] resp = responsibilities(rows, k, rng);
        double[] w = weights(rows, offsetRows, rng);
        double[] shift = gaussian(k * d, rng, 1);
        double[][] plain = {new double[k], new double[k * d], new double[k * d]};
        double[][] vector = {new double[k], new double[k * d], new double[k * d]};
        for (int j = 0; j < k; j++) {
            GaussianKernels.accumulateDiagonal(x, offsetRows * d, rows, d, resp, k, j, w, offsetRows, shift, j * d,
                    plain[0], plain[1], j * d, plain[2], j * d);
        }
        VectorDiagonalKernels.accumulate(x, offsetRows * d, rows, d, k, resp, w, offsetRows, shift, vector[0], vector[1],
                vector[2], new double[VectorDiagonalKernels.scratchSize(k, d)]);
        double scale = 10.0 * rows;
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < plain[t].length; i++) {
                assertThat(vector[t][i]).isCloseTo(plain[t][i], within(1e-10 * scale));
            }
        }
    }

    /**
     * Oracle: {@link GaussianKernels#normalizeRows} (scalar {@link Math#exp}); tolerance 1e-14
     * relative on the log-likelihood and 1e-14 absolute on responsibilities (the vector exponential
     * is within 1 ulp). Rows with known labels and zero weights included.
     */
    @Property(tries = 80)
    void normalizedRowsMatchPlainKernel(@ForAll @IntRange(min = 1, max = 37) int k,
            @ForAll @IntRange(min = 1, max = 200) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int offsetRows = 3;
        double[] joint = gaussian(rows * k, rng, 30);
        double[] w = weights(rows, offsetRows, rng);
        int[] labels = new int[rows + offsetRows];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(5) == 0 ? rng.nextInt(k) : -1;
        }
        double[] plain = joint.clone();
        double expected = GaussianKernels.normalizeRows(plain, rows, k, w, labels, offsetRows);
        double got = VectorRowKernels.normalizeRows(joint, rows, k, w, labels, offsetRows);
        assertThat(got).isCloseTo(expected, within(1e-14 * Math.max(1, Math.abs(expected))));
        for (int i = 0; i < joint.length; i++) {
            assertThat(joint[i]).isCloseTo(plain[i], within(1e-14));
        }
    }

    /**
     * Oracle: {@link Math#exp}. Tolerance 4 ulp of the result for normal results, 1 ulp of the
     * smallest normal below that; -∞ gives 0 and NaN stays NaN.
     */
    @Property(tries = 50)
    void vectorExpIsWithinFourUlpOfMathExp(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[VectorKernels.LANES * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 7 == 0 ? -rng.nextDouble() : -760 * Math.pow(rng.nextDouble(), 3);
        }
        x[0] = 0.0;
        x[1] = Double.NEGATIVE_INFINITY;
        x[2] = Double.NaN;
        x[3] = -745.2;
        double[] got = new double[x.length];
        for (int i = 0; i < x.length; i += VectorKernels.LANES) {
            VectorRowKernels.exp(jdk.incubator.vector.DoubleVector.fromArray(VectorKernels.SPECIES, x, i))
                    .intoArray(got, i);
        }
        assertThat(got[0]).isEqualTo(1.0);
        assertThat(got[1]).isEqualTo(0.0);
        assertThat(got[2]).isNaN();
        for (int i = 3; i < x.length; i++) {
            double e = Math.exp(x[i]);
            assertThat(got[i]).as("exp(%s)", x[i]).isCloseTo(e, within(4 * Math.ulp(Math.max(e, Double.MIN_NORMAL))));
        }
    }

    /** Rows of k responsibilities summing to 1, a quarter of the entries exactly 0. */
    private static double[] responsibilities(int rows, int k, SplittableRandom rng) {
        double[] r = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                r[i * k + j] = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble();
                s += r[i * k + j];
            }
            for (int j = 0; j < k && s > 0; j++) {
                r[i * k + j] /= s;
            }
        }
        return r;
    }

    /** Integer weights 0..2 for rows from {@code offsetRows}. */
    private static double[] weights(int rows, int offsetRows, SplittableRandom rng) {
        double[] w = new double[rows + offsetRows];
        for (int i = 0; i < rows; i++) {
            w[offsetRows + i] = rng.nextInt(3);
        }
        return w;
    }

    private static void assertClose(double[] got, double[] expected, double rtol) {
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("entry %d", i).isCloseTo(expected[i], within(rtol * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
