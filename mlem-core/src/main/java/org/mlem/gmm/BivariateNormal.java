package org.mlem.gmm;

import org.hipparchus.special.Erf;

/**
 * The standard bivariate normal's upper orthant P(X &gt; h, Y &gt; k), correlation r, by Genz's
 * method (Genz, 2004, "Numerical computation of rectangular bivariate and trivariate normal and t
 * probabilities", Statistics and Computing 14: Drezner and Wesolowsky's integral over the
 * correlation with 6-, 12- or 20-point Gauss–Legendre rules for |r| &lt; 0.925, and for
 * |r| ≥ 0.925 the integral over √(1 − r²) with its singular part taken in closed form), accurate
 * to about 1e-15 absolute; and the probability of a rectangle (lo, hi] from orthants, each
 * one-sided side reflected so that a lower orthant is one orthant (no cancellation).
 */
final class BivariateNormal {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    // Gauss–Legendre abscissae x and weights w on [-1, 1], positive half (6, 12 and 20 points)
    private static final double[] W6 = {0.1713244923791705, 0.3607615730481384, 0.4679139345726904};
    private static final double[] X6 = {0.9324695142031522, 0.6612093864662647, 0.2386191860831970};
    private static final double[] W12 = {0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659,
        0.2334925365383547, 0.2491470458134029};
    private static final double[] X12 = {0.9815606342467191, 0.9041172563704750, 0.7699026741943050, 0.5873179542866171,
        0.3678314989981802, 0.1252334085114692};
    private static final double[] W20 = {0.01761400713915212, 0.04060142980038694, 0.06267204833410906,
        0.08327674157670475, 0.1019301198172404, 0.1181945319615184, 0.1316886384491766, 0.1420961093183821,
        0.1491729864726037, 0.1527533871307259};
    private static final double[] X20 = {0.9931285991850949, 0.9639719272779138, 0.9122344282513259, 0.8391169718222188,
        0.7463319064601508, 0.6360536807265150, 0.5108670019508271, 0.3737060887154196, 0.2277858511416451,
        0.07652652113349733};

    private BivariateNormal() {
    }

    /** Φ(z). */
    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z * SQRT_HALF);
    }

    /**
     * P(lo₁ &lt; X ≤ hi₁, lo₂ &lt; Y ≤ hi₂) for standard margins and correlation r; each side may be
     * open (−∞ / +∞).
     */
    static double rectangle(double lo1, double hi1, double lo2, double hi2, double r) {
        double s1 = lo1 == Double.NEGATIVE_INFINITY ? -1 : 1; // reflect a lower-open side to an upper-open one
        double s2 = lo2 == Double.NEGATIVE_INFINITY ? -1 : 1;
        double a1 = s1 > 0 ? lo1 : -hi1;
        double b1 = s1 > 0 ? hi1 : -lo1;
        double a2 = s2 > 0 ? lo2 : -hi2;
        double b2 = s2 > 0 ? hi2 : -lo2;
        double rho = s1 * s2 * r;
        double p = upper(a1, a2, rho);
        if (b2 != Double.POSITIVE_INFINITY) {
            p -= upper(a1, b2, rho);
        }
        if (b1 != Double.POSITIVE_INFINITY) {
            p -= upper(b1, a2, rho);
            if (b2 != Double.POSITIVE_INFINITY) {
                p += upper(b1, b2, rho);
            }
        }
        return Math.max(0, Math.min(1, p));
    }

    /** P(X &gt; h, Y &gt; k) for standard margins and correlation r (|r| ≤ 1); h, k may be infinite. */
    static double upper(double h, double k, double r) {
        if (h == Double.POSITIVE_INFINITY || k == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (h == Double.NEGATIVE_INFINITY) {
            return k == Double.NEGATIVE_INFINITY ? 1 : cdf(-k);
        }
        if (k == Double.NEGATIVE_INFINITY) {
            return cdf(-h);
        }
        if (r == 0) {
            return cdf(-h) * cdf(-k);
        }
        double[] w;
        double[] x;
        double ar = Math.abs(r);
        if (ar < 0.3) {
            w = W6;
            x = X6;
        } else if (ar < 0.75) {
            w = W12;
            x = X12;
        } else {
            w = W20;
            x = X20;
        }
        double p = ar < 0.925 ? moderate(h, k, r, w, x) : strong(h, k, r, w, x);
        return Math.max(0, Math.min(1, p));
    }

    /** Drezner–Wesolowsky: Φ(−h)Φ(−k) + (1/2π) ∫₀^{asin r} exp(−(h² + k² − 2hk sin θ)/(2 cos² θ)) dθ. */
    private static double moderate(double h, double k, double r, double[] w, double[] x) {
        double hk = h * k;
        double hs = 0.5 * (h * h + k * k);
        double asr = 0.5 * Math.asin(r);
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double sn = Math.sin(asr * (1 + sign * x[i]));
                sum += w[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
            }
        }
        return sum * asr / TWO_PI + cdf(-h) * cdf(-k);
    }

    /** |r| ≥ 0.925: Genz's expansion in √(1 − r²) (his equation for the nearly singular case). */
    private static double strong(double h, double k, double r, double[] w, double[] x) {
        double kk = r < 0 ? -k : k;
        double hk = h * kk;
        double bvn = 0;
        if (Math.abs(r) < 1) {
            double as = (1 - r) * (1 + r);
            double a = Math.sqrt(as);
            double bs = (h - kk) * (h - kk);
            double c = (4 - hk) / 8;
            double d = (12 - hk) / 80;
            double asr = -0.5 * (bs / as + hk);
            if (asr > -100) {
                bvn = a * Math.exp(asr) * (1 - c * (bs - as) * (1 - d * bs) / 3 + c * d * as * as);
            }
            if (hk > -100) {
                double b = Math.sqrt(bs);
                double sp = Math.sqrt(TWO_PI) * cdf(-b / a);
                bvn -= Math.exp(-0.5 * hk) * sp * b * (1 - c * bs * (1 - d * bs) / 3);
            }
            a *= 0.5;
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double xi = a * (1 + sign * x[i]);
                    double xs = xi * xi;
                    double e = -0.5 * (bs / xs + hk);
                    if (e > -100) {
                        double sp = 1 + c * xs * (1 + 5 * d * xs);
                        double rs = Math.sqrt(1 - xs);
                        double ep = Math.exp(-0.5 * hk * xs / ((1 + rs) * (1 + rs))) / rs;
                        sum += w[i] * Math.exp(e) * (sp - ep);
                    }
                }
            }
            bvn = (a * sum - bvn) / TWO_PI;
        }
        if (r > 0) {
            return bvn + cdf(-Math.max(h, kk));
        }
        if (h >= kk) {
            return -bvn;
        }
        double l = h < 0 ? cdf(kk) - cdf(h) : cdf(-h) - cdf(-kk);
        return l - bvn;
    }
}
