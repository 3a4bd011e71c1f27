package org.mlem.gmm;

import java.util.SplittableRandom;

/**
 * The probability of a box (lo, hi] under a centred multivariate normal N(0, Σ) by Genz's
 * separation of variables (Genz, 1992, "Numerical computation of multivariate normal
 * probabilities", J. Comput. Graph. Statist. 1): with Σ = LLᵀ (variables ordered as Gibson,
 * Glasbey and Elston, 1994, the least probable first, which shrinks the integrand's variation),
 * the box probability is an integral over the unit cube [0,1]^{d−1} of a product of univariate
 * normal probabilities. That integral is estimated with a randomly shifted Richtmyer lattice
 * (generators √p for the first primes, tent-periodised, each point used with its antithetic
 * point) under {@code shifts} independent shifts drawn from {@code seed}; the points are doubled
 * until three standard errors of the mean over the shifts fall below {@code relativeError} times
 * the estimate, or {@code maxPoints} integrand values have been spent. The result depends only on
 * the arguments (no state, no thread), so the same seed gives the same bits everywhere.
 */
final class GenzQmc {
    static final int SHIFTS = 10;
    /**
     * Rank-1 lattice rules {n, z_1, ..., z_7}: n prime, growing by about 1.5, z built component by
     * component for the Korobov space of smoothness 2 ({@code tools/reference/lattice_cbc.py});
     * the first m components serve an m-dimensional integrand.
     */
    private static final int[][] LATTICES = {
            {101, 1, 44, 10, 6, 12, 2, 4},
            {151, 1, 56, 65, 41, 19, 39, 2},
            {227, 1, 94, 29, 43, 2, 4, 6},
            {347, 1, 101, 169, 15, 11, 22, 2},
            {521, 1, 144, 249, 86, 7, 30, 202},
            {787, 1, 289, 232, 387, 196, 186, 392},
            {1181, 1, 434, 176, 510, 483, 354, 2},
            {1777, 1, 657, 411, 87, 145, 580, 290},
            {2671, 1, 1106, 618, 251, 924, 1215, 331},
            {4007, 1, 1533, 1125, 1584, 732, 245, 102},
            {6011, 1, 2207, 1341, 1444, 826, 301, 383},
            {9029, 1, 3740, 2012, 3130, 3399, 4285, 4416},
            {13553, 1, 5233, 3828, 3603, 5636, 1213, 5919},
            {20333, 1, 6200, 8330, 6484, 4873, 4214, 7169},
            {30509, 1, 12641, 11386, 14924, 4623, 11948, 2646},
            {45763, 1, 16254, 21201, 9131, 9465, 1429, 7676},
            {68659, 1, 28458, 8749, 18024, 15770, 19633, 27905},
            {103001, 1, 30114, 27566, 42207, 1821, 4135, 30622}
    };
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private GenzQmc() {
    }

