package org.mlem.survival;

import org.mlem.MlemUserException;

/**
 * Left and right truncation: only values in [{@code below}, {@code above}] could be observed, so each
 * row's likelihood is divided by F(above) − F(below).
 *
 * @param below the left truncation point, −∞ for none
 * @param above the right truncation point, +∞ for none
 */
public record Truncation(double below, double above) {
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
     * Throws naming the first row (1-based) that the truncation excludes: an exact value outside
     * [below, above], or a censoring interval that misses it.
     */
    void check(CensoredSample s) {
        double[] lo = s.lower();
        double[] hi = s.upper();
        for (int i = 0; i < lo.length; i++) {
            boolean outside = lo[i] == hi[i] ? lo[i] < below || lo[i] > above : hi[i] <= below || lo[i] >= above;
            if (outside) {
                String what = lo[i] == hi[i] ? "value " + lo[i] : "interval [" + lo[i] + ", " + hi[i] + "]";
                throw new RowException(i, what + " lies outside the truncation range [" + below + ", " + above
                        + "], which no observation can; widen --truncate-below/--truncate-above or remove the row");
            }
        }
    }
}
