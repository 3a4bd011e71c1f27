package org.mlem.survival;

import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;

/**
 * Left and right truncation: only values in [{@code below}, {@code above}] could be observed, so each
 * row's likelihood is divided by F(above) − F(below). For a count family, whose F jumps at the
 * counts, that is below &lt; X ≤ above ({@link CountRows}: {@code below = 0} is zero-truncation);
 * {@link #check} is the continuous families' test.
 *
 * @param below the left truncation point, −∞ for none
 * @param above the right truncation point, +∞ for none
 */
public record Truncation(double below, double above) implements java.io.Serializable {
    /** No truncation. */
    public static final Truncation NONE = new Truncation(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Truncation {
        if (Double.isNaN(below) || Double.isNaN(above) || !(below < above)) {
            throw new MlemUserException("the truncation points must satisfy below < above, got " + below + " and "
                    + above + "; check --truncate-below and --truncate-above");
        }
    }

    /** Whether either end truncates. */
    public boolean truncates() {
        return below != Double.NEGATIVE_INFINITY || above != Double.POSITIVE_INFINITY;
    }

    /**
     * The survival function of {@code d} restricted to [below, above] at {@code x}: 1 below the range,
     * P(x &lt; X ≤ above) / P(below &lt; X ≤ above) inside it, 0 from {@code above} on; {@code d}'s own
     * survival function when nothing is truncated. Continuous families.
     */
    public double survival(Distribution d, double x) {
        if (x < below) {
            return 1;
        }
        if (x >= above) {
            return 0;
        }
        return truncates() ? CensoredFit.mass(d, x, above) / CensoredFit.mass(d, below, above) : d.survival(x);
    }

    /** {@code s} with each censored row's bounds clipped to [below, above], as the likelihood clips them. */
    public CensoredSample clip(CensoredSample s) {
        if (!truncates()) {
            return s;
        }
        double[] lo = s.lower();
        double[] hi = s.upper();
        CensoredFit.clip(lo, hi, this);
        return new CensoredSample(lo, hi, s.weights());
    }

    /**
     * {@code n} draws of {@code d} restricted to [below, above]: each uniform u maps to the value
     * where the cdf reaches F(A) + u (F(B) − F(A)) (in the upper half of the range the survival
     * function, which keeps its digits there), found by bisection to the last bit. Continuous families.
     */
    public double[] sample(Distribution d, int n, RandomGenerator rng) {
        double fBelow = below == Double.NEGATIVE_INFINITY ? 0 : d.cdf(below);
        boolean upper = fBelow > 0.5;
        double start = upper ? d.survival(below) : fBelow;
        double end = upper ? (above == Double.POSITIVE_INFINITY ? 0 : d.survival(above))
                : (above == Double.POSITIVE_INFINITY ? 1 : d.cdf(above));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double target = start + rng.nextDouble() * (end - start);
            out[i] = upper ? invert(x -> -d.survival(x), -target) : invert(d::cdf, target);
        }
        return out;
    }

    /** The smallest x in [below, above] (to bisection's last bit) where the increasing {@code f} reaches {@code target}. */
    private double invert(DoubleUnaryOperator f, double target) {
        double lo = below;
        double hi = above;
        for (double step = 1; lo == Double.NEGATIVE_INFINITY; step *= 2) {
            double x = hi - step;
            if (f.applyAsDouble(x) < target || step > 1e300) {
                lo = x;
            }
        }
        for (double step = 1; hi == Double.POSITIVE_INFINITY; step *= 2) {
            double x = lo + step;
            if (f.applyAsDouble(x) >= target || step > 1e300) {
                hi = x;
            }
        }
        for (int iter = 0; iter < 2200; iter++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (f.applyAsDouble(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /**
     * Throws naming the first row (1-based) that the truncation excludes: an exact value outside
     * [below, above], or a censoring interval that misses it.
     */
    void check(CensoredSample s) {
        check(s, "widen --truncate-below/--truncate-above or remove the row");
    }

    /** {@link #check(CensoredSample)} with {@code fix} as the message's remedy. */
    void check(CensoredSample s, String fix) {
        double[] lo = s.lower();
        double[] hi = s.upper();
        for (int i = 0; i < lo.length; i++) {
            boolean outside = lo[i] == hi[i] ? lo[i] < below || lo[i] > above : hi[i] <= below || lo[i] >= above;
            if (outside) {
                String what = lo[i] == hi[i] ? "value " + lo[i] : "interval [" + lo[i] + ", " + hi[i] + "]";
                throw new RowException(i, what + " lies outside the truncation range [" + below + ", " + above
                        + "], which no observation can; " + fix);
            }
        }
    }
}
