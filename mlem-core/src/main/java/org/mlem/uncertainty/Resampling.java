package org.mlem.uncertainty;

import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/** Drawing a non-parametric bootstrap sample as frequency weights on the original rows. */
final class Resampling {
    private Resampling() {}

    /**
     * The total frequency weight N of {@code data}: n without weights, Σ w_i with integer weights;
     * a user error for fractional weights (they are not counts, so rows cannot be resampled).
     */
    static int sampleSize(DataMatrix data) {
        if (!data.hasWeights()) {
            return data.rows();
        }
        double total = 0;
        for (int i = 0; i < data.rows(); i++) {
            double w = data.weight(i);
            if (w != Math.rint(w)) {
                throw new MlemUserException("row " + (i + 1) + " has weight " + w + "; the non-parametric bootstrap "
                        + "resamples rows and needs whole-number frequency weights: use the parametric bootstrap");
            }
            total += w;
        }
        return (int) total;
    }

    /**
     * Multinomial counts: N draws with replacement, row i chosen with probability w_i / N (1/n
     * without weights); returns how often each row was drawn.
     */
    static double[] counts(DataMatrix data, int draws, SplittableRandom rng) {
        int n = data.rows();
        double[] counts = new double[n];
        if (!data.hasWeights()) {
            for (int t = 0; t < draws; t++) {
                counts[rng.nextInt(n)]++;
            }
            return counts;
        }
        double[] cumulative = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += data.weight(i);
            cumulative[i] = c;
        }
        for (int t = 0; t < draws; t++) {
            double u = rng.nextDouble() * c;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) { // first index whose cumulative weight exceeds u
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            counts[lo]++;
        }
        return counts;
    }
}
