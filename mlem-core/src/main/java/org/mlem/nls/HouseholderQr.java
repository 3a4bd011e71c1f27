package org.mlem.nls;

/**
 * Householder QR of a tall m×p matrix (m ≥ p), for least squares without forming JᵀJ. Holds R and
 * Qᵀb for the right-hand side given at construction. Not thread-safe; a fresh one per solve.
 */
final class HouseholderQr {
    private final int p;
    private final double[][] r;
    private final double[] qtb;

    /**
     * Factors {@code a} (rows of length p; not modified) and transforms {@code b}.
     */
    HouseholderQr(double[][] a, double[] b) {
        int m = a.length;
        this.p = a[0].length;
        double[][] w = new double[m][];
        for (int i = 0; i < m; i++) {
            w[i] = a[i].clone();
        }
        double[] y = b.clone();
        for (int k = 0; k < p; k++) {
            double norm = 0;
            double scale = 0;
            for (int i = k; i < m; i++) {
                scale = Math.max(scale, Math.abs(w[i][k]));
            }
            if (scale == 0) {
                continue;
            }
            for (int i = k; i < m; i++) {
                double t = w[i][k] / scale;
                norm += t * t;
            }
            norm = scale * Math.sqrt(norm);
            double alpha = w[k][k] > 0 ? -norm : norm;
            // v = x - alpha e1, stored in column k below the diagonal; beta = 2 / vᵀv
            w[k][k] -= alpha;
            double vtv = 0;
            for (int i = k; i < m; i++) {
                vtv += w[i][k] * w[i][k];
            }
            for (int j = k + 1; j < p; j++) {
                reflect(w, k, m, vtv, j);
            }
            double s = 0;
            for (int i = k; i < m; i++) {
                s += w[i][k] * y[i];
            }
            s = 2 * s / vtv;
            for (int i = k; i < m; i++) {
                y[i] -= s * w[i][k];
            }
            w[k][k] = alpha;
            for (int i = k + 1; i < m; i++) {
                w[i][k] = 0;
            }
        }
        this.r = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(w[i], i, r[i], i, p - i);
        }
        this.qtb = y;
    }

    private static void reflect(double[][] w, int k, int m, double vtv, int j) {
        double s = 0;
        for (int i = k; i < m; i++) {
            s += w[i][k] * w[i][j];
        }
        s = 2 * s / vtv;
        for (int i = k; i < m; i++) {
            w[i][j] -= s * w[i][k];
        }
    }

    /** The smallest |R_kk| relative to the largest: 0 when rank-deficient. */
    double diagonalRatio() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int k = 0; k < p; k++) {
            double d = Math.abs(r[k][k]);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max == 0 ? 0 : min / max;
    }

    /** ‖first p entries of Qᵀb‖²: the part of b the columns explain. */
    double explainedSquares() {
        double s = 0;
        for (int k = 0; k < p; k++) {
            s += qtb[k] * qtb[k];
        }
        return s;
    }

    /** ‖remaining entries of Qᵀb‖²: the least-squares residual sum of squares. */
    double unexplainedSquares() {
        double s = 0;
        for (int k = p; k < qtb.length; k++) {
            s += qtb[k] * qtb[k];
        }
        return s;
    }

    /** The least-squares solution x minimising ‖Ax − b‖ (back substitution in R). */
    double[] solve() {
        double[] x = new double[p];
        for (int k = p - 1; k >= 0; k--) {
            double s = qtb[k];
            for (int j = k + 1; j < p; j++) {
                s -= r[k][j] * x[j];
            }
            x[k] = s / r[k][k];
        }
        return x;
    }

    /** (AᵀA)⁻¹ = R⁻¹R⁻ᵀ, from the triangular inverse of R (p is small; no normal equations). */
    double[][] inverseCrossProduct() {
        double[][] rinv = new double[p][p];
        for (int j = 0; j < p; j++) {
            rinv[j][j] = 1 / r[j][j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int k = i + 1; k <= j; k++) {
                    s += r[i][k] * rinv[k][j];
                }
                rinv[i][j] = -s / r[i][i];
            }
        }
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double s = 0;
                for (int k = j; k < p; k++) {
                    s += rinv[i][k] * rinv[j][k];
                }
                out[i][j] = s;
                out[j][i] = s;
            }
        }
        return out;
    }
}
