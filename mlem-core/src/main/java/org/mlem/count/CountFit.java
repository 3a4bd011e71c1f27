package org.mlem.count;

import java.util.List;

/**
 * A fitted zero-inflated, hurdle or plain count regression. Coefficients are on the link scale
 * (log for the count mean, logit for the zero part: of a structural zero for
 * {@link CountModelKind#ZEROINFL}, of y &gt; 0 for {@link CountModelKind#HURDLE}); standard errors
 * are from the observed information (the inverse of minus the Hessian of the log-likelihood at the
 * maximum, by central differences of the exact gradient with R's optimHess step 1e-3), as pscl's.
 * For the negative binomial, {@code logTheta} and its standard error are the
 * estimated parameter, {@code theta} = exp(logTheta) and its delta-method standard error as pscl's
 * summary reports them; both are NaN for Poisson. {@code nParameters} counts theta;
 * {@code rows} is the number of rows fitted; {@code rowLogLikelihoods} are each row's
 * log-likelihood (for Vuong's test), or empty for a fit from summed rows (mlem-spark's, whose rows
 * stay in their partitions).
 */
public record CountFit(CountModelKind kind, CountDistribution distribution, List<String> countTerms,
        double[] countCoefficients, double[] countStandardErrors, List<String> zeroTerms, double[] zeroCoefficients,
        double[] zeroStandardErrors, double logTheta, double logThetaStandardError, double logLikelihood,
        int iterations, boolean converged, int rows, double[] rowLogLikelihoods) {

    public CountFit {
        countTerms = List.copyOf(countTerms);
        zeroTerms = List.copyOf(zeroTerms);
        countCoefficients = countCoefficients.clone();
        countStandardErrors = countStandardErrors.clone();
        zeroCoefficients = zeroCoefficients.clone();
        zeroStandardErrors = zeroStandardErrors.clone();
        rowLogLikelihoods = rowLogLikelihoods.clone();
        if (rowLogLikelihoods.length != 0 && rowLogLikelihoods.length != rows) {
            throw new IllegalArgumentException(rowLogLikelihoods.length + " row log-likelihoods for " + rows + " rows");
        }
    }

    /** Free parameters: both parts' coefficients, and theta for the negative binomial. */
    public int nParameters() {
        return countTerms.size() + zeroTerms.size() + (distribution == CountDistribution.NEGBIN ? 1 : 0);
    }

    /** Coefficients only, without theta: pscl::vuong's k. */
    public int nCoefficients() {
        return countTerms.size() + zeroTerms.size();
    }

    /** -2 logLik + 2 p; lower is better. */
    public double aic() {
        return -2 * logLikelihood + 2 * nParameters();
    }

    /** -2 logLik + p ln n; lower is better. */
    public double bic() {
        return -2 * logLikelihood + nParameters() * Math.log(rows());
    }

    /** The negative binomial's theta (size), NaN for Poisson. */
    public double theta() {
        return Math.exp(logTheta);
    }

    /** theta's standard error by the delta method, theta * se(log theta), as pscl's summary prints it. */
    public double thetaStandardError() {
        return theta() * logThetaStandardError;
    }

    @Override
    public double[] countCoefficients() {
        return countCoefficients.clone();
    }

    @Override
    public double[] countStandardErrors() {
        return countStandardErrors.clone();
    }

    @Override
    public double[] zeroCoefficients() {
        return zeroCoefficients.clone();
    }

    @Override
    public double[] zeroStandardErrors() {
        return zeroStandardErrors.clone();
    }

    @Override
    public double[] rowLogLikelihoods() {
        return rowLogLikelihoods.clone();
    }
}
