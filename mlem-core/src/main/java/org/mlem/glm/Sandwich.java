package org.mlem.glm;

import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/**
 * Heteroskedasticity-consistent ("sandwich") covariances of a GLM's estimates, as R's
 * {@code sandwich::vcovHC(fit, type)}: V = C (Σ ω_i u_i² x_i x_iᵀ) C, C the unscaled covariance
 * (XᵀWX)⁻¹, u_i = wt_i (y_i − μ_i) μ'(η_i) / V(μ_i) the working residual times the working weight
 * (the row's score, up to the dispersion, which cancels between bread and meat), and ω_i = 1 (HC0),
 * n / (n − k) (HC1), 1 / (1 − h_i) (HC2) or 1 / (1 − h_i)² (HC3) with h_i = w_i x_iᵀ C x_i the
 * hat values, k the rank. Aliased columns are left out (NaN rows and columns), as sandwich does.
 */
public final class Sandwich {
    /** MacKinnon and White's (1985) variants, as sandwich names them. */
    public enum Type {
        HC0, HC1, HC2, HC3;

        /** The type named {@code hc0} .. {@code hc3} (any case). */
        public static Type byName(String name) {
            for (Type t : values()) {
                if (t.name().equalsIgnoreCase(name.strip())) {
                    return t;
                }
            }
            throw new MlemUserException("unknown sandwich type '" + name + "'; use hc0, hc1, hc2 or hc3");
        }

        /** The name in lower case, as the CLI and JSON write it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Sandwich() {
    }

    /**
     * The p×p row-major sandwich covariance of {@code fit} on {@code design}, fitted with
     * {@code family} (theta set for a negative binomial) and {@code link}.
     */
    public static double[] covariance(Design design, GlmFit fit, Family family, Link link, Type type) {
        int p = design.columns();
        int n = design.rows();
        int[] active = java.util.stream.IntStream.range(0, p).filter(j -> !fit.coefficients().get(j).aliased()).toArray();
        int k = active.length;
        double[] full = fit.covariance();
        double[] c = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                c[a * k + b] = full[active[a] * p + active[b]] / fit.dispersion();
            }
        }
        if (!(fit.dispersion() > 0) || n <= k && type == Type.HC1) {
            throw new MlemUserException("sandwich standard errors need a finite dispersion and more rows than "
                    + "coefficients; this fit has " + n + " rows for " + k);
        }
        double[] y = design.response();
        double[] wt = design.weights();
        double[] mu = fit.fittedValues();
        double[] eta = fit.linearPredictors();
        double[] meat = new double[k * k];
        double[] x = new double[k];
        double[] cx = new double[k];
        for (int i = 0; i < n; i++) {
            double dmu = link.derivative(eta[i]);
            double w = wt[i] * dmu * dmu / family.variance(mu[i]);
            double u = wt[i] * (y[i] - mu[i]) * dmu / family.variance(mu[i]);
            if (w == 0 || u == 0) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                x[a] = design.get(i, active[a]);
            }
            double h = 0;
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int b = 0; b < k; b++) {
                    s += c[a * k + b] * x[b];
                }
                cx[a] = s;
                h += x[a] * s;
            }
            h *= w;
            double omega = switch (type) {
                case HC0 -> 1;
                case HC1 -> n / (double) (n - k);
                case HC2 -> 1 / (1 - h);
                case HC3 -> 1 / ((1 - h) * (1 - h));
            };
            double f = omega * u * u;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat[a * k + b] += f * x[a] * x[b];
                }
            }
        }
        double[] cm = multiply(c, meat, k);
        double[] v = multiply(cm, c, k);
        double[] out = new double[p * p];
        java.util.Arrays.fill(out, Double.NaN);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[active[a] * p + active[b]] = v[a * k + b];
            }
        }
        return out;
    }

    private static double[] multiply(double[] a, double[] b, int k) {
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int l = 0; l < k; l++) {
                double ail = a[i * k + l];
                for (int j = 0; j < k; j++) {
                    out[i * k + j] += ail * b[l * k + j];
                }
            }
        }
        return out;
    }
}
