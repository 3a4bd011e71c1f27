package org.mlem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The GLM kernels: weighted cross-products ({@link CrossProducts}, {@link VectorCrossProducts})
 * against a naive triple loop, and the compensated least-squares gradient ({@link
 * CompensatedGradient}) against exact arithmetic. Shapes: p
 * from 1 (and not a multiple of the 4-column register block), row ranges not starting at 0 and
 * not a multiple of the vector width, zero weights. The build runs this class at 256 bits too.
 */
class CrossProductKernelsTest {

    /** Oracle: Σ w a_j a_k summed naively in row order; tolerance 1e-12 relative to Σ |w a_j a_k|. */
    @Property(tries = 60)
    void crossProductsMatchNaiveSums(@ForAll @IntRange(min = 1, max = 23) int p,
            @ForAll @IntRange(min = 1, max = 700) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int from = 7;
        int n = from + rows + 3;
        double[] x = FullTileKernelsTest.gaussian(n * p, rng, 2);
        double[] z = FullTileKernelsTest.gaussian(n, rng, 5);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextInt(5) == 0 ? 0 : rng.nextDouble() * 3;
        }
        int q = p + 1;
        double[] plain = new double[q * q];
        double[] vector = new double[q * q];
        CrossProducts.weighted(x, n, p, z, w, from, from + rows, plain);
        VectorCrossProducts.weighted(x, n, p, z, w, from, from + rows, vector, new double[rows]);
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < q; k++) {
                double s = 0;
                double abs = 0;
                for (int i = from; i < from + rows; i++) {
                    double a = j < p ? x[j * n + i] : z[i];
                    double b = k < p ? x[k * n + i] : z[i];
                    s += w[i] * a * b;
                    abs += Math.abs(w[i] * a * b);
                }
                double expected = k >= j ? s : 0;
                assertThat(plain[j * q + k]).as("plain %d,%d", j, k).isCloseTo(expected, within(1e-12 * abs));
                assertThat(vector[j * q + k]).as("vector %d,%d", j, k).isCloseTo(expected, within(1e-12 * abs));
            }
        }
    }

    /**
     * Oracle: Xᵀ W (z - X b) in exact decimal arithmetic, on data where plain double sums cancel
     * to nothing (z = X b up to 1e-12 relative, columns of 1e6 scale); tolerance 1e-13 relative to
     * Σ |x_ij| |w_i r_i| plus 1e-20 Σ |x_ij w_i z_i| — what twice the working precision allows.
     */
    @Property(tries = 40)
    void compensatedGradientMatchesExactArithmetic(@ForAll @IntRange(min = 1, max = 9) int p,
            @ForAll @IntRange(min = 1, max = 300) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int from = 5;
        int n = from + rows + 2;
        double[] x = FullTileKernelsTest.gaussian(n * p, rng, 1e6);
        double[] b = FullTileKernelsTest.gaussian(p, rng, 3);
        double[] z = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int j = 0; j < p; j++) {
                fit += x[j * n + i] * b[j];
            }
            z[i] = fit * (1 + 1e-12 * rng.nextGaussian());
            w[i] = rng.nextInt(6) == 0 ? 0 : 0.5 + rng.nextDouble();
        }
        double[] plain = new double[2 * p];
        CompensatedGradient.gradient(x, n, p, b, z, w, from, rows, plain, new double[rows], new double[rows]);
        MathContext mc = MathContext.DECIMAL128;
        for (int j = 0; j < p; j++) {
            BigDecimal exact = BigDecimal.ZERO;
            double scale = 0;
            double big = 0;
            for (int i = from; i < from + rows; i++) {
                BigDecimal r = new BigDecimal(z[i]);
                for (int k = 0; k < p; k++) {
                    r = r.subtract(new BigDecimal(x[k * n + i]).multiply(new BigDecimal(b[k])));
                }
                BigDecimal term = new BigDecimal(x[j * n + i]).multiply(new BigDecimal(w[i])).multiply(r);
                exact = exact.add(term, mc);
                scale += Math.abs(term.doubleValue());
                big += Math.abs(x[j * n + i] * w[i] * z[i]);
            }
            double tol = 1e-13 * scale + 1e-20 * big;
            assertThat(plain[2 * j] + plain[2 * j + 1]).as("component %d", j).isCloseTo(exact.doubleValue(),
                    within(tol));
        }
    }
}
