package org.mlem.glm;

import java.util.Arrays;

/**
 * Linear least squares min ||b - A x|| by Householder QR with R's limited column pivoting (LINPACK
 * {@code dqrdc2} as used by {@code lm} and {@code glm}): columns are taken in order, and a column
 * whose norm, after removing its projection on the columns kept before it, falls to
 * {@code tolerance} times its original norm is aliased (R reports NA for it) and left out.
 *
 * <p>The solution is then refined by the corrected semi-normal equations with residuals and
 * {@code A'r} formed in compensated (twice working) precision, and the unscaled covariance
 * {@code (A'A)^-1} likewise, so that ill-conditioned problems (NIST StRD Filip, Wampler) keep
 * their digits. The QR factor R is never inverted explicitly for the solution; the covariance is
 * the one place its inverse is formed, as the result asks for it.
 */
final class LeastSquares {
    private static final int REFINEMENTS = 4;

    private LeastSquares() {
    }

    /** The solution of one least-squares problem. */
    record Solution(double[] coefficients, boolean[] aliased, int rank, double[] unscaledCovariance,
            double residualSumOfSquares) {
    }

    /**
     * Solves min ||b - A x||.
     *
     * @param a column-major n x p matrix (not modified)
     * @param b right-hand side of length n (not modified)
     * @param tolerance relative norm below which a column counts as aliased (R's glm: 1e-11)
     * @return coefficients of length p (NaN where aliased) and the p x p row-major unscaled
     *     covariance (NaN rows and columns where aliased)
     */
    static Solution solve(double[] a, int n, int p, double[] b, double tolerance) {
        double[] qr = a.clone();
        double[] beta = new double[p];
        int[] kept = new int[p];
        boolean[] aliased = new boolean[p];
        int rank = 0;
        for (int j = 0; j < p; j++) {
            double original = norm(a, j * n, 0, n);
            double remaining = norm(qr, j * n, rank, n);
            if (original == 0 || remaining <= tolerance * original || rank == n) {
                aliased[j] = true;
                continue;
            }
            beta[rank] = householder(qr, n, j, rank, remaining);
            for (int k = j + 1; k < p; k++) {
                reflect(qr, n, j, rank, beta[rank], qr, k * n);
            }
            kept[rank++] = j;
        }
        int[] cols = Arrays.copyOf(kept, rank);
        double[] r = upperTriangle(qr, n, cols);
        double[] qtb = b.clone();
        for (int k = 0; k < rank; k++) {
            reflect(qr, n, cols[k], k, beta[k], qtb, 0);
        }
        double[] x = backSolve(r, rank, Arrays.copyOf(qtb, rank));
        double rss = refine(a, n, cols, b, r, x);
        double[] cov = refinedInverse(a, n, cols, r);
        return new Solution(expand(x, cols, p), aliased, rank, expandMatrix(cov, cols, p), rss);
    }

