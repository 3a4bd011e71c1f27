package org.mlem.dist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * The multivariate normal family with a full or a diagonal covariance.
 *
 * <p>Estimator: closed-form weighted MLE, μ̂ = Σw x / Σw and Σ̂ = Σw (x − μ̂)(x − μ̂)ᵀ / Σw (divisor
 * Σw); the diagonal structure keeps only the variances. Standard errors are the asymptotic ones
 * under normality: se(μ̂_j) = √(Σ̂_jj/n), se(Σ̂_jk) = √((Σ̂_jk² + Σ̂_jj Σ̂_kk)/n) (√2·Σ̂_jj/√n on the
 * diagonal), named {@code mean[col]} and {@code cov[col1,col2]} (j ≤ k). Parameter count
 * d + d(d+1)/2 (full) or 2d (diagonal).
 */
public final class MultivariateNormalFamily {
    private final boolean diagonal;

    private MultivariateNormalFamily(boolean diagonal) {
        this.diagonal = diagonal;
    }

    public static MultivariateNormalFamily full() {
        return new MultivariateNormalFamily(false);
    }

    public static MultivariateNormalFamily diagonal() {
        return new MultivariateNormalFamily(true);
    }

    public boolean isDiagonal() {
        return diagonal;
    }

    public String name() {
        return diagonal ? "mvn-diagonal" : "mvn-full";
    }

    /** The number of free parameters in d dimensions. */
    public int parameterCount(int d) {
        return diagonal ? 2 * d : d + d * (d + 1) / 2;
    }

    /** The fit to every column of {@code x}, using its row weights when it has them. */
    public FittedMultivariate<MultivariateNormal> fit(DataMatrix x) {
        return fitWeighted(x.values(), x.cols(), x.hasWeights() ? x.weights() : null, x.columns());
    }

    /**
     * The weighted MLE from row-major rows of length d.
     *
     * @param w non-negative weights (e.g. EM responsibilities), or null for all ones
     * @param columns column names for the standard errors, or null for {@code x1..xd}
     * @throws MlemUserException on a non-finite value (naming row and column), a bad weight, or a
     *     singular weighted covariance (a constant or collinear column)
     */
    public FittedMultivariate<MultivariateNormal> fitWeighted(double[] rows, int d, double[] w, List<String> columns) {
        if (rows.length % d != 0) {
            throw new IllegalArgumentException(rows.length + " values do not form rows of " + d);
        }
        int n = rows.length / d;
        List<String> names = columns == null ? DataMatrix.defaultNames(d) : columns;
        double[] weights = MultivariateChecks.weights(w, n);
        MultivariateChecks.requireFinite(rows, d, names);
        double total = MultivariateChecks.total(weights);
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += weights[i] * rows[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= total;
        }
        double[] cov = new double[d * d];
        double[] r = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                r[j] = rows[i * d + j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = diagonal ? j : 0; k <= j; k++) {
                    cov[j * d + k] += weights[i] * r[j] * r[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                cov[j * d + k] /= total;
                cov[k * d + j] = cov[j * d + k];
            }
        }
        for (int j = 0; j < d; j++) {
            if (!(cov[j * d + j] > 0)) {
                throw new MlemUserException("column " + names.get(j) + " is constant (weighted variance 0), so the "
                        + name() + " covariance is singular; drop that column");
            }
        }
        if (MultivariateNormal.cholesky(cov, d) == null) {
            throw new MlemUserException("the weighted covariance of the columns is singular (a column is a linear "
                    + "combination of others); drop redundant columns");
        }
        MultivariateNormal mvn = MultivariateNormal.of(mean, cov);
        double ll = 0;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 0) {
                ll += weights[i] * mvn.logDensity(rows, i * d);
            }
        }
        return new FittedMultivariate<>(mvn, ll, total, parameterCount(d), standardErrors(mean, cov, total, names));
    }

    private Map<String, Double> standardErrors(double[] mean, double[] cov, double n, List<String> names) {
        int d = mean.length;
        Map<String, Double> se = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            se.put("mean[" + names.get(j) + "]", Math.sqrt(cov[j * d + j] / n));
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                if (diagonal && k != j) {
                    continue;
                }
                double c = cov[j * d + k];
                se.put("cov[" + names.get(j) + "," + names.get(k) + "]", Math.sqrt((c * c + cov[j * d + j] * cov[k * d + k]) / n));
            }
        }
        return se;
    }
}
