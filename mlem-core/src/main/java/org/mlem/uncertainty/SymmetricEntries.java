package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries σ_ab (a ≤ b, row by row) of a symmetric d×d matrix taken as free parameters, each
 * with its basis matrix E (Σ linear in the entries: E = e_a e_bᵀ + e_b e_aᵀ off the diagonal,
 * e_a e_aᵀ on it) as the (row, column) pairs of its ones; and the traces and quadratic forms the
 * score and Hessian of a normal or t log density in those entries need.
 */
final class SymmetricEntries {
    final int d;
    final int[] a;
    final int[] b;
    final int[][] rows;
    final int[][] cols;

    SymmetricEntries(int d) {
        this.d = d;
        int n = d * (d + 1) / 2;
        a = new int[n];
        b = new int[n];
        rows = new int[n][];
        cols = new int[n][];
        int e = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++, e++) {
                a[e] = i;
                b[e] = j;
                rows[e] = i == j ? new int[] {i} : new int[] {i, j};
                cols[e] = i == j ? new int[] {i} : new int[] {j, i};
            }
        }
    }

    int size() {
        return a.length;
    }

    /** {@code prefix[a,b]} names with column names, entry order. */
    List<String> names(String prefix, List<String> columns) {
        List<String> n = new ArrayList<>();
        for (int e = 0; e < size(); e++) {
            n.add(prefix + "[" + columns.get(a[e]) + "," + columns.get(b[e]) + "]");
        }
        return n;
    }

    /** The entries of {@code m} (d×d, row-major from {@code offset}). */
    double[] values(double[] m, int offset) {
        double[] v = new double[size()];
        for (int e = 0; e < v.length; e++) {
            v[e] = m[offset + a[e] * d + b[e]];
        }
        return v;
    }

    /** Writes {@code u = P(x − μ)} (P row-major d×d) and returns the squared Mahalanobis distance {@code (x − μ)ᵀu}. */
    static double precisionTimesResidual(double[] p, double[] x, double[] mu, double[] u) {
        int d = mu.length;
        double quad = 0;
        for (int a = 0; a < d; a++) {
            double v = 0;
            for (int c = 0; c < d; c++) {
                v += p[a * d + c] * (x[c] - mu[c]);
            }
            u[a] = v;
            quad += v * (x[a] - mu[a]);
        }
        return quad;
    }

    /** {@code uᵀ E_e u}. */
    double quadratic(int e, double[] u) {
        double q = 0;
        for (int t = 0; t < rows[e].length; t++) {
            q += u[rows[e][t]] * u[cols[e][t]];
        }
        return q;
    }

    /** {@code tr(P E_e)}, P row-major d×d. */
    double trace(int e, double[] p) {
        double s = 0;
        for (int t = 0; t < rows[e].length; t++) {
            s += p[cols[e][t] * d + rows[e][t]];
        }
        return s;
    }

    /** {@code (P E_e u)_c}. */
    double precisionTimes(int e, double[] p, double[] u, int c) {
        double s = 0;
        for (int t = 0; t < rows[e].length; t++) {
            s += p[c * d + rows[e][t]] * u[cols[e][t]];
        }
        return s;
    }

    /** {@code uᵀ E_f P E_e u}. */
    double sandwich(int f, int e, double[] p, double[] u) {
        double s = 0;
        for (int t = 0; t < rows[f].length; t++) {
            for (int r = 0; r < rows[e].length; r++) {
                s += u[rows[f][t]] * p[cols[f][t] * d + rows[e][r]] * u[cols[e][r]];
            }
        }
        return s;
    }

    /** {@code tr(P E_f P E_e)}. */
    double traceProduct(int f, int e, double[] p) {
        double s = 0;
        for (int t = 0; t < rows[f].length; t++) {
            for (int r = 0; r < rows[e].length; r++) {
                s += p[cols[e][r] * d + rows[f][t]] * p[cols[f][t] * d + rows[e][r]];
            }
        }
        return s;
    }

    /** The inverse of a symmetric positive-definite d×d matrix, row-major. */
    static double[] inverse(double[][] m) {
        double[][] inv = new org.hipparchus.linear.CholeskyDecomposition(
                new org.hipparchus.linear.Array2DRowRealMatrix(m), 1e-14, 1e-14).getSolver().getInverse().getData();
        int d = m.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(inv[i], 0, flat, i * d, d);
        }
        return flat;
    }
}
