package org.mlem.uncertainty;

import java.util.SplittableRandom;
import org.mlem.MlemUserException;

/** Drawing a non-parametric bootstrap sample as frequency weights on the original units (rows or sequences). */
public final class Resampling {
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
        if (!model.hasWeights(data)) {
            return counts(rng, draws, n, 0, n);
        }
        double[] weights = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = model.unitWeight(data, i);
            c += weights[i];
        }
        return counts(rng, draws, c, 0, weights, n);
    }

    /**
     * The counts of units {@code [from, from + units)} among {@link #counts}' draws of {@code n}
     * unweighted units from {@code rng}: the whole stream is drawn, so a part of the units (a
     * cluster's partition, given the units before it) gets the counts the whole would give it.
     */
    public static double[] counts(SplittableRandom rng, int draws, long n, long from, int units) {
        double[] counts = new double[units];
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " units: at most " + Integer.MAX_VALUE);
        }
        for (int t = 0; t < draws; t++) {
            long u = rng.nextInt((int) n) - from;
            if (u >= 0 && u < units) {
                counts[(int) u]++;
            }
        }
        return counts;
    }

    /**
     * The counts of the first {@code units} of {@code weights}, units whose weights (whole numbers,
     * so every partial sum is exact) follow units of total weight {@code before}, among {@link
     * #counts}' draws from {@code rng} of units of total weight {@code total}: the whole stream is
     * drawn and each draw placed by the cumulative weights, so a part gets the whole's counts.
     */
    public static double[] counts(SplittableRandom rng, int draws, double total, double before, double[] weights,
            int units) {
        double[] counts = new double[units];
        double[] cumulative = new double[units];
        double c = before;
        for (int i = 0; i < units; i++) {
            c += weights[i];
            cumulative[i] = c;
        }
        for (int t = 0; t < draws; t++) {
            double u = rng.nextDouble() * total;
            if (u < before || units == 0 || !(cumulative[units - 1] > u)) {
                continue; // a unit of another part
            }
            int lo = 0;
            int hi = units - 1;
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
