package org.mlem.gmm;

/**
 * The multivariate normal N(0, Σ) restricted to a box lo &lt; Y ≤ hi: the log of its probability
 * and the mean and covariance of Y given it, by Tallis's (1961) moment formulas as Manjunath and
 * Wilhelm (2021, "Moments calculation for the doubly truncated multivariate normal density",
 * J. Behav. Data Sci. 1) state them for a box: with F_k(x) the truncated density's one-dimensional
 * marginal (φ(x; σ_kk) times the (d−1)-dimensional box probability of the other cells given
 * Y_k = x, over P) and F_kq the two-dimensional one (φ₂ times a (d−2)-dimensional probability),
 * <pre>
 *   E[Y_i]      = Σ_k σ_ik (F_k(a_k) − F_k(b_k))
 *   E[Y_i Y_j]  = σ_ij + Σ_k σ_ik σ_jk (a_k F_k(a_k) − b_k F_k(b_k)) / σ_kk
 *               + Σ_k σ_ik Σ_{q≠k} (σ_jq − σ_kq σ_jk / σ_kk) (F_kq(a_k,a_q) − F_kq(a_k,b_q) − F_kq(b_k,a_q) + F_kq(b_k,b_q))
 * </pre>
 * (a term with an infinite bound is zero). Every probability is {@link BoxProbability}'s, so with
 * two or three cells everything is in closed form or Genz's bivariate and trivariate methods, with
 * four only P itself is quasi-Monte Carlo, with five P and the five marginals' four-dimensional
 * probabilities (the pairs' are trivariate).
 */
final class TruncatedMvn {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private TruncatedMvn() {
    }

    /**
     * Writes E[Y | box] to {@code mean[0..d)} and Cov[Y | box] to {@code cov[0..d²)} (row-major);
     * returns log P(box). {@code sigma} is d×d row-major and positive definite.
     */
    static double moments(double[] sigma, int d, double[] lo, double[] hi, BoxProbability rule, double[] mean,
            double[] cov) {
        return moments(sigma, d, lo, hi, rule, Double.NaN, mean, cov);
    }

