package org.mlem.glm;

/**
 * Error-free transformations (Knuth's TwoSum, TwoProduct by fused multiply-add) and the
 * compensated products built on them (Ogita, Rump and Oishi 2005, "Accurate sum and dot product"):
 * results as if computed in twice the working precision, then rounded. Used to form least-squares
 * residuals and Gram matrices for iterative refinement.
 */
final class Compensated {
    private Compensated() {
    }

    /**
     * {@code b + sign * A x} as an unevaluated sum hi + lo per row, A column-major n x k with the
     * columns listed in {@code cols} ({@code sign} -1 gives the residual b - A x).
     */
    static void affine(double[] a, int n, int[] cols, double[] x, double sign, double[] b, double[] hi, double[] lo) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double c = 0;
            for (int j = 0; j < cols.length; j++) {
                double ax = sign * a[i + cols[j] * n];
                double p = ax * x[j];
                double e = Math.fma(ax, x[j], -p);
                double t = s + p;
                double z = t - s;
                c += (s - (t - z)) + (p - z) + e;
                s = t;
            }
            hi[i] = s + c;
            lo[i] = c - (hi[i] - s);
        }
    }

    /** The dot product of column {@code col} of A with hi + lo, compensated. */
    static double dot(double[] a, int n, int col, double[] hi, double[] lo) {
        return org.mlem.kernel.Kernels.compensatedDot(a, col * n, hi, lo, n);
    }

    /** Sum of squares of hi + lo, compensated. */
    static double sumOfSquares(double[] hi, double[] lo) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < hi.length; i++) {
            double p = hi[i] * hi[i];
            double e = Math.fma(hi[i], hi[i], -p);
            double t = s + p;
            double z = t - s;
            c += (s - (t - z)) + (p - z) + e + 2 * hi[i] * lo[i];
            s = t;
        }
        return s + c;
    }

    /** The dot product of columns i and j of A as hi + lo, stored at {@code hi[at]}, {@code lo[at]}. */
    static void columnDot(double[] a, int n, int i, int j, double[] hi, double[] lo, int at) {
        double s = 0;
        double c = 0;
        for (int r = 0; r < n; r++) {
            double p = a[i * n + r] * a[j * n + r];
            double e = Math.fma(a[i * n + r], a[j * n + r], -p);
            double t = s + p;
            double z = t - s;
            c += (s - (t - z)) + (p - z) + e;
            s = t;
        }
        hi[at] = s + c;
        lo[at] = c - (hi[at] - s);
    }
}
