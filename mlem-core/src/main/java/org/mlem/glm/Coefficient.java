package org.mlem.glm;

/**
 * One row of a GLM's coefficient table, as R's {@code summary.glm}. An aliased coefficient (a
 * column linearly dependent on earlier ones; R prints NA) has every number NaN.
 *
 * @param term R's column name, e.g. {@code (Intercept)}, {@code woolB}, {@code log(x)}
 * @param estimate the estimate
 * @param standardError its standard error, sqrt(dispersion) times that of the weighted least squares
 * @param statistic estimate / standardError: a t value when the dispersion is estimated, else z
 * @param pValue two-sided, from t on the residual degrees of freedom or from the standard normal
 * @param lower lower end of the 95% Wald interval, estimate - qnorm(0.975) se (R's confint.default)
 * @param upper upper end of that interval
 */
public record Coefficient(String term, double estimate, double standardError, double statistic, double pValue,
        double lower, double upper) {

    /** Whether R would report NA (the column is aliased). */
    public boolean aliased() {
        return Double.isNaN(estimate);
    }
}
