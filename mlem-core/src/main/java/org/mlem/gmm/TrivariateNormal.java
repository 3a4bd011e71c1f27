package org.mlem.gmm;

/**
 * The standard trivariate normal's lower orthant P(X₁ ≤ h₁, X₂ ≤ h₂, X₃ ≤ h₃) (unit variances,
 * correlations r₁₂, r₁₃, r₂₃) by Genz's method (Genz, 2004, "Numerical computation of rectangular
 * bivariate and trivariate normal and t probabilities", Statistics and Computing 14): the
 * variables ordered so that |r₂₃| is the largest correlation, Plackett's identity
 * ∂P/∂r_ij = φ₂(h_i, h_j; r_ij) P(X_k ≤ h_k | X_i = h_i, X_j = h_j) integrated along the path
 * r₁₂(t) = sin(t asin r₁₂), r₁₃(t) = sin(t asin r₁₃), t ∈ [0, 1], from the matrix with X₁
 * independent of (X₂, X₃), where P = Φ(h₁) Φ₂(h₂, h₃; r₂₃):
 * <pre>
 *   P = Φ(h₁) Φ₂(h₂, h₃; r₂₃) + (1/2π) ∫₀¹ Σ_{j=2,3} asin(r₁ⱼ) exp(−((h₁ − r h_j)²/(1 − r²) + h_j²)/2) Φ(β_j(t)) dt
 * </pre>
 * (r = r₁ⱼ(t); the sine substitution cancels φ₂'s 1/√(1 − r²); β_j the standardised bound of the
 * third variable given the other two), the one-dimensional integral by adaptive Gauss–Kronrod
 * (7–15 points; the two rules agreeing to 1e-14 on each piece). With Genz's bivariate method ({@link BivariateNormal}, ~1e-15)
 * inside, P is good to about 1e-14 absolute (measured against an independent iterated integral:
 * see TrivariateNormalTest). A box (lo, hi] is the signed sum of at most eight orthants, each
 * side that is open above reflected (X ↦ −X) so that every term is one orthant.
 */
final class TrivariateNormal {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double TOLERANCE = 1e-14;
    private static final int MAX_DEPTH = 30;
    // Gauss–Kronrod 7–15 on [−1, 1]: Kronrod abscissae (the odd ones are Gauss's), weights
    private static final double[] XK = {0.991455371120812639, 0.949107912342758525, 0.864864423359769073,
        0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0};
    private static final double[] WK = {0.022935322010529225, 0.063092092629978553, 0.104790010322250184,
        0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892,
        0.209482141084727828};
    private static final double[] WG = {0.129484966168869693, 0.279705391489276668, 0.381830050505118945,
        0.417959183673469388};

    private TrivariateNormal() {
    }

