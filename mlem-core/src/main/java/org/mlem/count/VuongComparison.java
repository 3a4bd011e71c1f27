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
        double[] m = new double[ll1.length];
        for (int i = 0; i < ll1.length; i++) {
            double d = ll1[i] - ll2[i];
            if (Double.isFinite(ll1[i]) && Double.isFinite(ll2[i]) && Double.isFinite(d)) {
                m[n++] = d;
            }
        }
        double aicFactor = (double) (k1 - k2) / n;
        double bicFactor = (double) (k1 - k2) / (2.0 * n) * Math.log(n);
        double raw = statistic(m, n, 0);
        double aic = statistic(m, n, aicFactor);
        double bic = statistic(m, n, bicFactor);
        return new VuongComparison(raw, aic, bic, oneSided(raw), oneSided(aic), oneSided(bic), ll1.length - n);
    }

    private static double statistic(double[] m, int n, double shift) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += m[i] - shift;
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = m[i] - shift - mean;
            ss += d * d;
        }
        return sum / (Math.sqrt(ss / (n - 1)) * Math.sqrt(n));
    }

    private static double oneSided(double v) {
        return v > 0 ? STANDARD_NORMAL.cumulativeProbability(-v) : STANDARD_NORMAL.cumulativeProbability(v);
    }
}
