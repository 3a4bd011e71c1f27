package org.mlem.cli.plot;

import java.util.Arrays;
import org.hipparchus.special.Erf;
import org.mlem.dist.Distribution;

/**
 * Quantiles for Q-Q plots: of a fitted distribution, found from its cdf (bisection for densities,
 * the smallest whole number with F(k) ≥ p for discrete families), of the standard normal, and the
 * plotting positions (i − ½)/n of sorted data, thinned to at most {@link #MAX_POINTS}.
 */
final class Quantiles {
    static final int MAX_POINTS = 2000;

    private Quantiles() {}

    /** The probabilities (i − ½)/n of the order statistics drawn: all of them, or {@link #MAX_POINTS} evenly spread. */
    static int[] drawnOrderStatistics(int n) {
        int m = Math.min(n, MAX_POINTS);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = m == n ? i : (int) Math.round(i * (n - 1.0) / (m - 1.0));
        }
        return idx;
    }

    /** Sorted copy of {@code x}. */
    static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }

    /** The standard normal quantile Φ⁻¹(p). */
    static double normal(double p) {
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }

    /** F⁻¹(p) of a fitted distribution, 0 &lt; p &lt; 1. */
    static double of(Distribution d, boolean discrete, double p) {
        double lo = -1;
        double hi = 1;
        while (d.cdf(lo) >= p && lo > -1e300) {
            lo *= 2;
        }
        while (d.cdf(hi) < p && hi < 1e300) {
            hi *= 2;
        }
        if (discrete) {
            long a = (long) Math.floor(lo);
            long b = (long) Math.ceil(hi);
            while (b - a > 1) {
                long mid = a + (b - a) / 2;
                if (d.cdf(mid) >= p) {
                    b = mid;
                } else {
                    a = mid;
                }
            }
            return b;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
            double mid = 0.5 * (lo + hi);
            if (d.cdf(mid) >= p) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