    /**
     * P(lo &lt; X ≤ hi) for X with standard margins and correlations r₁₂, r₁₃, r₂₃ (a positive
     * definite matrix); each bound may be infinite.
     */
    static double box(double[] lo, double[] hi, double r12, double r13, double r23) {
        double[] a = new double[3];
        double[] b = new double[3];
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) { // reflect sides open above, and intervals on the positive side, to keep tails small
            boolean reflect = hi[i] == Double.POSITIVE_INFINITY
                    || (lo[i] != Double.NEGATIVE_INFINITY && lo[i] > -hi[i]);
            s[i] = reflect ? -1 : 1;
            a[i] = reflect ? -hi[i] : lo[i];
            b[i] = reflect ? -lo[i] : hi[i];
        }
        double q12 = s[0] * s[1] * r12;
        double q13 = s[0] * s[2] * r13;
        double q23 = s[1] * s[2] * r23;
        double p = 0;
        for (int corner = 0; corner < 8; corner++) { // bit i set: the lower bound of side i, with a minus sign
            double[] h = new double[3];
            int sign = 1;
            boolean zero = false;
            for (int i = 0; i < 3; i++) {
                if ((corner >> i & 1) == 1) {
                    zero |= a[i] == Double.NEGATIVE_INFINITY;
                    h[i] = a[i];
                    sign = -sign;
                } else {
                    h[i] = b[i];
                }
            }
            if (!zero) {
                p += sign * lower(h[0], h[1], h[2], q12, q13, q23);
            }
        }
        return Math.max(0, Math.min(1, p));
    }

    /** P(X₁ ≤ h₁, X₂ ≤ h₂, X₃ ≤ h₃); each h may be infinite. */
    static double lower(double h1, double h2, double h3, double r12, double r13, double r23) {
        if (h1 == Double.NEGATIVE_INFINITY || h2 == Double.NEGATIVE_INFINITY || h3 == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (h1 == Double.POSITIVE_INFINITY) {
            return BivariateNormal.upper(-h2, -h3, r23);
        }
        if (h2 == Double.POSITIVE_INFINITY) {
            return BivariateNormal.upper(-h1, -h3, r13);
        }
        if (h3 == Double.POSITIVE_INFINITY) {
            return BivariateNormal.upper(-h1, -h2, r12);
        }
        // order so that |r23| is the largest: the path then leaves the strongest correlation alone
        if (Math.abs(r12) > Math.abs(r13)) { // swap variables 2 and 3
            double t = h2;
            h2 = h3;
            h3 = t;
            t = r12;
            r12 = r13;
            r13 = t;
        }
        if (Math.abs(r13) > Math.abs(r23)) { // swap variables 1 and 2
            double t = h1;
            h1 = h2;
            h2 = t;
            t = r13;
            r13 = r23;
            r23 = t;
        }
        double p = BivariateNormal.cdf(h1) * BivariateNormal.upper(-h2, -h3, r23);
        double a12 = Math.asin(Math.max(-1, Math.min(1, r12)));
        double a13 = Math.asin(Math.max(-1, Math.min(1, r13)));
        if (a12 == 0 && a13 == 0) {
            return Math.max(0, Math.min(1, p));
        }
        Path f = new Path(h1, h2, h3, r23, a12, a13);
        p += integrate(f, 0, 1, f.at(0.5), 0) / TWO_PI;
        return Math.max(0, Math.min(1, p));
    }

    /** Plackett's integrand along the path, as a function of t ∈ [0, 1]. */
    private record Path(double h1, double h2, double h3, double r23, double a12, double a13) {
        double at(double t) {
            double f = 0;
            if (a12 != 0) {
                double r = Math.sin(a12 * t);
                f += a12 * term(h1, h2, h3, Math.sin(a13 * t), r23, r);
            }
            if (a13 != 0) {
                double r = Math.sin(a13 * t);
                f += a13 * term(h1, h3, h2, Math.sin(a12 * t), r23, r);
            }
            return f;
        }

        /**
         * exp(−((ha − r hb)²/(1 − r²) + hb²)/2) Φ(β): the bivariate density of (Xa, Xb) at (ha, hb)
         * without its 1/(2π√(1 − r²)), times P(Xc ≤ hc | Xa = ha, Xb = hb), Xc's correlations
         * with Xa and Xb being ra and rb.
         */
        private static double term(double ha, double hb, double hc, double ra, double rb, double r) {
            double rr = (1 - r) * (1 + r);
            double dt = rr * (rr - (ra - rb) * (ra - rb) - 2 * ra * rb * (1 - r)); // rr² Var(Xc | Xa, Xb)
            double ft = (ha - r * hb) * (ha - r * hb) / rr + hb * hb;
            if (!(rr > 0) || ft > 1500) {
                return 0;
            }
            double e = Math.exp(-0.5 * ft);
            if (!(dt > 0)) { // Xc is determined by Xa, Xb: a step
                double mean = (ha * (ra - r * rb) + hb * (rb - r * ra)) / rr;
                return hc >= mean ? e : 0;
            }
            double beta = (hc * rr + ha * (r * rb - ra) + hb * (r * ra - rb)) / Math.sqrt(dt);
            return e * BivariateNormal.cdf(beta);
        }
    }

    /**
     * Adaptive Gauss–Kronrod on [lo, hi] ({@code fMid} the integrand at its middle): bisected until
     * the 7- and 15-point rules agree to {@value #TOLERANCE} times the interval's length (the
     * 15-point rule's own error is far below that difference).
     */
    private static double integrate(Path f, double lo, double hi, double fMid, int depth) {
        double c = 0.5 * (lo + hi);
        double h = 0.5 * (hi - lo);
        double kronrod = WK[7] * fMid;
        double gauss = WG[3] * fMid;
        for (int i = 0; i < 7; i++) {
            double x = h * XK[i];
            double sum = f.at(c - x) + f.at(c + x);
            kronrod += WK[i] * sum;
            if (i % 2 == 1) {
                gauss += WG[i / 2] * sum;
            }
        }
        kronrod *= h;
        gauss *= h;
        if (Math.abs(kronrod - gauss) <= TOLERANCE * 2 * h || depth >= MAX_DEPTH) {
            return kronrod;
        }
        return integrate(f, lo, c, f.at(0.5 * (lo + c)), depth + 1) + integrate(f, c, hi, f.at(0.5 * (c + hi)), depth + 1);
    }
}
