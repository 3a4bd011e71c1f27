package org.mlem.dist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * The multinomial family: each row holds d category counts (non-negative whole numbers) with its
 * own total, and the probabilities {@code prob[col]} are shared.
 *
 * <p>Estimator: closed-form weighted MLE p̂_j = Σ_i w_i x_ij / Σ_i w_i N_i (N_i the row total).
 * Standard errors √(p̂_j(1 − p̂_j)/Σw N), from the covariance (diag(p̂) − p̂p̂ᵀ)/Σw N; d − 1 free
 * parameters.
 */
public final class MultinomialFamily {
    private MultinomialFamily() {
    }

    /** The fit to every column of {@code x}, using its row weights when it has them. */
    public static FittedMultivariate<Multinomial> fit(DataMatrix x) {
        return fitWeighted(x.values(), x.cols(), x.hasWeights() ? x.weights() : null, x.columns());
    }

    /**
     * The weighted MLE from row-major rows of d counts.
     *
     * @param w non-negative weights, or null for all ones
     * @param columns category names for the standard errors, or null for {@code x1..xd}
     * @throws MlemUserException on a count that is not a non-negative whole number (naming row and
     *     column), a bad weight, or no counts at all
     */
    public static FittedMultivariate<Multinomial> fitWeighted(double[] rows, int d, double[] w, List<String> columns) {
        if (rows.length % d != 0) {
            throw new IllegalArgumentException(rows.length + " values do not form rows of " + d);
        }
        int n = rows.length / d;
        List<String> names = columns == null ? DataMatrix.defaultNames(d) : columns;
        double[] weights = MultivariateChecks.weights(w, n);
        MultivariateChecks.total(weights);
        for (int i = 0; i < rows.length; i++) {
            double v = rows[i];
            if (!(v >= 0) || v != Math.rint(v) || Double.isInfinite(v)) {
                throw new MlemUserException("row " + (i / d + 1) + ", column " + names.get(i % d) + ": value " + v
                        + " is not a count; the multinomial family needs non-negative whole numbers");
            }
        }
        double[] p = new double[d];
        double trials = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                p[j] += weights[i] * rows[i * d + j];
                trials += weights[i] * rows[i * d + j];
            }
        }
        if (!(trials > 0)) {
            throw new MlemUserException("all counts (of positive weight) are 0, so the multinomial probabilities are undefined");
        }
        for (int j = 0; j < d; j++) {
            p[j] /= trials;
        }
        Multinomial m = Multinomial.of(p);
        double ll = 0;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 0) {
                ll += weights[i] * m.logMass(rows, i * d);
            }
        }
        Map<String, Double> se = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            se.put("prob[" + names.get(j) + "]", Math.sqrt(p[j] * (1 - p[j]) / trials));
        }
        return new FittedMultivariate<>(m, ll, MultivariateChecks.total(weights), d - 1, se);
    }
}
