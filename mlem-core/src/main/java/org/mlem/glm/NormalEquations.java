package org.mlem.glm;

import java.util.stream.IntStream;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.Kernels;

/**
 * The weighted least-squares step of IRLS by the normal equations: {@code XᵀWX} and {@code XᵀWz}
 * accumulated by the SIMD cross-product kernel over fixed chunks of rows in parallel, the chunks'
 * sums merged in chunk order (so any thread count gives the same bits), then a Cholesky solve of
 * the Jacobi-scaled system. IRLS refines only its last step's solution ({@link #refine}, one step
 * with compensated residuals {@code z - Xb}): an earlier step's rounding is corrected by the next.
 *
 * <p>Squaring the design squares its condition number, so this path is taken only where that is
 * harmless: when the scaled Gram matrix is positive definite with a 1-norm condition number below
 * {@link #MAX_CONDITION}. Otherwise {@link #solve} returns null and the caller falls back to the
 * Householder QR of {@link LeastSquares}, which also decides aliasing as R does (an aliased
 * column makes the Gram matrix singular, so it always takes the fallback). Below the bound the
 * refined solution agrees with the QR one to about {@code cond(X) · 1e-16}, as QR's own error.
 */
final class NormalEquations {
    /** Rows per parallel chunk; fixed, so the summation order does not depend on the thread count. */
    static final int CHUNK = 8192;
    /** Largest 1-norm condition number of the unit-diagonal {@code XᵀWX} solved here (cond(X) ≲ 1e4). */
    static final double MAX_CONDITION = 1e8;

    private NormalEquations() {
    }

    /**
     * Solves min Σ w_i (z_i - x_i b)², or returns null when the problem is too ill-conditioned for
     * the normal equations.
     *
     * @param x column-major n x p design
     * @param w weights (the squared IRLS working weights; 0 leaves a row out)
     * @param z working response
     * @return coefficients, no column aliased, the unscaled covariance {@code (XᵀWX)⁻¹} row-major;
     *     the residual sum of squares is not formed (NaN)
     */
    static LeastSquares.Solution solve(double[] x, int n, int p, double[] w, double[] z) {
        return solve(crossProducts(x, n, p, w, z), p);
    }

