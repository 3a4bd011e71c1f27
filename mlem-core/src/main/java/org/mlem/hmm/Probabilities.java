package org.mlem.hmm;

import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;

/** Checks and draws for rows of probabilities stored in flat arrays. */
final class Probabilities {
    private Probabilities() {}

    /** Tolerance on a probability row's sum. */
    static final double SUM_TOLERANCE = 1e-8;

    /** Throws a {@link MlemUserException} unless {@code p[off..off+n)} are finite, ≥ 0 and sum to 1 within 1e-8. */
    static void requireRow(double[] p, int off, int n, String what) {
        double s = 0;
        for (int i = off; i < off + n; i++) {
            if (!(p[i] >= 0) || Double.isInfinite(p[i])) {
                throw new MlemUserException(what + " include " + p[i] + ", not a probability");
            }
            s += p[i];
        }
        if (Math.abs(s - 1) > SUM_TOLERANCE) {
            throw new MlemUserException(what + " sum to " + s + ", not 1; rescale them");
        }
    }

    /** An index drawn with probabilities {@code p[off..off+n)}. */
    static int draw(double[] p, int off, int n, RandomGenerator rng) {
        double u = rng.nextDouble();
        double c = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (p[off + i] > 0) {
                last = i;
                c += p[off + i];
                if (u < c) {
                    return i;
                }
            }
        }
        return last;
    }
}
