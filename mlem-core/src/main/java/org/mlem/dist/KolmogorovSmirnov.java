package org.mlem.dist;

import java.util.Arrays;
import java.util.Comparator;

/** The Kolmogorov–Smirnov distance between a weighted empirical cdf and a fitted cdf. */
final class KolmogorovSmirnov {
    /** Sorted values per block whose cdf range bounds the block's distances (see {@link #equalWeights}). */
    static final int BLOCK = 64;

    private KolmogorovSmirnov() {
    }

    /**
     * sup_x |F̂_w(x) − F(x)| where F̂_w puts mass w_i/Σw at x_i; with unit weights this is the
     * statistic of R's {@code ks.test(x, "pfamily", ...)}. Tied values form one jump. Equal weights
     * (the usual unweighted fit) take {@link #equalWeights}, others {@link #reference}.
     */
    static double statistic(Distribution d, Sample s) {
        for (double w : s.w) {
            if (w != s.w[0]) {
                return reference(d, s);
            }
        }
        double[] sorted = s.x.clone();
        Arrays.parallelSort(sorted);
        return equalWeights(d, sorted);
    }

    /**
     * The statistic of sorted values of equal weight, with the cdf evaluated only where the
     * supremum can be: F is non-decreasing, so over a block of {@link #BLOCK} sorted values every
     * distance is at most {@code max(F(last) − F̂(before first), F̂(after last) − F(first))}. The
     * blocks' end points are evaluated first; a block whose bound does not exceed the largest
     * distance found is skipped. For continuous data the cdf is then computed at a few per cent of
     * the points, and the result is the full pass's (given a non-decreasing computed cdf).
     */
    static double equalWeights(Distribution d, double[] sorted) {
        int n = sorted.length;
        // start[i], end[i]: the first index and one past the last of sorted[i]'s tie group
        int[] start = new int[n];
        int[] end = new int[n];
        for (int i = 1; i < n; i++) {
            start[i] = sorted[i] == sorted[i - 1] ? start[i - 1] : i;
        }
        end[n - 1] = n;
        for (int i = n - 2; i >= 0; i--) {
            end[i] = sorted[i] == sorted[i + 1] ? end[i + 1] : i + 1;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] first = new double[blocks];
        double[] last = new double[blocks];
        double sup = 0;
        for (int b = 0; b < blocks; b++) {
            int a = b * BLOCK;
            int e = Math.min(n, a + BLOCK) - 1;
            first[b] = d.cdf(sorted[a]);
            last[b] = sorted[e] == sorted[a] ? first[b] : d.cdf(sorted[e]);
            sup = Math.max(sup, distance(n, start[a], end[a], first[b]));
            sup = Math.max(sup, distance(n, start[e], end[e], last[b]));
        }
        for (int b = 0; b < blocks; b++) {
            int a = b * BLOCK;
            int e = Math.min(n, a + BLOCK);
            double bound = Math.max(last[b] - (double) start[a] / n, (double) end[e - 1] / n - first[b]);
            if (bound > sup) {
                for (int i = a; i < e; i = end[i]) {
                    sup = Math.max(sup, distance(n, start[i], end[i], d.cdf(sorted[i])));
                }
            }
        }
        return sup;
    }

    /** The distance at a tie group covering sorted indices {@code start..end-1}, cdf value {@code f}. */
    private static double distance(int n, int start, int end, double f) {
        double before = (double) start / n;
        double after = Math.min((double) end / n, 1.0);
        return Math.max(Math.abs(f - before), Math.abs(after - f));
    }

    /** Any weights: every tie group's distance in sorted order (the plain reference). */
    static double reference(Distribution d, Sample s) {
        Integer[] order = new Integer[s.x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> s.x[i]));
        double cum = 0;
        double sup = 0;
        int i = 0;
        while (i < order.length) {
            double x = s.x[order[i]];
            double before = cum / s.totalWeight;
            while (i < order.length && s.x[order[i]] == x) {
                cum += s.w[order[i]];
                i++;
            }
            double after = Math.min(cum / s.totalWeight, 1.0);
            double f = d.cdf(x);
            sup = Math.max(sup, Math.max(Math.abs(f - before), Math.abs(after - f)));
        }
        return sup;
    }
}
