package org.mlem.nls;

/**
 * Householder QR of a tall m×p matrix (m ≥ p), for least squares without forming JᵀJ. Holds R and
 * Qᵀb for the right-hand side given at construction. Not thread-safe; a fresh one per solve.
 */
final class HouseholderQr {
    private final int p;
    private final double[][] r;
    private final double[] qtb;
    private final double unexplained;

    /**
     * Factors {@code a} (rows of length p; not modified) and transforms {@code b}. The work is
     * done on a column-major copy (one array a column, so every loop over rows runs along one
     * array); the arithmetic, and so every bit, is that of the row-by-row formulation.
     */
    HouseholderQr(double[][] a, double[] b) {
        int m = a.length;
        this.p = a[0].length;
        double[][] w = new double[p][m];
        for (int i = 0; i < m; i++) {
            double[] row = a[i];
            for (int j = 0; j < p; j++) {
                w[j][i] = row[j];
            }
        }
        double[] y = b.clone();
        for (int k = 0; k < p; k++) {
            double[] v = w[k];
            double norm = 0;
            double scale = 0;
            for (int i = k; i < m; i++) {
                scale = Math.max(scale, Math.abs(v[i]));
            }
            if (scale == 0) {
                continue;
            }
            for (int i = k; i < m; i++) {
                double t = v[i] / scale;
                norm += t * t;
            }
            norm = scale * Math.sqrt(norm);
            double alpha = v[k] > 0 ? -norm : norm;
            // v = x - alpha e1, stored in column k below the diagonal; beta = 2 / vᵀv
            v[k] -= alpha;
            double vtv = 0;
            for (int i = k; i < m; i++) {
                vtv += v[i] * v[i];
            }
            for (int j = k + 1; j < p; j++) {
                reflect(v, w[j], k, m, vtv);
            }
            reflect(v, y, k, m, vtv);
            v[k] = alpha;
            for (int i = k + 1; i < m; i++) {
                v[i] = 0;
            }
        }
        this.r = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                r[i][j] = w[j][i];
            }
        }
        this.qtb = java.util.Arrays.copyOf(y, p);
        double tail = 0;
        for (int k = p; k < m; k++) {
            tail += y[k] * y[k];
        }
        this.unexplained = tail;
    }

    /**
     * A factorisation already made elsewhere (e.g. by {@link RowBlockQr}): the p×p upper-triangular
     * R, the first p entries of Qᵀb and the sum of squares of the others.
     */
    HouseholderQr(double[][] r, double[] qtbHead, double unexplained) {
        this.p = qtbHead.length;
        this.r = r;
        this.qtb = qtbHead;
        this.unexplained = unexplained;
    }

    /** {@code x -= (2 vᵀx / vᵀv) v} over rows {@code k..m-1}. */
    private static void reflect(double[] v, double[] x, int k, int m, double vtv) {
        double s = 0;
        for (int i = k; i < m; i++) {
            s += v[i] * x[i];
        }
        s = 2 * s / vtv;
        for (int i = k; i < m; i++) {
            x[i] -= s * v[i];
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
        return unexplained;
    }

    /** ‖Rδ − Qᵀb‖² over the first p entries plus the unexplained part: ‖Aδ − b‖². */
    double residualSquares(double[] delta) {
        double s = 0;
        for (int k = 0; k < p; k++) {
            double t = qtb[k];
            for (int j = k; j < p; j++) {
                t -= r[k][j] * delta[j];
            }
            s += t * t;
        }
        return s + unexplained;
    }

    /** ‖column j of A‖² = ‖column j of R‖². */
    double[] columnSquares() {
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i <= j; i++) {
                out[j] += r[i][j] * r[i][j];
            }
        }
        return out;
    }

    /** The damped least-squares step: min ‖Aδ − b‖² + λ‖Dδ‖², from R and Qᵀb alone (QR of [R; √λD]). */
    double[] dampedSolve(double[] d, double lambda) {
        double[][] a = new double[2 * p][p];
        double[] b = new double[2 * p];
        double s = Math.sqrt(lambda);
        for (int i = 0; i < p; i++) {
            System.arraycopy(r[i], 0, a[i], 0, p);
            b[i] = qtb[i];
            a[p + i][i] = s * d[i];
        }
        return new HouseholderQr(a, b).solve();
    }

    /** The compressed least-squares problem of the same R and Qᵀb: rows R then 0, length p + 1. */
    double[][] compressedMatrix() {
        double[][] a = new double[p + 1][];
        for (int i = 0; i < p; i++) {
            a[i] = r[i].clone();
        }
        a[p] = new double[p];
        return a;
    }

    /** The right-hand side matching {@link #compressedMatrix()}: Qᵀb's first p entries, then √unexplained. */
    double[] compressedRhs() {
        double[] b = java.util.Arrays.copyOf(qtb, p + 1);
        b[p] = Math.sqrt(unexplained);
        return b;
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
