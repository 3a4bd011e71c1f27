package org.mlem.kernel;

/**
 * The gradient {@code Xᵀ W (z - X b)} of a weighted least-squares problem over a block of rows,
 * with the residuals and the dot products in compensated arithmetic (TwoSum and TwoProduct by
 * fused multiply-add; Ogita, Rump and Oishi 2005): as if computed in twice the working precision.
 * It is the residual step of iterative refinement, where plain rounding would cap the digits of
 * a large-residual problem. Plain Java (see {@link Kernels#compensatedGradient} for why).
 */
final class CompensatedGradient {
    private CompensatedGradient() {}

    /**
     * For rows {@code from..from+len-1} of the column-major n×p {@code x}: {@code hi + lo} =
     * {@code w_i (z_i - x_i b)}, then {@code out[2j] + out[2j+1]} = {@code Σ_i x_ij (hi_i + lo_i)}.
     * {@code hi} and {@code lo} hold at least {@code len} doubles.
     */
    static void gradient(double[] x, int n, int p, double[] b, double[] z, double[] w, int from, int len,
            double[] out, double[] hi, double[] lo) {
        residuals(x, n, p, b, z, w, from, len, hi, lo);
        for (int j = 0; j < p; j++) {
            double[] sc = new double[2];
            addDot(x, j * n + from, hi, lo, 0, len, sc);
            out[2 * j] = sc[0];
            out[2 * j + 1] = sc[1];
        }
    }

    /**
     * Adds {@code Σ_r a[aOff + r] (hi[r] + lo[r])} over {@code r = from..to-1} to the unevaluated
     * sum {@code sc[0] + sc[1]}, compensated (TwoSum of the products and their TwoProduct errors).
     */
    static void addDot(double[] a, int aOff, double[] hi, double[] lo, int from, int to, double[] sc) {
        double s = sc[0];
        double c = sc[1];
        for (int r = from; r < to; r++) {
            double prod = a[aOff + r] * hi[r];
            double e = Math.fma(a[aOff + r], hi[r], -prod);
            double t = s + prod;
            double v = t - s;
            c += (s - (t - v)) + (prod - v) + e + a[aOff + r] * lo[r];
            s = t;
        }
        sc[0] = s;
        sc[1] = c;
    }

    /** {@code hi + lo = w ∘ (z - X b)} over the block, down the columns. */
    static void residuals(double[] x, int n, int p, double[] b, double[] z, double[] w, int from, int len,
            double[] hi, double[] lo) {
        System.arraycopy(z, from, hi, 0, len);
        java.util.Arrays.fill(lo, 0, len, 0.0);
        for (int j = 0; j < p; j++) {
            double bj = -b[j];
            int o = j * n + from;
            for (int r = 0; r < len; r++) {
                double a = x[o + r];
                double prod = a * bj;
                double e = Math.fma(a, bj, -prod);
                double s = hi[r];
                double t = s + prod;
                double v = t - s;
                lo[r] += (s - (t - v)) + (prod - v) + e;
                hi[r] = t;
            }
        }
        for (int r = 0; r < len; r++) {
            double wr = w[from + r];
            double h = hi[r] + lo[r];
            double l = lo[r] - (h - hi[r]);
            double prod = wr * h;
            hi[r] = prod;
            lo[r] = Math.fma(wr, h, -prod) + wr * l;
        }
    }
}
