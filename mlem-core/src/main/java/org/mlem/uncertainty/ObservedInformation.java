package org.mlem.uncertainty;

import java.util.List;

/**
 * Standard errors from the observed information of a fitted mixture.
 *
 * @param freeNames the free parameters ({@link GmmParameters} free layout: k−1 weights, means,
 *     covariance entries), indexing {@code information} and {@code covariance}
 * @param information the observed information −∂² log L / ∂θ∂θᵀ in the free layout (p×p)
 * @param covariance its inverse, the asymptotic covariance of the estimates; null when the
 *     information is not positive definite
 * @param names the reported parameters (all k weights), indexing {@code estimate} and {@code standardError}
 * @param estimate the parameter values
 * @param standardError square roots of the covariance's diagonal; for π_k, by the delta method
 *     from {@code π_k = 1 − Σ_{j<k} π_j}: {@code sqrt(1ᵀ V_ππ 1)}. NaN when the information is
 *     not positive definite (not at a maximum, or a parameter is not identified)
 * @param positiveDefinite whether the information is positive definite
 */
public record ObservedInformation(List<String> freeNames, double[][] information, double[][] covariance,
        List<String> names, double[] estimate, double[] standardError, boolean positiveDefinite) {

    public ObservedInformation {
        freeNames = List.copyOf(freeNames);
        names = List.copyOf(names);
        information = deepCopy(information);
        covariance = covariance == null ? null : deepCopy(covariance);
        estimate = estimate.clone();
        standardError = standardError.clone();
    }

    @Override
    public double[][] information() {
        return deepCopy(information);
    }

    @Override
    public double[][] covariance() {
        return covariance == null ? null : deepCopy(covariance);
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    /** The standard error of the parameter called {@code name}. */
    public double standardError(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter " + name + "; the names are " + names);
        }
        return standardError[i];
    }

    static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
