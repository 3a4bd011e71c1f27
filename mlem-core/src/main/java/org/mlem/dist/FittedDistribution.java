package org.mlem.dist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted maximum-likelihood fit of a {@link UnivariateFamily}.
 *
 * @param distribution the fitted member of the family
 * @param logLikelihood the maximised weighted log-likelihood Σ w log f(x)
 * @param n the total weight Σ w (the number of rows when unweighted)
 * @param nParameters the number of free parameters
 * @param ksStatistic the Kolmogorov–Smirnov distance sup |F̂_w − F| between the weighted empirical
 *     cdf and the fitted cdf (continuous families); NaN for discrete families
 */
public record FittedDistribution(Distribution distribution, double logLikelihood, double n, int nParameters,
                                 double[][] covariance, double ksStatistic) {

    public FittedDistribution {
        covariance = copy(covariance);
    }

    /**
     * The covariance matrix of the estimates in parameter order: the inverse of the observed
     * Fisher information at the MLE (see each family for exceptions). NaN when the information is
     * singular. A copy.
     */
    @Override
    public double[][] covariance() {
        return copy(covariance);
    }

    /** Parameter name → standard error (square roots of the covariance diagonal). */
    public Map<String, Double> standardErrors() {
        List<String> names = distribution.parameterNames();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), Math.sqrt(covariance[i][i]));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Parameter name → estimate. */
    public Map<String, Double> estimates() {
        return distribution.parameters();
    }

    /** Akaike's criterion −2 logL + 2k (lower is better). */
    public double aic() {
        return -2 * logLikelihood + 2 * nParameters;
    }

    /** Schwarz's criterion −2 logL + k log n with n the total weight (lower is better). */
    public double bic() {
        return -2 * logLikelihood + nParameters * Math.log(n);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** One line: the fitted distribution, the log-likelihood and n. */
    @Override
    public String toString() {
        return "FittedDistribution[" + distribution + ", logLikelihood=" + logLikelihood + ", n=" + n + "]";
    }
}
