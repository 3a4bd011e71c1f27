package org.mlem.concomitant;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mlem.formula.BasisCoefs;

/**
 * Mixing weights that depend on concomitant variables through a multinomial logit, as flexmix's
 * {@code FLXPmultinom}: {@code π_j(z) = exp(zᵀγ_j) / Σ_l exp(zᵀγ_l)} with {@code γ_0 = 0} (the first
 * component is the baseline), z a row of the design of {@link #formula} (R's {@code model.matrix},
 * columns {@link #terms}).
 *
 * @param formula the one-sided formula as given ({@code ~ z1 + z2})
 * @param terms the design's column names, q of them
 * @param levels the level order of each text (factor) column the formula uses, for coding new rows
 * @param coefficients k × q; row 0 is all zeros
 * @param bases the fitted coefficients and knots of the formula's data-dependent terms
 *     ({@code poly(z, 2)}, {@code ns(z, 3)}) by term label, so new rows are coded as the fit's
 */
public record Gating(String formula, List<String> terms, Map<String, List<String>> levels, double[][] coefficients,
        Map<String, BasisCoefs> bases) {
    public Gating {
        terms = List.copyOf(terms);
        levels = Map.copyOf(levels);
        bases = Map.copyOf(bases);
        double[][] c = new double[coefficients.length][];
        for (int j = 0; j < c.length; j++) {
            if (coefficients[j].length != terms.size()) {
                throw new IllegalArgumentException("component " + j + " has " + coefficients[j].length
                        + " concomitant coefficients for " + terms.size() + " terms");
            }
            c[j] = coefficients[j].clone();
        }
        if (c.length > 0 && Arrays.stream(c[0]).anyMatch(v -> v != 0)) {
            throw new IllegalArgumentException("the first component's concomitant coefficients must be 0 (the baseline)");
        }
        coefficients = c;
    }

    /** A gating whose formula has no data-dependent terms. */
    public Gating(String formula, List<String> terms, Map<String, List<String>> levels, double[][] coefficients) {
        this(formula, terms, levels, coefficients, Map.of());
    }

    /** k. */
    public int components() {
        return coefficients.length;
    }

    /** q, the design's columns. */
    public int width() {
        return terms.size();
    }

    @Override
    public double[][] coefficients() {
        double[][] c = new double[coefficients.length][];
        for (int j = 0; j < c.length; j++) {
            c[j] = coefficients[j].clone();
        }
        return c;
    }

    /** Free parameters: (k − 1) q. */
    public int freeParameters() {
        return (components() - 1) * width();
    }

    /** This gating with other coefficients (same formula, terms, levels). */
    public Gating with(double[][] gamma) {
        return new Gating(formula, terms, levels, gamma, bases);
    }

    /**
     * Writes {@code log π_j(z_i)} for {@code rows} rows of the row-major design {@code z} (q values a
     * row) starting at row {@code first} into {@code out} (rows × k), in log space (log-sum-exp).
     */
    public void logPriors(double[] z, int first, int rows, double[] out) {
        logPriors(coefficients, z, first, rows, out);
    }

    /** {@link #logPriors(double[], int, int, double[])} of coefficients {@code gamma} (k × q, row 0 zeros). */
    public static void logPriors(double[][] gamma, double[] z, int first, int rows, double[] out) {
        int k = gamma.length;
        int q = gamma[0].length;
        for (int i = 0; i < rows; i++) {
            int zo = (first + i) * q;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double eta = 0;
                for (int a = 0; a < q; a++) {
                    eta += z[zo + a] * gamma[j][a];
                }
                out[i * k + j] = eta;
                max = Math.max(max, eta);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(out[i * k + j] - max);
            }
            double lse = max + Math.log(s);
            for (int j = 0; j < k; j++) {
                out[i * k + j] -= lse;
            }
        }
    }

    /** The prior probabilities π_j(z_i) of n rows, n × k row-major. */
    public double[] priors(double[] z, int n) {
        double[] out = new double[n * components()];
        logPriors(z, 0, n, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i]);
        }
        return out;
    }
}
