package org.mlem.cli;

import java.util.Arrays;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.ProductLimit;
import org.mlem.survival.Turnbull;

/**
 * The data's survival curve that the censored pictures draw: the Kaplan–Meier estimate when every
 * row is exact or right-censored, else Turnbull's estimate (at its innermost intervals' finite upper
 * ends), weights counted as repeated rows.
 *
 * @param x the curve's jump points, increasing
 * @param survival S from each jump on (1 before the first)
 * @param name the estimate's name
 */
record SurvivalSteps(double[] x, double[] survival, String name) {

    /** The estimate from {@code y}. */
    static SurvivalSteps of(CensoredSample y) {
        int[] counts = y.counts();
        if (counts[CensoredSample.Kind.LEFT.ordinal()] == 0 && counts[CensoredSample.Kind.INTERVAL.ordinal()] == 0) {
            ProductLimit km = ProductLimit.of(y);
            return new SurvivalSteps(km.times(), km.survival(), "Kaplan-Meier estimate");
        }
        Turnbull.Fit t = Turnbull.fit(y, 1e-10, 100_000);
        double[] up = t.upper();
        double[] xs = new double[up.length];
        double[] ss = new double[up.length];
        int m = 0;
        for (double u : up) {
            if (Double.isFinite(u) && (m == 0 || u > xs[m - 1])) {
                xs[m] = u;
                ss[m++] = t.survival(u);
            }
        }
        return new SurvivalSteps(Arrays.copyOf(xs, m), Arrays.copyOf(ss, m), "Turnbull estimate");
    }

    /** The axis: 0 ({@code fromZero}) or the smallest finite bound less 5% of the span, to the largest plus 5%. */
    static double[] axis(CensoredSample y, boolean fromZero) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] bounds : new double[][] {y.lower(), y.upper()}) {
            for (double b : bounds) {
                if (Double.isFinite(b)) {
                    lo = Math.min(lo, b);
                    hi = Math.max(hi, b);
                }
            }
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        return new double[] {fromZero ? 0 : lo - pad, hi + pad};
    }
}
