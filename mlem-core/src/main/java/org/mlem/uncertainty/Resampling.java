package org.mlem.uncertainty;

import java.util.SplittableRandom;
import org.mlem.MlemUserException;

/** Drawing a non-parametric bootstrap sample as frequency weights on the original units (rows or sequences). */
final class Resampling {
    private Resampling() {}

    /**
     * The total frequency weight N of {@code data}'s units: their count without weights, Σ w_u with
     * integer weights; a user error for fractional weights (they are not counts, so units cannot be resampled).
     */
    static <D> int sampleSize(BootstrapModel<D, ?> model, D data) {
        int n = model.units(data);
        if (!model.hasWeights(data)) {
            return n;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double w = model.unitWeight(data, i);
            if (w != Math.rint(w)) {
                throw new MlemUserException("row " + (i + 1) + " has weight " + w + "; the non-parametric bootstrap "
                        + "resamples rows and needs whole-number frequency weights: use the parametric bootstrap");
            }
            total += w;
        }
        return (int) total;
    }

    /**
     * Multinomial counts: N draws with replacement, unit i chosen with probability w_i / N (1/n
     * without weights); returns how often each unit was drawn.
     */
    static <D> double[] counts(BootstrapModel<D, ?> model, D data, int draws, SplittableRandom rng) {
        int n = model.units(data);
        double[] counts = new double[n];
        if (!model.hasWeights(data)) {
            for (int t = 0; t < draws; t++) {
                counts[rng.nextInt(n)]++;
            }
            return counts;
        }
        double[] cumulative = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += model.unitWeight(data, i);
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