    /**
     * P(lo &lt; Y ≤ hi), Y ~ N(0, Σ), Σ the d×d row-major {@code cov} (positive definite); bounds may
     * be ±∞. Writes the error estimate (three standard errors over the shifts) to
     * {@code error[0]} when {@code error} is not null.
     *
     * @throws NotPositiveDefiniteException when Σ is not positive definite
     */
    static double probability(double[] cov, int d, double[] lo, double[] hi, double relativeError, int maxPoints,
            long seed, double[] error) {
        double[] c = cov.clone();
        double[] a = lo.clone();
        double[] b = hi.clone();
        double[] l = new double[d * d];
        order(c, d, a, b, l);
        int m = d - 1;
        double[][] shift = new double[SHIFTS][m];
        SplittableRandom rng = new SplittableRandom(seed);
        for (double[] s : shift) {
            for (int i = 0; i < m; i++) {
                s[i] = rng.nextDouble();
            }
        }
        double[] sums = new double[SHIFTS];
        double[] w = new double[m];
        double[] wBar = new double[m];
        double[] y = new double[d];
        long spent = 0;
        double mean = 0;
        double err = Double.POSITIVE_INFINITY;
        for (int rule = 0; rule < LATTICES.length; rule++) {
            int n = LATTICES[rule][0];
            if (rule > 0 && spent + 2L * SHIFTS * n > maxPoints) {
                break;
            }
            spent += 2L * SHIFTS * n;
            java.util.Arrays.fill(sums, 0);
            for (int s = 0; s < SHIFTS; s++) {
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < m; i++) {
                        double t = (double) ((long) k * LATTICES[rule][1 + i] % n) / n + shift[s][i];
                        t -= Math.floor(t);
                        w[i] = Math.abs(2 * t - 1);
                        wBar[i] = 1 - w[i];
                    }
                    sums[s] += 0.5 * (integrand(l, d, a, b, w, y) + integrand(l, d, a, b, wBar, y));
                }
            }
            mean = 0;
            for (double s : sums) {
                mean += s / n;
            }
            mean /= SHIFTS;
            double var = 0;
            for (double s : sums) {
                var += (s / n - mean) * (s / n - mean);
            }
            err = 3 * Math.sqrt(var / (SHIFTS * (SHIFTS - 1.0)));
            if (m == 0 || err <= relativeError * mean) {
                break;
            }
        }
        if (error != null) {
            error[0] = err;
        }
        return mean;
    }

    /** ∏ᵢ (Φ(βᵢ) − Φ(αᵢ)) along the path that the point w picks out (Genz's transformed integrand). */
    private static double integrand(double[] l, int d, double[] a, double[] b, double[] w, double[] y) {
        double f = 1;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int p = 0; p < i; p++) {
                s += l[i * d + p] * y[p];
            }
            double sd = l[i * d + i];
            double alpha = (a[i] - s) / sd;
            double beta = (b[i] - s) / sd;
            double mass;
            if (alpha > 0) { // upper tail: Q keeps the digits
                double qa = upperTail(alpha);
                mass = qa - upperTail(beta);
                if (i < d - 1) {
                    y[i] = -quantile(qa - w[i] * mass);
                }
            } else {
                double pa = upperTail(-alpha);
                mass = upperTail(-beta) - pa;
                if (i < d - 1) {
                    y[i] = quantile(pa + w[i] * mass);
                }
            }
            f *= mass;
            if (f <= 0) {
                return 0;
            }
        }
        return f;
    }

    /**
     * Orders the variables (the least probable given those before, each earlier one at its
     * truncated mean) and writes the Cholesky factor of the reordered Σ into {@code l}; permutes
     * {@code c}, {@code a}, {@code b} in place.
     */
    private static void order(double[] c, int d, double[] a, double[] b, double[] l) {
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            int best = -1;
            double bestMass = Double.POSITIVE_INFINITY;
            for (int j = i; j < d; j++) {
                double s = 0;
                double v = c[j * d + j];
                for (int p = 0; p < i; p++) {
                    s += l[j * d + p] * y[p];
                    v -= l[j * d + p] * l[j * d + p];
                }
                if (!(v > 0)) {
                    throw new NotPositiveDefiniteException(-1);
                }
                double sd = Math.sqrt(v);
                double mass = Math.exp(TruncatedNormal.logMass((a[j] - s) / sd, (b[j] - s) / sd));
                if (mass < bestMass) {
                    bestMass = mass;
                    best = j;
                }
            }
            swap(c, d, a, b, l, i, best);
            double v = c[i * d + i];
            double s = 0;
            for (int p = 0; p < i; p++) {
                v -= l[i * d + p] * l[i * d + p];
                s += l[i * d + p] * y[p];
            }
            double sd = Math.sqrt(v);
            l[i * d + i] = sd;
            for (int r = i + 1; r < d; r++) {
                double t = c[r * d + i];
                for (int p = 0; p < i; p++) {
                    t -= l[r * d + p] * l[i * d + p];
                }
                l[r * d + i] = t / sd;
            }
            double alpha = (a[i] - s) / sd;
            double beta = (b[i] - s) / sd;
            double logMass = TruncatedNormal.logMass(alpha, beta);
            double fa = Double.isInfinite(alpha) ? 0 : Math.exp(-0.5 * alpha * alpha - LOG_SQRT_2PI - logMass);
            double fb = Double.isInfinite(beta) ? 0 : Math.exp(-0.5 * beta * beta - LOG_SQRT_2PI - logMass);
            y[i] = Double.isFinite(fa - fb) ? fa - fb : finiteMidpoint(alpha, beta);
        }
    }

    private static double finiteMidpoint(double alpha, double beta) {
        return Double.isInfinite(alpha) ? beta : Double.isInfinite(beta) ? alpha : 0.5 * (alpha + beta);
    }

    private static void swap(double[] c, int d, double[] a, double[] b, double[] l, int i, int j) {
        if (i == j) {
            return;
        }
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
        t = b[i];
        b[i] = b[j];
        b[j] = t;
        for (int p = 0; p < d; p++) { // rows, then columns
            t = c[i * d + p];
            c[i * d + p] = c[j * d + p];
            c[j * d + p] = t;
        }
        for (int p = 0; p < d; p++) {
            t = c[p * d + i];
            c[p * d + i] = c[p * d + j];
            c[p * d + j] = t;
        }
        for (int p = 0; p < i; p++) {
            t = l[i * d + p];
            l[i * d + p] = l[j * d + p];
            l[j * d + p] = t;
        }
    }

    /**
     * Q(z) = 1 − Φ(z): for |z| &lt; 2.5 Hart's (1968) rational approximation as West (2005, "Better
     * approximations to cumulative normal functions", Wilmott) gives it (a ratio of degree-6 and -7
     * polynomials times exp(−z²/2); within 4e-15 relative there), beyond it Laplace's continued
     * fraction Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))) cut at 70, 50 or 30 terms as x ≥ 2.5,
     * 3 or 4 (each within 2e-15 relative: measured against mpmath), with exp(−x²/2) split as
     * exp(−x₀²/2) exp(−(x − x₀)(x + x₀)/2), x₀ = x rounded to 1/16, so x² loses no digits; 0 past
     * 38.5 (where Φ(−|z|) leaves the subnormal range). Several times faster than
     * {@link org.hipparchus.special.Erf#erfc}, which the integrand would otherwise spend nearly all
     * its time in.
     */
    static double upperTail(double z) {
        double x = Math.abs(z);
        double tail; // Φ(−|z|)
        if (x > 38.5) {
            tail = 0;
        } else if (x < 2.5) {
            double e = Math.exp(-0.5 * x * x);
            double num = ((((((3.52624965998911e-02 * x + 0.700383064443688) * x + 6.37396220353165) * x
                    + 33.912866078383) * x + 112.079291497871) * x + 221.213596169931) * x + 220.206867912376);
            double den = (((((((8.83883476483184e-02 * x + 1.75566716318264) * x + 16.064177579207) * x
                    + 86.7807322029461) * x + 296.564248779674) * x + 637.333633378831) * x + 793.826512519948) * x
                    + 440.413735824752);
            tail = e * num / den;
        } else {
            int terms = x < 3 ? 70 : x < 4 ? 50 : 30;
            double b = x;
            for (int k = terms; k > 0; k--) {
                b = x + k / b;
            }
            double x0 = Math.rint(16 * x) / 16;
            tail = Math.exp(-0.5 * x0 * x0) * Math.exp(-0.5 * (x - x0) * (x + x0)) / (b * SQRT_2PI);
        }
        return z >= 0 ? tail : 1 - tail;
    }

    /**
     * Φ⁻¹(u): Acklam's rational approximation (relative error 1.2e-9) refined by one Halley step
     * on Φ (from erfc, so the tails keep their digits), near full double precision; u is kept in
     * [1e-300, 1 − 2⁻⁵³] so the result stays finite.
     */
    static double quantile(double u) {
        double p = Math.min(Math.max(u, 1e-300), 1 - 0x1p-53);
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                    - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                    / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -(((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                    - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1);
        }
        double e = x < 0 ? upperTail(-x) - p : (1 - p) - upperTail(x); // Φ(x) − p from the tail that holds x
        double u2 = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
        return x - u2 / (1 + 0.5 * x * u2);
    }
}
