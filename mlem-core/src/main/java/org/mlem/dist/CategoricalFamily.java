package org.mlem.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;

/**
 * The categorical family over K categories coded 0, 1, ..., K − 1: P(X = j) = {@code prob_j} with
 * probabilities {@code prob0..prob(K−1)} ≥ 0 summing to 1 (K − 1 free parameters). K is either
 * fixed ({@link #withCategories(int)}) or inferred at fit time as the largest code + 1.
 *
 * <p>Estimator: closed form p̂_j = (weight of rows equal to j)/Σw. The covariance of the estimates
 * is the multinomial (diag(p̂) − p̂p̂ᵀ)/n, which is singular (the probabilities sum to 1), so the
 * standard errors are √(p̂_j(1 − p̂_j)/n).
 */
public final class CategoricalFamily extends UnivariateFamily {
    private final int categories;

    private CategoricalFamily(int categories) {
        super("categorical", Support.COUNT);
        this.categories = categories;
    }

    /** The family with K inferred from the data as the largest code + 1. */
    static CategoricalFamily inferred() {
        return new CategoricalFamily(0);
    }

    /** The family over codes 0..K−1. */
    public static CategoricalFamily withCategories(int k) {
        if (k < 1) {
            throw new MlemUserException("the categorical family needs at least 1 category, got " + k);
        }
        return new CategoricalFamily(k);
    }

    /** K, or 0 when it is inferred from the data. */
    public int categories() {
        return categories;
    }

    /** {@code prob0..prob(K−1)}; empty when K is inferred from the data (see the fitted distribution). */
    @Override
    public List<String> parameterNames() {
        return categories == 0 ? List.of() : namesFor(categories);
    }

    @Override
    List<String> namesFor(double[] theta) {
        return namesFor(theta.length);
    }

    private static List<String> namesFor(int k) {
        List<String> names = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            names.add("prob" + j);
        }
        return List.copyOf(names);
    }

    @Override
    public String supportDescription() {
        return categories == 0 ? "x = 0, 1, 2, ... (category codes)" : "x = 0, 1, ..., " + (categories - 1);
    }

    @Override
    String supportFix() {
        return "code categories as whole numbers 0..K-1";
    }

    @Override
    boolean inSupport(double x) {
        return x >= 0 && isWholeNumber(x) && x < (categories == 0 ? 1e7 : categories);
    }

    @Override
    int freeParameters(double[] theta) {
        return theta.length - 1;
    }

    @Override
    void checkParameters(double[] theta) {
        if (categories != 0 && theta.length != categories) {
            throw new MlemUserException("the categorical family has " + categories + " categories but "
                    + theta.length + " probabilities were given");
        }
        double sum = 0;
        for (int j = 0; j < theta.length; j++) {
            if (!(theta[j] >= 0 && theta[j] <= 1)) {
                throw badParameter(name(), "prob" + j, theta[j], "in [0, 1]");
            }
            sum += theta[j];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new MlemUserException("the categorical family's probabilities must sum to 1, they sum to " + sum);
        }
    }

    @Override
    double logDensity(double[] theta, double x) {
        return x >= 0 && x < theta.length && isWholeNumber(x) ? Math.log(theta[(int) x]) : Double.NEGATIVE_INFINITY;
    }

    @Override
    double cdf(double[] theta, double x) {
        double f = 0;
        for (int j = 0; j < theta.length && j <= x; j++) {
            f += theta[j];
        }
        return Math.min(f, 1);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double u = rng.nextDouble();
        double f = 0;
        int last = 0;
        for (int j = 0; j < theta.length; j++) {
            if (theta[j] > 0) {
                f += theta[j];
                last = j;
                if (u < f) {
                    return j;
                }
            }
        }
        return last;
    }

    @Override
    double[] estimate(Sample s) {
        int k = categories;
        if (k == 0) {
            for (double x : s.x) {
                k = Math.max(k, (int) x + 1);
            }
        }
        double[] p = new double[k];
        for (int i = 0; i < s.x.length; i++) {
            p[(int) s.x[i]] += s.w[i];
        }
        return fromCounts(p, s.totalWeight);
    }

    /** The probabilities from each code's summed weight (divided in place) and the total weight. */
    static double[] fromCounts(double[] counts, double total) {
        for (int j = 0; j < counts.length; j++) {
            counts[j] /= total;
        }
        return counts;
    }

    /** K: fixed, or inferred from the largest code. */
    int categoriesFor(double largestCode) {
        return categories != 0 ? categories : (int) largestCode + 1;
    }

    /** Not used: the probabilities are constrained to sum to 1; see {@link #covariance}. */
    @Override
    double[] score(double[] theta, Sample s) {
        throw new UnsupportedOperationException("the categorical covariance is closed-form");
    }

    /** Not used: the probabilities are constrained to sum to 1; see {@link #covariance}. */
    @Override
    double[][] hessian(double[] theta, Sample s) {
        throw new UnsupportedOperationException("the categorical covariance is closed-form");
    }

    @Override
    double[][] covariance(double[] theta, Sample s) {
        return multinomialCovariance(theta, s.totalWeight);
    }

    /** (diag(p) − ppᵀ)/n. */
    static double[][] multinomialCovariance(double[] p, double n) {
        double[][] c = new double[p.length][p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                c[i][j] = ((i == j ? p[i] : 0) - p[i] * p[j]) / n;
            }
        }
        return c;
    }
}
