package org.mlem.survival;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Kaplan–Meier (product-limit) estimate of S(t) from right-censored times, with case weights:
 * at each distinct event time t_j, S falls by the factor 1 − d_j / n_j, d_j the weight of the
 * events at t_j and n_j the weight of the rows whose time is t_j or later (a row censored at t_j
 * is still at risk there), as {@code survival::survfit(Surv(time, status) ~ 1, weights = w)}.
 *
 * @param times the distinct event times, increasing
 * @param survival S just after each of them (S is 1 before the first)
 */
public record ProductLimit(double[] times, double[] survival) {

    /**
     * The estimate from a right-censored sample (exact and right-censored rows only).
     *
     * @throws IllegalArgumentException at a left-censored or interval row
     */
    public static ProductLimit of(CensoredSample s) {
        int n = s.rows();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            CensoredSample.Kind k = s.kind(i);
            if (k != CensoredSample.Kind.EXACT && k != CensoredSample.Kind.RIGHT) {
                throw new IllegalArgumentException("the product-limit estimate takes exact and right-censored rows");
            }
            order[i] = i;
        }
        double[] lower = s.lower();
        Arrays.sort(order, Comparator.comparingDouble(i -> lower[i]));
        double atRisk = 0;
        for (int i = 0; i < n; i++) {
            atRisk += s.weight(i);
        }
        double[] times = new double[n];
        double[] surv = new double[n];
        int m = 0;
        double sNow = 1;
        for (int a = 0; a < n;) {
            double t = lower[order[a]];
            double deaths = 0;
            double leaving = 0;
            int b = a;
            for (; b < n && lower[order[b]] == t; b++) {
                int i = order[b];
                leaving += s.weight(i);
                if (s.kind(i) == CensoredSample.Kind.EXACT) {
                    deaths += s.weight(i);
                }
            }
            if (deaths > 0) {
                sNow *= 1 - deaths / atRisk;
                times[m] = t;
                surv[m] = sNow;
                m++;
            }
            atRisk -= leaving;
            a = b;
        }
        return new ProductLimit(Arrays.copyOf(times, m), Arrays.copyOf(surv, m));
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[] survival() {
        return survival.clone();
    }
}