    /**
     * {@link #solve(double[], int, int, double[], double[])} from the upper triangle of
     * {@code [X z]ᵀ W [X z]} ({@link #crossProducts}, or those of row blocks summed), row-major (p+1)².
     */
    static LeastSquares.Solution solve(double[] m, int p) {
        int q = p + 1;
        double[] scale = new double[p];
        double[] g = new double[p * p];
        for (int j = 0; j < p; j++) {
            double d = m[j * q + j];
            if (!(d > 0) || !Double.isFinite(d)) {
                return null;
            }
            scale[j] = 1 / Math.sqrt(d);
        }
        for (int j = 0; j < p; j++) {
            for (int k = j; k < p; k++) {
                double v = m[j * q + k] * scale[j] * scale[k];
                g[j * p + k] = v;
                g[k * p + j] = v;
            }
        }
        double[] l = new double[p * p];
        if (!Cholesky.factor(g, 0, p, l, 0)) {
            return null;
        }
        double[] inv = inverse(l, p);
        if (norm1(g, p) * norm1(inv, p) > MAX_CONDITION) {
            return null;
        }
        double[] rhs = new double[p];
        for (int j = 0; j < p; j++) {
            rhs[j] = m[j * q + p] * scale[j];
        }
        double[] b = solveScaled(l, p, rhs, scale);
        double[] cov = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                cov[j * p + k] = inv[j * p + k] * scale[j] * scale[k];
            }
        }
        return new LeastSquares.Solution(b, new boolean[p], p, cov, Double.NaN);
    }

    /**
     * One step of iterative refinement of a solution {@code b} of {@link #solve} for the same
     * problem, whose unscaled covariance {@code (XᵀWX)⁻¹} is {@code cov}: {@code b + cov · Xᵀ W (z -
     * X b)}, the gradient in compensated arithmetic. Below {@link #MAX_CONDITION} the step shrinks
     * the error by {@code cond(XᵀWX) · 1e-16} ≤ 1e-8, so one step takes a Cholesky solution to the
     * accuracy of the refined QR one.
     */
    static double[] refine(double[] x, int n, int p, double[] w, double[] z, double[] b, double[] cov) {
        double[] ones = new double[p];
        java.util.Arrays.fill(ones, 1.0);
        double[] g = scaledGradient(x, n, p, w, z, b, ones);
        double[] out = b.clone();
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                s += cov[j * p + k] * g[k];
            }
            out[j] += s;
        }
        return out;
    }

    /** The upper triangle of {@code [X z]ᵀ W [X z]}, row-major (p+1)², summed chunk by chunk in order. */
    static double[] crossProducts(double[] x, int n, int p, double[] w, double[] z) {
        int q = p + 1;
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] part = new double[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] out = new double[q * q];
            double[] scratch = new double[Kernels.CROSS_PRODUCT_ROWS];
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int from = c * CHUNK; from < end; from += Kernels.CROSS_PRODUCT_ROWS) {
                Kernels.weightedCrossProducts(x, n, p, z, w, from, Math.min(end, from + Kernels.CROSS_PRODUCT_ROWS),
                        out, scratch);
            }
            part[c] = out;
        });
        double[] total = new double[q * q];
        for (double[] t : part) {
            for (int i = 0; i < total.length; i++) {
                total[i] += t[i];
            }
        }
        return total;
    }

    /**
     * {@code S Xᵀ W (z - X b)} with S the Jacobi scaling, the residuals and the products formed in
     * compensated arithmetic (as if in twice the working precision), so that large-residual
     * problems keep the digits the QR reference gives them (NIST StRD Wampler4 and 5). Chunks in
     * parallel, their sums merged in chunk order.
     */
    private static double[] scaledGradient(double[] x, int n, int p, double[] w, double[] z, double[] b,
            double[] scale) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] part = new double[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int len = Math.min(n, from + CHUNK) - from;
            double[] g = new double[2 * p];
            Kernels.compensatedGradient(x, n, p, b, z, w, from, len, g, new double[len], new double[len]);
            part[c] = g;
        });
        double[] g = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            double comp = 0;
            for (double[] t : part) {
                double v = t[2 * j];
                double sum = s + v;
                double bv = sum - s;
                comp += (s - (sum - bv)) + (v - bv) + t[2 * j + 1];
                s = sum;
            }
            g[j] = (s + comp) * scale[j];
        }
        return g;
    }

    /** Whether {@code s} came from {@link #solve} (which leaves the residual sum of squares unformed). */
    static boolean solved(LeastSquares.Solution s) {
        return Double.isNaN(s.residualSumOfSquares());
    }

    /**
     * Sets {@code eta = X b + offset} and {@code mu = g⁻¹(eta)} chunk by chunk in parallel and
     * returns the deviance, each chunk's summed in row order and the chunks' in chunk order.
     */
    static double update(double[] x, int n, int p, double[] b, double[] offset, Link link, Family family,
            double[] y, double[] wt, double[] eta, double[] mu) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[] part = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int end = Math.min(n, from + CHUNK);
            System.arraycopy(offset, from, eta, from, end - from);
            for (int j = 0; j < p; j++) {
                double bj = b[j];
                int o = j * n;
                for (int i = from; i < end; i++) {
                    eta[i] += x[o + i] * bj;
                }
            }
            double d = 0;
            for (int i = from; i < end; i++) {
                mu[i] = link.inverse(eta[i]);
                d += family.deviance(y[i], mu[i], wt[i]);
            }
            part[c] = d;
        });
        double d = 0;
        for (double v : part) {
            d += v;
        }
        return d;
    }

    /** b = S u with L Lᵀ u = rhs (L lower, row-major). */
    private static double[] solveScaled(double[] l, int p, double[] rhs, double[] scale) {
        double[] u = rhs.clone();
        for (int i = 0; i < p; i++) {
            double s = u[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * p + k] * u[k];
            }
            u[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double s = u[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k * p + i] * u[k];
            }
            u[i] = s / l[i * p + i];
        }
        for (int j = 0; j < p; j++) {
            u[j] *= scale[j];
        }
        return u;
    }

    /** (L Lᵀ)⁻¹ = U Uᵀ with U = L⁻ᵀ. */
    private static double[] inverse(double[] l, int p) {
        double[] u = new double[p * p];
        Cholesky.precisionFactor(l, 0, p, u, 0);
        double[] inv = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double s = 0;
                for (int k = Math.max(i, j); k < p; k++) {
                    s += u[i * p + k] * u[j * p + k];
                }
                inv[i * p + j] = s;
                inv[j * p + i] = s;
            }
        }
        return inv;
    }

    private static double norm1(double[] a, int p) {
        double best = 0;
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i = 0; i < p; i++) {
                s += Math.abs(a[i * p + j]);
            }
            best = Math.max(best, s);
        }
        return best;
    }
}
