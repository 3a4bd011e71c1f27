package org.mlem.nls;

/**
 * QR of a tall n×p matrix [A | b] fed a block of rows at a time (blocked, "tall and skinny" QR):
 * each block's rows are stacked under the running p×p triangle R (and Qᵀb's first p entries) and
 * Householder reflections bring the stack back to triangular form; what the block's right-hand side
 * keeps beyond R adds to the unexplained sum of squares. Two accumulators over consecutive row
 * ranges merge by absorbing one's R as p more rows of the other, so fixed row ranges, merged in
 * order, give the same bits on any number of threads. As accurate as Householder QR of the whole
 * matrix (orthogonal transformations only; JᵀJ is never formed).
 */
final class RowBlockQr {
    private final int p;
    private final double[][] r;
    private final double[] qtb;
    private double unexplained;

    RowBlockQr(int p) {
        this.p = p;
        this.r = new double[p][p];
        this.qtb = new double[p];
    }

    /**
     * Absorbs rows {@code 0..m−1} of a block given column by column ({@code cols[j][i]}, overwritten)
     * with right-hand side {@code rhs} (overwritten).
     */
    void absorb(double[][] cols, double[] rhs, int m) {
        for (int k = 0; k < p; k++) {
            double[] v = cols[k];
            double x0 = r[k][k];
            double tail = 0;
            for (int i = 0; i < m; i++) {
                tail += v[i] * v[i];
            }
            double norm = Math.sqrt(x0 * x0 + tail);
            if (!(norm > 1e-150 && norm < 1e150)) {
                norm = scaledNorm(x0, v, m);
                if (norm == 0) {
                    continue;
                }
                tail = Math.max(0, (norm - Math.abs(x0)) * (norm + Math.abs(x0)));
            }
            double alpha = x0 > 0 ? -norm : norm;
            double v0 = x0 - alpha;
            double vtv = v0 * v0 + tail;
            if (!(vtv > 0)) {
                if (Double.isNaN(vtv)) {
                    r[k][k] = Double.NaN;
                }
                continue;
            }
            for (int j = k + 1; j < p; j++) {
                r[k][j] = reflect(v, v0, cols[j], r[k][j], m, vtv);
            }
            qtb[k] = reflect(v, v0, rhs, qtb[k], m, vtv);
            r[k][k] = alpha;
        }
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += rhs[i] * rhs[i];
        }
        unexplained += s;
    }

    /** Absorbs another accumulator (of the rows after this one's) as p more rows. */
    void merge(RowBlockQr other) {
        double[][] cols = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                cols[j][i] = other.r[i][j];
            }
        }
        unexplained += other.unexplained;
        absorb(cols, other.qtb.clone(), p);
    }

    /** x ← x − (2 vᵀx / vᵀv) v over the head entry and block rows; returns the new head entry. */
    private static double reflect(double[] v, double v0, double[] x, double x0, int m, double vtv) {
        double s = v0 * x0;
        for (int i = 0; i < m; i++) {
            s += v[i] * x[i];
        }
        s = 2 * s / vtv;
        for (int i = 0; i < m; i++) {
            x[i] -= s * v[i];
        }
        return x0 - s * v0;
    }

    private static double scaledNorm(double x0, double[] v, int m) {
        double scale = Math.abs(x0);
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, Math.abs(v[i]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale == 0 ? 0 : Double.NaN;
        }
        double t0 = x0 / scale;
        double s = t0 * t0;
        for (int i = 0; i < m; i++) {
            double t = v[i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /** The factorisation so far, as a solver. */
    HouseholderQr factor() {
        double[][] copy = new double[p][];
        for (int i = 0; i < p; i++) {
            copy[i] = r[i].clone();
        }
        return new HouseholderQr(copy, qtb.clone(), unexplained);
    }
}
