package org.mlem.cli.report;

/**
 * One parameter as broom's {@code tidy()} lays it out. Absent values are NaN; {@code group} is the
 * component or state it belongs to ({@code null} for a parameter shared by all, or a model without
 * them).
 *
 * @param term the parameter's name within its group ({@code mean[waiting]}, {@code (Intercept)})
 * @param group its component or state, from 0 as every mlem output numbers them ({@code count} or
 *     {@code zero} for the parts of a two-part count model, {@code setosa:0} for a class's component)
 * @param estimate the fitted value
 * @param stdError its standard error
 * @param confLow the lower end of its interval (the fit's own: Wald for GLMs, percentile for the bootstrap)
 * @param confHigh the upper end
 * @param statistic its z or t value
 * @param pValue the two-sided p-value of that statistic
 */
public record TidyRow(String term, String group, double estimate, double stdError, double confLow, double confHigh,
        double statistic, double pValue) {

    /** A parameter known only by its value. */
    static TidyRow of(String term, String group, double estimate) {
        return new TidyRow(term, group, estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
