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
        double[] x = design.matrixColumnMajor();
        double[] y = design.response();
        double[] wt = design.weights();
        double[] mu = fit.fittedValues();
        double[] eta = fit.linearPredictors();
        int n = design.rows();
        return covariance(fit, type, n, (active, c) -> {
            double[] meat = new double[active.length * active.length];
            addMeat(x, n, active, y, wt, mu, eta, family, link, c, type, n, meat);
            return meat;
        });
    }

    /** The meat Σ ω_i u_i² x_i x_iᵀ over every row, however the rows are stored (one machine, a cluster's blocks). */
    @FunctionalInterface
    public interface Meat {
        /**
         * The k×k row-major meat over the model-matrix columns {@code active} (the fit's columns
         * not aliased, k of them), given C = (XᵀWX)⁻¹ over them ({@code c}, k×k row-major).
         */
        double[] sum(int[] active, double[] c);
    }

    /**
     * The p×p row-major sandwich covariance of {@code fit}, a fit to {@code rows} rows, whose meat
     * {@code meat} sums (with {@link #addMeat} over every row).
     *
     * @throws MlemUserException when the dispersion is not finite and positive, or HC1 has no more rows than columns
     */
    public static double[] covariance(GlmFit fit, Type type, long rows, Meat meat) {
        int p = fit.coefficients().size();
        int[] active = java.util.stream.IntStream.range(0, p).filter(j -> !fit.coefficients().get(j).aliased()).toArray();
        int k = active.length;
        double[] full = fit.covariance();
        double[] c = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                c[a * k + b] = full[active[a] * p + active[b]] / fit.dispersion();
            }
        }
        if (!(fit.dispersion() > 0) || rows <= k && type == Type.HC1) {
            throw new MlemUserException("sandwich standard errors need a finite dispersion and more rows than "
                    + "coefficients; this fit has " + rows + " rows for " + k);
        }
        double[] v = multiply(multiply(c, meat.sum(active, c), k), c, k);
        double[] out = new double[p * p];
        java.util.Arrays.fill(out, Double.NaN);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[active[a] * p + active[b]] = v[a * k + b];
            }
        }
        return out;
    }

    /**
     * Adds ω_i u_i² x_i x_iᵀ of rows 0..n-1 to {@code meat} (k×k row-major over the columns
     * {@code active} of the column-major n-row model matrix {@code x}), the rows' means {@code mu}
     * and linear predictors {@code eta} those of the fit, {@code c} its (XᵀWX)⁻¹ over the active
     * columns and {@code rows} the fit's number of rows (HC1's n, which a block of rows does not know).
     */
    public static void addMeat(double[] x, int n, int[] active, double[] y, double[] wt, double[] mu, double[] eta,
            Family family, Link link, double[] c, Type type, long rows, double[] meat) {
        int k = active.length;
        double[] xi = new double[k];
        for (int i = 0; i < n; i++) {
            double dmu = link.derivative(eta[i]);
            double w = wt[i] * dmu * dmu / family.variance(mu[i]);
            double u = wt[i] * (y[i] - mu[i]) * dmu / family.variance(mu[i]);
            if (w == 0 || u == 0) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                xi[a] = x[i + active[a] * n];
            }
            double h = 0;
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int b = 0; b < k; b++) {
                    s += c[a * k + b] * xi[b];
                }
                h += xi[a] * s;
            }
            h *= w;
            double omega = switch (type) {
                case HC0 -> 1;
                case HC1 -> rows / (double) (rows - k);
                case HC2 -> 1 / (1 - h);
                case HC3 -> 1 / ((1 - h) * (1 - h));
            };
            double f = omega * u * u;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat[a * k + b] += f * xi[a] * xi[b];
                }
            }
        }
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
