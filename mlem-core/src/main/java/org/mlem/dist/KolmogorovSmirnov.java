package org.mlem.dist;

import java.util.Arrays;
import java.util.Comparator;

/** The Kolmogorov–Smirnov distance between a weighted empirical cdf and a fitted cdf. */
final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {
    }

    /**
     * sup_x |F̂_w(x) − F(x)| where F̂_w puts mass w_i/Σw at x_i; with unit weights this is the
     * statistic of R's {@code ks.test(x, "pfamily", ...)}. Tied values form one jump.
     */
    static double statistic(Distribution d, Sample s) {
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
