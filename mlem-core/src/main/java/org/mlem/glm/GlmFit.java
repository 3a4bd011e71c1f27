package org.mlem.glm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted generalised linear model with R's {@code summary.glm} numbers.
 *
 * <p>Log-likelihood, AIC and BIC are R's {@code logLik}, {@code AIC}, {@code BIC}: the parameter
 * count is the rank, plus one for an estimated dispersion (gaussian, gamma) or for theta (negbin);
 * BIC uses the number of rows of non-zero weight; lower AIC and BIC are better. For the gamma
 * family the log-likelihood uses the dispersion deviance / sum(weights), as R's {@code Gamma()$aic}
 * does, not the Pearson dispersion reported in {@link #dispersion()}.
 *
 * @param family family name ({@code gaussian binomial poisson gamma negbin})
 * @param link link name as R names it
 * @param formula the formula as given
 * @param coefficients one row per model-matrix column, in column order (aliased rows all NaN)
 * @param deviance residual deviance
 * @param nullDeviance deviance of the intercept-only model (with the offset), or of mu = g^-1(offset) without intercept
 * @param dfResidual rows of non-zero weight minus rank
 * @param dfNull rows of non-zero weight minus 1 for an intercept
 * @param dispersion Pearson estimate sum w_i r_i^2 / dfResidual (gaussian, gamma), or 1
 * @param logLikelihood total log-likelihood at the fit
 * @param nParameters parameters counted for AIC and BIC
 * @param aic -2 logLikelihood + 2 nParameters
 * @param bic -2 logLikelihood + nParameters ln(nobs)
 * @param rows rows used (after any dropped for missing cells)
 * @param droppedRows rows dropped for a missing cell
 * @param rank rank of the model matrix
 * @param iterations IRLS iterations of the final fit
 * @param converged whether the final IRLS (and, for negbin, the theta alternation) converged
 * @param theta negative binomial theta (R's {@code theta}, the size), NaN for other families
 * @param thetaStandardError its standard error (R's {@code SE.theta}), NaN for other families
 * @param warnings what R would warn about (separation, non-convergence, ...), empty when none
 */
public record GlmFit(String family, String link, String formula, List<Coefficient> coefficients, double deviance,
        double nullDeviance, int dfResidual, int dfNull, double dispersion, double logLikelihood, int nParameters,
        double aic, double bic, int rows, int droppedRows, int rank, int iterations, boolean converged, double theta,
        double thetaStandardError, List<String> warnings, double[] fittedValues, double[] linearPredictors,
        double[] covariance) {

    public GlmFit {
        coefficients = List.copyOf(coefficients);
        warnings = List.copyOf(warnings);
        fittedValues = fittedValues.clone();
        linearPredictors = linearPredictors.clone();
        covariance = covariance.clone();
    }

    /** Fitted means mu, one per row used (copy). */
    @Override
    public double[] fittedValues() {
        return fittedValues.clone();
    }

    /** Linear predictors eta (offset included), one per row used (copy). */
    @Override
    public double[] linearPredictors() {
        return linearPredictors.clone();
    }

    /** The p x p row-major covariance of the estimates, dispersion included; NaN rows for aliased columns (copy). */
    @Override
    public double[] covariance() {
        return covariance.clone();
    }

    /** Estimates by term in column order; an aliased term maps to null (R's NA). */
    public Map<String, Double> coefficientMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        coefficients.forEach(c -> m.put(c.term(), c.aliased() ? null : c.estimate()));
        return m;
    }

    /** The coefficient row of a term; throws when the model has no such term. */
    public Coefficient coefficient(String term) {
        return coefficients.stream().filter(c -> c.term().equals(term)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "'"));
    }

    /** Whether the dispersion is estimated, so statistics are t values (else z values). */
    public boolean tStatistics() {
        // R's summary.glm estimates the dispersion of every family but poisson and binomial; glm.nb's
        // summary (theta estimated, so with a standard error) takes it as 1
        return !(family.equals("poisson") || family.equals("binomial")
                || family.equals("negbin") && !Double.isNaN(thetaStandardError));
    }

    /** One line: family, link, formula, the estimates by term, the deviance and AIC. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("GlmFit[").append(family).append('/').append(link).append(", ")
                .append(formula).append(", ");
        for (Coefficient c : coefficients) {
            b.append(c.term()).append('=').append(c.estimate()).append(", ");
        }
        return b.append("deviance=").append(deviance).append(", aic=").append(aic).append(']').toString();
    }
}
