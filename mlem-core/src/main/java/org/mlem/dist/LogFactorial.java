package org.mlem.dist;

import org.hipparchus.special.Gamma;

/**
 * log(x!) = log Γ(x + 1), from a table for the small whole numbers that counts mostly are. The
 * table holds {@link Gamma#logGamma}'s own values, so a value from it is bit for bit the one the
 * count families computed before (Hipparchus' log Γ costs several logarithms a call, and a Poisson
 * hidden Markov model asked for it K times a step). Other arguments go to {@link Gamma#logGamma}.
 */
final class LogFactorial {
    private LogFactorial() {}

    /** Whole numbers below this come from the table (32 KiB). */
    static final int TABLE = 4096;

    private static final double[] VALUES = new double[TABLE];

    static {
        for (int i = 0; i < TABLE; i++) {
            VALUES[i] = Gamma.logGamma(i + 1.0);
        }
    }

    /** log Γ(x + 1), exactly {@code Gamma.logGamma(x + 1)}. */
    static double of(double x) {
        if (x >= 0 && x < TABLE) {
            int i = (int) x;
            if (i == x) {
                return VALUES[i];
            }
        }
        return Gamma.logGamma(x + 1);
    }
}
