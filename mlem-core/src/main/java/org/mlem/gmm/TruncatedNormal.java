package org.mlem.gmm;

import org.hipparchus.special.Erf;

/**
 * The univariate normal N(m, v) restricted to {@code lo < Y ≤ hi}: the log of its probability and
 * the mean and variance of Y given it (Johnson, Kotz and Balakrishnan, 1994, §13.10.1; the
 * one-sided case is Tobin's 1958 inverse Mills ratio). With α = (lo − m)/s, β = (hi − m)/s,
 * P = Φ(β) − Φ(α): E = m + s (φ(α) − φ(β))/P and
 * Var = v (1 + (αφ(α) − βφ(β))/P − ((φ(α) − φ(β))/P)²). P is taken from the tail that keeps its
 * digits (Q(α) − Q(β) when α ≥ 0), and each ratio φ/P as exp(log φ − log P), so a cell far in a
 * tail keeps a relative precision near 1e-13 until Φ underflows (|z| ≳ 37).
 */
final class TruncatedNormal {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private TruncatedNormal() {
    }

    /**
     * Writes E[Y | lo &lt; Y ≤ hi] to {@code out[at]} and Var[Y | lo &lt; Y ≤ hi] to {@code out[at + 1]};
     * returns log P(lo &lt; Y ≤ hi). {@code lo} may be −∞ and {@code hi} +∞, not both.
     */
    static double moments(double m, double v, double lo, double hi, double[] out, int at) {
        double s = Math.sqrt(v);
        double alpha = (lo - m) / s;
        double beta = (hi - m) / s;
        double logP = logMass(alpha, beta);
        double pa = ratio(alpha, logP); // φ(α)/P
        double pb = ratio(beta, logP);
        double first = pa - pb;
        double second = (Double.isInfinite(alpha) ? 0 : alpha * pa) - (Double.isInfinite(beta) ? 0 : beta * pb);
        out[at] = m + s * first;
        out[at + 1] = v * Math.max(0, 1 + second - first * first);
        return logP;
    }

    /** log(Φ(β) − Φ(α)) from the tail that keeps its digits. */
    static double logMass(double alpha, double beta) {
        if (alpha == Double.NEGATIVE_INFINITY) {
            return Math.log(upperTail(-beta));
        }
        if (beta == Double.POSITIVE_INFINITY) {
            return Math.log(upperTail(alpha));
        }
        if (alpha >= 0) {
            return Math.log(upperTail(alpha) - upperTail(beta));
        }
        if (beta <= 0) {
            return Math.log(upperTail(-beta) - upperTail(-alpha));
        }
        return Math.log1p(-(upperTail(-alpha) + upperTail(beta)));
    }

    /** Q(z) = 1 − Φ(z). */
    private static double upperTail(double z) {
        return 0.5 * Erf.erfc(z * SQRT_HALF);
    }

    private static double ratio(double z, double logP) {
        return Double.isInfinite(z) ? 0 : Math.exp(-0.5 * z * z - LOG_SQRT_2PI - logP);
    }
}
