package org.mlem.kernel;

/**
 * Cholesky factorisation of small symmetric matrices (d×d, row-major) and the triangular
 * inverse that turns a covariance factor into a precision factor. Not on a per-row path: once per
 * component per M-step.
 */
public final class Cholesky {
    private Cholesky() {}

    /**
     * Writes the lower-triangular {@code L} with {@code A = L Lᵀ} into {@code l} (upper part
     * zeroed), reading only the lower triangle of {@code a}. Returns false, leaving {@code l}
     * partly written, when {@code a} is not numerically positive definite.
     */
    public static boolean factor(double[] a, int aOff, int d, double[] l, int lOff) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[aOff + i * d + j];
                for (int p = 0; p < j; p++) {
                    s -= l[lOff + i * d + p] * l[lOff + j * d + p];
                }
                if (i == j) {
                    if (!(s > 0.0)) {
                        return false;
                    }
                    l[lOff + i * d + i] = Math.sqrt(s);
                } else {
                    l[lOff + i * d + j] = s / l[lOff + j * d + j];
                }
            }
            for (int j = i + 1; j < d; j++) {
                l[lOff + i * d + j] = 0.0;
            }
        }
        return true;
    }

    /**
     * The precision factor {@code U = L⁻ᵀ} (upper triangular, {@code Σ⁻¹ = U Uᵀ}) of a lower
     * Cholesky factor {@code L} of {@code Σ}, by forward substitution column by column.
     */
    public static void precisionFactor(double[] l, int lOff, int d, double[] u, int uOff) {
        // Solve L M = I for M = L⁻¹ (lower); U = Mᵀ.
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < d; i++) {
                double s = i == c ? 1.0 : 0.0;
                if (i < c) {
                    u[uOff + c * d + i] = 0.0; // U[c][i] = M[i][c] = 0 above the diagonal of M
                    continue;
                }
                for (int p = c; p < i; p++) {
                    s -= l[lOff + i * d + p] * u[uOff + c * d + p];
                }
                u[uOff + c * d + i] = s / l[lOff + i * d + i];
            }
        }
    }

    /** {@code Σ_a log U_aa} of a triangular factor. */
    public static double logDiagonalSum(double[] t, int off, int d) {
        double s = 0.0;
        for (int a = 0; a < d; a++) {
            s += Math.log(t[off + a * d + a]);
        }
        return s;
    }
}
