package org.mlem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.testkit.Mixtures;

/**
 * The tiled full-covariance kernels against {@link ReferenceKernels} (explicit precision,
 * naive sums) on random shapes: d from 1 (and d not a multiple of the 4-wide register block),
 * row counts that leave the last tile and the last 4-row group short, blocks not starting at 0.
 */
class FullTileKernelsTest {

    /** Oracle: the explicit-precision quadratic form; tolerance 1e-10 relative (rounding only). */
    @Property(tries = 80)
    void tiledDensityMatchesExplicitQuadraticForm(@ForAll @IntRange(min = 1, max = 23) int d,
            @ForAll @IntRange(min = 1, max = 300) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] uu = precisionFactor(d, rng);
        double[] u = flat(uu);
        double[] packed = new double[d * FullTileKernels.padded(d)];
        FullTileKernels.packUpper(u, 0, d, packed, 0);
        double[] mean = gaussian(d, rng, 1);
        int offsetRows = 5;
        double[] x = gaussian((rows + offsetRows) * d, rng, 2);
        int k = 3;
        double[] out = new double[rows * k];
        FullTileKernels.logDensity(x, offsetRows * d, rows, d, mean, 0, packed, 0, Cholesky.logDiagonalSum(u, 0, d), out,
                2, k, new double[FullTileKernels.scratchSize(d)]);
        for (int i = 0; i < rows; i++) {
            double[] row = java.util.Arrays.copyOfRange(x, (offsetRows + i) * d, (offsetRows + i + 1) * d);
            double expected = ReferenceKernels.logDensity(row, mean, uu);
            assertThat(out[i * k + 2]).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        }
    }

    /** Oracle: per-row sums written out naively (zero responsibilities and zero weights included); tolerance 1e-10 relative. */
    @Property(tries = 80)
    void tiledMomentsMatchNaiveSums(@ForAll @IntRange(min = 1, max = 23) int d,
            @ForAll @IntRange(min = 1, max = 300) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 2;
        int offsetRows = 3;
        double[] x = gaussian((rows + offsetRows) * d, rng, 3);
        double[] resp = new double[rows * k];
        double[] w = new double[rows + offsetRows];
        for (int i = 0; i < rows; i++) {
            resp[i * k] = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble();
            resp[i * k + 1] = 1 - resp[i * k];
            w[offsetRows + i] = rng.nextInt(3);
        }
        double[] shift = gaussian(k * d, rng, 1);
        double[] nk = new double[k];
        double[] s1 = new double[k * d];
        double[] s2 = new double[k * d * d];
        double[] scratch = new double[FullTileKernels.scratchSize(d)];
        for (int j = 0; j < k; j++) {
            FullTileKernels.accumulate(x, offsetRows * d, rows, d, resp, k, j, w, offsetRows, shift, j * d, nk, s1, j * d,
                    s2, j * d * d, scratch);
        }
        for (int j = 0; j < k; j++) {
            ReferenceKernels.Moments ref = ReferenceKernels.moments(x, offsetRows, rows, d, resp, k, j, w, shift, j * d);
            assertThat(nk[j]).isCloseTo(ref.n(), within(1e-12 * Math.max(1, ref.n())));
            for (int a = 0; a < d; a++) {
                assertThat(s1[j * d + a]).isCloseTo(ref.s1()[a], within(1e-10 * Math.max(1, Math.abs(ref.s1()[a]))));
                for (int b = 0; b < d; b++) {
                    double got = s2[j * d * d + a * d + b];
                    if (b >= a) {
                        assertThat(got).isCloseTo(ref.s2()[a][b], within(1e-10 * Math.max(1, Math.abs(ref.s2()[a][b]))));
                    } else {
                        assertThat(got).as("lower triangle untouched").isEqualTo(0.0);
                    }
                }
            }
        }
    }

    static double[][] precisionFactor(int d, SplittableRandom rng) {
        double[] cov = flat(Mixtures.randomSpd(d, rng));
        double[] l = new double[d * d];
        assertThat(Cholesky.factor(cov, 0, d, l, 0)).isTrue();
        double[] u = new double[d * d];
        Cholesky.precisionFactor(l, 0, d, u, 0);
        double[][] uu = new double[d][d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(u, a * d, uu[a], 0, d);
        }
        return uu;
    }

    static double[] flat(double[][] m) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(m[a], 0, f, a * d, d);
        }
        return f;
    }

    static double[] gaussian(int n, SplittableRandom rng, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * rng.nextGaussian();
        }
        return v;
    }
}