    private static double norm(double[] m, int base, int from, int n) {
        double scale = 0;
        for (int i = from; i < n; i++) {
            scale = Math.max(scale, Math.abs(m[base + i]));
        }
        if (scale == 0) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < n; i++) {
            double v = m[base + i] / scale;
            s += v * v;
        }
        return scale * Math.sqrt(s);
    }

    /** Turns column j (rows k..n-1) into a Householder vector v with v[k] = 1 implied; returns beta. */
    private static double householder(double[] qr, int n, int j, int k, double norm) {
        int base = j * n;
        double alpha = qr[base + k] > 0 ? -norm : norm;
        double v0 = qr[base + k] - alpha;
        for (int i = k + 1; i < n; i++) {
            qr[base + i] /= v0;
        }
        qr[base + k] = alpha; // R's diagonal; v[k] = 1 is implicit
        return -v0 / alpha;
    }

    /** Applies I - beta v v' (v stored below the diagonal of column j, v[k] = 1) to rows k.. of y. */
    private static void reflect(double[] qr, int n, int j, int k, double beta, double[] y, int ybase) {
        int base = j * n;
        double s = y[ybase + k];
        for (int i = k + 1; i < n; i++) {
            s += qr[base + i] * y[ybase + i];
        }
        s *= beta;
        y[ybase + k] -= s;
        for (int i = k + 1; i < n; i++) {
            y[ybase + i] -= s * qr[base + i];
        }
    }

    private static double[] upperTriangle(double[] qr, int n, int[] cols) {
        int k = cols.length;
        double[] r = new double[k * k];
        for (int c = 0; c < k; c++) {
            for (int row = 0; row <= c; row++) {
                r[row * k + c] = qr[cols[c] * n + row];
            }
        }
        return r;
    }

    /** Solves R x = y, R upper triangular k x k row-major. */
    private static double[] backSolve(double[] r, int k, double[] y) {
        for (int i = k - 1; i >= 0; i--) {
            double s = y[i];
            for (int j = i + 1; j < k; j++) {
                s -= r[i * k + j] * y[j];
            }
            y[i] = s / r[i * k + i];
        }
        return y;
    }

    /** Solves R' y = g in place. */
    private static double[] forwardSolve(double[] r, int k, double[] g) {
        for (int i = 0; i < k; i++) {
            double s = g[i];
            for (int j = 0; j < i; j++) {
                s -= r[j * k + i] * g[j];
            }
            g[i] = s / r[i * k + i];
        }
        return g;
    }

    /**
     * Corrected semi-normal equations (Bjorck 1987): x += (R'R)^-1 A'(b - A x) with the residual and
     * A'r compensated; converges at rate about cond(A) u. Returns the residual sum of squares.
     */
    private static double refine(double[] a, int n, int[] cols, double[] b, double[] r, double[] x) {
        int k = cols.length;
        double[] hi = new double[n];
        double[] lo = new double[n];
        for (int it = 0; it < REFINEMENTS; it++) {
            Compensated.affine(a, n, cols, x, -1, b, hi, lo);
            double[] g = new double[k];
            for (int j = 0; j < k; j++) {
                g[j] = Compensated.dot(a, n, cols[j], hi, lo);
            }
            double[] d = backSolve(r, k, forwardSolve(r, k, g));
            double change = 0;
            double size = 0;
            for (int j = 0; j < k; j++) {
                x[j] += d[j];
                change = Math.max(change, Math.abs(d[j]));
                size = Math.max(size, Math.abs(x[j]));
            }
            if (change <= 1e-17 * size) {
                break;
            }
        }
        Compensated.affine(a, n, cols, x, -1, b, hi, lo);
        return Compensated.sumOfSquares(hi, lo);
    }

    /** (A'A)^-1 from R, refined: C += (R'R)^-1 (I - (A'A) C) with A'A and the product compensated. */
    private static double[] refinedInverse(double[] a, int n, int[] cols, double[] r) {
        int k = cols.length;
        double[] c = new double[k * k];
        for (int j = 0; j < k; j++) {
            double[] e = new double[k];
            e[j] = 1;
            double[] col = backSolve(r, k, forwardSolve(r, k, e));
            for (int i = 0; i < k; i++) {
                c[i * k + j] = col[i];
            }
        }
        double[] gram = new double[k * k];
        double[] gramLo = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                Compensated.columnDot(a, n, cols[i], cols[j], gram, gramLo, i * k + j);
            }
        }
        for (int it = 0; it < 2; it++) {
            for (int j = 0; j < k; j++) {
                double[] resid = new double[k];
                for (int i = 0; i < k; i++) {
                    resid[i] = identityMinusProduct(gram, gramLo, k, i, c, j);
                }
                double[] d = backSolve(r, k, forwardSolve(r, k, resid));
                for (int i = 0; i < k; i++) {
                    c[i * k + j] += d[i];
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double m = 0.5 * (c[i * k + j] + c[j * k + i]);
                c[i * k + j] = m;
                c[j * k + i] = m;
            }
        }
        return c;
    }

    /** delta_ij - sum_l G_il C_lj with G = hi + lo, compensated. */
    private static double identityMinusProduct(double[] g, double[] gLo, int k, int i, double[] c, int j) {
        double s = i == j ? 1 : 0;
        double comp = 0;
        for (int l = 0; l < k; l++) {
            double p = -g[i * k + l] * c[l * k + j];
            double e = Math.fma(-g[i * k + l], c[l * k + j], -p);
            double t = s + p;
            double z = t - s;
            comp += (s - (t - z)) + (p - z) + e - gLo[i * k + l] * c[l * k + j];
            s = t;
        }
        return s + comp;
    }

    private static double[] expand(double[] x, int[] cols, int p) {
        double[] out = new double[p];
        Arrays.fill(out, Double.NaN);
        for (int j = 0; j < cols.length; j++) {
            out[cols[j]] = x[j];
        }
        return out;
    }

    private static double[] expandMatrix(double[] c, int[] cols, int p) {
        int k = cols.length;
        double[] out = new double[p * p];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[cols[i] * p + cols[j]] = c[i * k + j];
            }
        }
        return out;
    }
}
