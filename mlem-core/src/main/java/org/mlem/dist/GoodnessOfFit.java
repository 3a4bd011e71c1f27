package org.mlem.dist;

/**
 * Goodness-of-fit statistics of a fitted distribution to the sample it was fitted to, as R's
 * {@code fitdistrplus::gofstat} (version 1.1-8) computes them: the empirical-distribution
 * statistics ({@link EdfStatistics}: Kolmogorov–Smirnov, Cramér–von Mises, Anderson–Darling) for
 * a density, the chi-squared statistic over data-driven cells ({@link ChiSquaredStatistic}) for a
 * probability mass. Unweighted samples only, as gofstat.
 */
public sealed interface GoodnessOfFit permits EdfStatistics, ChiSquaredStatistic {

    /**
     * The statistics of {@code d} on {@code x}: the chi-squared statistic when the family is
     * discrete, the EDF statistics otherwise.
     *
     * @param x the sample, finite values inside the family's support, at least one
     */
    static GoodnessOfFit of(Distribution d, double[] x) {
        return d.family().isDiscrete() ? ChiSquaredStatistic.of(d, x) : EdfStatistics.of(d, x);
    }
}
