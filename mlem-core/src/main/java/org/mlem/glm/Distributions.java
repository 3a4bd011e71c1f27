package org.mlem.glm;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Erf;

/** The few normal and t probabilities the GLM summary needs, from Hipparchus. */
final class Distributions {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private Distributions() {
    }

    /** Phi^-1(p). */
    static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** Two-sided p-value of a z statistic, 2 Phi(-|z|), accurate in the tail. */
    static double twoSidedNormal(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** Two-sided p-value of a t statistic on df degrees of freedom. */
    static double twoSidedT(double t, double df) {
        if (!(df > 0)) {
            return Double.NaN;
        }
        return 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
    }
}
