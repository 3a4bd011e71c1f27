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
 * @param estimates the reported parameters (all k weights) with standard errors: square roots of
 *     the covariance's diagonal, and for π_k by the delta method from π_k = 1 − Σ_{j&lt;k} π_j,
 *     {@code sqrt(1ᵀ V_ππ 1)}; NaN when the information is not positive definite (not at a
 *     maximum, or a parameter is not identified)
 * @param positiveDefinite whether the information is positive definite
 */
public record ObservedInformation(List<String> freeNames, double[][] information, double[][] covariance,
        ParameterEstimates estimates, boolean positiveDefinite) {

    public ObservedInformation {
        freeNames = List.copyOf(freeNames);
        information = ParameterEstimates.deepCopy(information);
        covariance = covariance == null ? null : ParameterEstimates.deepCopy(covariance);
    }

    @Override
    public double[][] information() {
        return ParameterEstimates.deepCopy(information);
    }

    @Override
    public double[][] covariance() {
        return covariance == null ? null : ParameterEstimates.deepCopy(covariance);
    }

    /** The reported standard errors, in {@link ParameterEstimates#names()} order. */
    public double[] standardError() {
        return estimates.standardError();
    }
}
