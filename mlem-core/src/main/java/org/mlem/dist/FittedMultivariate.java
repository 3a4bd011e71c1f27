package org.mlem.dist;

import java.util.Map;

/**
 * A weighted maximum-likelihood fit of a multivariate family.
 *
 * @param distribution the fitted distribution ({@link MultivariateNormal} or {@link Multinomial})
 * @param logLikelihood the maximised weighted log-likelihood Σ w log f(row)
 * @param n the total weight Σ w
 * @param nParameters the number of free parameters
 * @param standardErrors parameter name → asymptotic standard error (see each family)
 */
public record FittedMultivariate<D>(D distribution, double logLikelihood, double n, int nParameters,
                                    Map<String, Double> standardErrors) {

    public FittedMultivariate {
        standardErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(standardErrors));
    }

    /** −2 logL + 2k (lower is better). */
    public double aic() {
        return -2 * logLikelihood + 2 * nParameters;
    }

    /** −2 logL + k log n, n the total weight (lower is better). */
    public double bic() {
        return -2 * logLikelihood + nParameters * Math.log(n);
    }
}
