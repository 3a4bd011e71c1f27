package org.mlem.cli.plot;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Equal-width histogram bins over the data's range. The width follows Freedman and Diaconis (1981),
 * {@code h = 2·IQR·n^(−1/3)}, falling back to {@code √n} bins when the interquartile range is 0;
 * the count is kept between 1 and {@link #MAX_BINS}. Quartiles are those of the raw values
 * (weights ignored): they only choose a bin width.
 *
 * @param lo left edge of the first bin
 * @param width width of every bin (positive)
 * @param count number of bins
 */
record Bins(double lo, double width, int count) {
    static final int MAX_BINS = 100;

    /** Bins for the finite values {@code x} (at least one). */
    static Bins freedmanDiaconis(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double min = sorted[0];
        double max = sorted[n - 1];
        if (max == min) {
            double half = min == 0 ? 0.5 : 0.05 * Math.abs(min);
            return new Bins(min - half, 2 * half, 1);
        }
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        int count;
        if (iqr > 0) {
            double h = 2 * iqr / Math.cbrt(n);
            count = (int) Math.ceil((max - min) / h);
        } else {
            count = (int) Math.ceil(Math.sqrt(n));
        }
        count = Math.max(1, Math.min(MAX_BINS, count));
        return new Bins(min, (max - min) / count, count);
    }

    /** Linear interpolation between order statistics (R's type 7). */
    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
    }

    /** Right edge of the last bin. */
    double hi() {
        return lo + count * width;
    }

    /** Centre of bin {@code b}. */
    double center(int b) {
        return lo + (b + 0.5) * width;
    }

    /** The bin holding {@code v}; the maximum falls in the last bin. */
    int index(double v) {
        int b = (int) Math.floor((v - lo) / width);
        return Math.max(0, Math.min(count - 1, b));
    }

    /**
     * Density per bin of the rows {@code i} that {@code keep} accepts: their weight in the bin over
     * {@code total × width}. With {@code total} the weight of all rows, the densities of disjoint
     * groups stack to the density of all rows, which integrates to 1.
     *
     * @param w per-row weights, or null for 1 each
     */
    double[] density(double[] x, double[] w, IntPredicate keep, double total) {
        double[] d = new double[count];
        for (int i = 0; i < x.length; i++) {
            if (keep.test(i)) {
                d[index(x[i])] += w == null ? 1 : w[i];
            }
        }
        for (int b = 0; b < count; b++) {
            d[b] /= total * width;
        }
        return d;
    }
}