    /** As {@link #moments(double[], int, double[], double[], BoxProbability, double[], double[])} with log P(box) known (NaN: not). */
    static double moments(double[] sigma, int d, double[] lo, double[] hi, BoxProbability rule, double knownLogP,
            double[] mean, double[] cov) {
        double logP = Double.isNaN(knownLogP) ? rule.logProbability(sigma, d, lo, hi) : knownLogP;
        double[] fa = new double[d]; // F_k(a_k), F_k(b_k): marginal densities of the truncated law at the bounds
        double[] fb = new double[d];
        for (int k = 0; k < d; k++) {
            fa[k] = marginal(sigma, d, lo, hi, k, lo[k], rule, logP);
            fb[k] = marginal(sigma, d, lo, hi, k, hi[k], rule, logP);
        }
        double[] g = new double[d * d]; // G_kq = F_kq(a,a) − F_kq(a,b) − F_kq(b,a) + F_kq(b,b), symmetric
        for (int k = 0; k < d; k++) {
            for (int q = k + 1; q < d; q++) {
                double v = pair(sigma, d, lo, hi, k, q, lo[k], lo[q], rule, logP)
                        - pair(sigma, d, lo, hi, k, q, lo[k], hi[q], rule, logP)
                        - pair(sigma, d, lo, hi, k, q, hi[k], lo[q], rule, logP)
                        + pair(sigma, d, lo, hi, k, q, hi[k], hi[q], rule, logP);
                g[k * d + q] = v;
                g[q * d + k] = v;
            }
        }
        for (int i = 0; i < d; i++) {
            double m = 0;
            for (int k = 0; k < d; k++) {
                m += sigma[i * d + k] * (fa[k] - fb[k]);
            }
            mean[i] = m;
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double e = sigma[i * d + j];
                for (int k = 0; k < d; k++) {
                    double skk = sigma[k * d + k];
                    double edge = (fa[k] == 0 ? 0 : lo[k] * fa[k]) - (fb[k] == 0 ? 0 : hi[k] * fb[k]);
                    e += sigma[i * d + k] * sigma[j * d + k] * edge / skk;
                    double inner = 0;
                    for (int q = 0; q < d; q++) {
                        if (q != k) {
                            inner += (sigma[j * d + q] - sigma[k * d + q] * sigma[j * d + k] / skk) * g[k * d + q];
                        }
                    }
                    e += sigma[i * d + k] * inner;
                }
                double c = e - mean[i] * mean[j];
                cov[i * d + j] = c;
                cov[j * d + i] = c;
            }
        }
        return logP;
    }

    /** F_k(x): φ(x; σ_kk) P(others in their box | Y_k = x) / P; 0 at an infinite x. */
    private static double marginal(double[] sigma, int d, double[] lo, double[] hi, int k, double x, BoxProbability rule,
            double logP) {
        if (Double.isInfinite(x)) {
            return 0;
        }
        double skk = sigma[k * d + k];
        int r = d - 1;
        double[] c = new double[r * r];
        double[] a = new double[r];
        double[] b = new double[r];
        int[] rest = others(d, k, -1);
        for (int p = 0; p < r; p++) {
            int i = rest[p];
            double beta = sigma[i * d + k] / skk;
            a[p] = lo[i] - beta * x;
            b[p] = hi[i] - beta * x;
            for (int q = 0; q < r; q++) {
                int j = rest[q];
                c[p * r + q] = sigma[i * d + j] - sigma[i * d + k] * sigma[k * d + j] / skk;
            }
        }
        double logDensity = -0.5 * (LOG_2PI + Math.log(skk) + x * x / skk);
        return Math.exp(logDensity + rule.logProbability(c, r, a, b) - logP);
    }

    /** F_kq(x, y): φ₂((x, y); Σ_{kq}) P(others in their box | Y_k = x, Y_q = y) / P; 0 at an infinite bound. */
    private static double pair(double[] sigma, int d, double[] lo, double[] hi, int k, int q, double x, double y,
            BoxProbability rule, double logP) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return 0;
        }
        double skk = sigma[k * d + k];
        double sqq = sigma[q * d + q];
        double skq = sigma[k * d + q];
        double det = skk * sqq - skq * skq;
        double ikk = sqq / det; // the 2×2 inverse
        double iqq = skk / det;
        double ikq = -skq / det;
        double logDensity = -LOG_2PI - 0.5 * Math.log(det) - 0.5 * (ikk * x * x + 2 * ikq * x * y + iqq * y * y);
        int r = d - 2;
        double[] c = new double[r * r];
        double[] a = new double[r];
        double[] b = new double[r];
        int[] rest = others(d, k, q);
        for (int p = 0; p < r; p++) {
            int i = rest[p];
            double bk = sigma[i * d + k] * ikk + sigma[i * d + q] * ikq; // Σ_{i,S} Σ_SS⁻¹
            double bq = sigma[i * d + k] * ikq + sigma[i * d + q] * iqq;
            a[p] = lo[i] - bk * x - bq * y;
            b[p] = hi[i] - bk * x - bq * y;
            for (int t = 0; t < r; t++) {
                int j = rest[t];
                c[p * r + t] = sigma[i * d + j] - bk * sigma[k * d + j] - bq * sigma[q * d + j];
            }
        }
        return Math.exp(logDensity + rule.logProbability(c, r, a, b) - logP);
    }

    private static int[] others(int d, int k, int q) {
        int[] rest = new int[q < 0 ? d - 1 : d - 2];
        int n = 0;
        for (int i = 0; i < d; i++) {
            if (i != k && i != q) {
                rest[n++] = i;
            }
        }
        return rest;
    }
}
