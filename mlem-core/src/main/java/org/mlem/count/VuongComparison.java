package org.mlem.count;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Vuong's (1989) non-nested test of model 1 against model 2 as pscl::vuong computes it: m_i the
 * difference of the rows' log-likelihoods, the statistic sum(m - c) / (sd(m) sqrt(n)) with c = 0
 * (raw), (k1 - k2) / n (AIC-corrected) and (k1 - k2) ln(n) / (2n) (BIC-corrected), k the number of
 * coefficients (theta not counted, as pscl's coef()); sd with divisor n - 1. Each p-value is
 * one-sided in the direction of its statistic (positive: model 1 is closer). Rows where either
 * log-likelihood is not finite are left out, as pscl does, and counted in {@code droppedRows}.
 */
public record VuongComparison(double raw, double aicCorrected, double bicCorrected, double pRaw, double pAic, double pBic,
        int droppedRows) {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /** The test of the model with row log-likelihoods {@code ll1} and {@code k1} coefficients against {@code ll2}, {@code k2}. */
    public static VuongComparison of(double[] ll1, int k1, double[] ll2, int k2) {
        int n = 0;
        double sum = 0;
        for (int i = 0; i < ll1.length; i++) {
            double d = difference(ll1[i], ll2[i]);
            if (!Double.isNaN(d)) {
                n++;
                sum += d;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < ll1.length; i++) {
            double d = difference(ll1[i], ll2[i]);
            if (!Double.isNaN(d)) {
                squares += (d - mean) * (d - mean);
            }
        }
        return fromSums(sum, squares, n, ll1.length, k1, k2);
    }

    /** A row's m = ll1 − ll2, or NaN when the row is left out (either log-likelihood or m not finite). */
    public static double difference(double ll1, double ll2) {
        double d = ll1 - ll2;
        return Double.isFinite(ll1) && Double.isFinite(ll2) && Double.isFinite(d) ? d : Double.NaN;
    }

    /**
     * The test from the rows' sums: {@code sum} of the {@code n} kept differences m (see
     * {@link #difference}), {@code squares} = Σ(m − mean)², {@code rows} in all (the rest dropped).
     * The statistic for shift c is (sum − n c) / (sd(m) √n); the shift leaves sd(m) as it is.
     */
    public static VuongComparison fromSums(double sum, double squares, int n, int rows, int k1, int k2) {
        double aicFactor = (double) (k1 - k2) / n;
        double bicFactor = (double) (k1 - k2) / (2.0 * n) * Math.log(n);
        double scale = Math.sqrt(squares / (n - 1)) * Math.sqrt(n);
        double raw = sum / scale;
        double aic = (sum - n * aicFactor) / scale;
        double bic = (sum - n * bicFactor) / scale;
        return new VuongComparison(raw, aic, bic, oneSided(raw), oneSided(aic), oneSided(bic), rows - n);
    }

    private static double oneSided(double v) {
        return v > 0 ? STANDARD_NORMAL.cumulativeProbability(-v) : STANDARD_NORMAL.cumulativeProbability(v);
    }
}
