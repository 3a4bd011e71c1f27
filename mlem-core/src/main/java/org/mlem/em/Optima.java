package org.mlem.em;

import java.util.Arrays;

/**
 * Where the starts of a fit ended: how many failed, how many distinct optima the others reached,
 * and how many reached the best one. Two starts reached the same optimum when their final
 * log-likelihoods differ by at most {@link #sameOptimum}{@code (ℓ)} = max({@value #ABSOLUTE},
 * {@value #RELATIVE}·|ℓ|): well above what separates two runs stopped near one maximum, well below
 * what separates the local maxima of mixtures in practice. Optima are grouped greedily from the
 * best down, each group holding the finals within that distance of its highest member.
 *
 * @param starts starts run
 * @param failed starts that collapsed or ended with a non-finite log-likelihood
 * @param distinct distinct optima among the other starts (at least 1 when any start succeeded)
 * @param atBest starts whose final log-likelihood is within {@link #sameOptimum} of the best
 */
public record Optima(int starts, int failed, int distinct, int atBest) {

    /** Absolute part of the same-optimum distance, in log-likelihood units. */
    public static final double ABSOLUTE = 1e-4;
    /** Relative part of the same-optimum distance. */
    public static final double RELATIVE = 1e-7;

    /** The largest difference of final log-likelihoods counted as one optimum near {@code ll}. */
    public static double sameOptimum(double ll) {
        return Math.max(ABSOLUTE, RELATIVE * Math.abs(ll));
    }

    /** Groups the final log-likelihoods of the starts; −∞, +∞ and NaN count as failed starts. */
    public static Optima of(double[] finals) {
        double[] ok = Arrays.stream(finals).filter(Double::isFinite).sorted().toArray();
        int failed = finals.length - ok.length;
        if (ok.length == 0) {
            return new Optima(finals.length, failed, 0, 0);
        }
        int distinct = 0;
        int atBest = 0;
        int i = ok.length - 1;
        while (i >= 0) {
            double top = ok[i];
            int members = 0;
            while (i >= 0 && top - ok[i] <= sameOptimum(top)) {
                members++;
                i--;
            }
            if (distinct == 0) {
                atBest = members;
            }
            distinct++;
        }
        return new Optima(finals.length, failed, distinct, atBest);
    }

    /**
     * Whether the best optimum was reached by one start of several that succeeded: another start
     * is then likely to find a higher one.
     */
    public boolean bestReachedOnce() {
        return starts - failed > 1 && atBest == 1;
    }
}
