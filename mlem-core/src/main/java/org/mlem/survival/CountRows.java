package org.mlem.survival;

import org.mlem.MlemUserException;
import org.mlem.dist.UnivariateFamily;

/**
 * What censoring and truncation bounds mean for a count family, and their translation into the
 * half-open form (l, u] that {@link CensoredFit}'s likelihood P(l &lt; X ≤ u) = F(u) − F(l) takes.
 *
 * <p>Censoring bounds on counts are inclusive: a row [l, u] says l ≤ X ≤ u, so left-censored at u
 * is X ≤ u, right-censored at l is X ≥ l ("l or more", as Stata's {@code cpoisson} reads its upper
 * limit), and equal bounds are the exact count, the degenerate interval. Its probability is
 * F(u) − F(l − 1), so the row becomes (l − 1, u]. (fitdistrplus's {@code fitdistcens}, which plugs
 * {@code ppois} into its continuous formulas unchanged, reads a right-censored l as X &gt; l and an
 * interval as l &lt; X ≤ u; give it l − 1 to fit the same rows.)
 *
 * <p>Truncation points are exclusive below and inclusive above, as {@code countreg}'s and VGAM's
 * zero-truncated families and {@code truncdist} take them: truncated below a and above b, only
 * a &lt; X ≤ b could be observed, each row's probability divided by F(b) − F(a); a = 0 is the
 * zero-truncated count.
 */
final class CountRows {
    private CountRows() {
    }

    /**
     * The rows as (l − 1, u] (exact rows unchanged), after checking them.
     *
     * @throws MlemUserException for a family whose values have no order (categorical), or a
     *     truncation point that is not a whole number
     * @throws RowException at the first exact value or finite bound outside the family's support (a
     *     negative or fractional count, a count above a binomial's size) and the first row the
     *     truncation excludes
     */
    static CensoredSample halfOpen(UnivariateFamily family, CensoredSample s, Truncation t) {
        return halfOpen(family, s, t, WIDEN);
    }

    /** {@link #halfOpen(UnivariateFamily, CensoredSample, Truncation)} with {@code fix} as a truncated row's remedy. */
    static CensoredSample halfOpen(UnivariateFamily family, CensoredSample s, Truncation t, String fix) {
        if (family.name().equals("categorical")) {
            throw new MlemUserException("censoring and truncation need ordered values; the categorical family's"
                    + " codes are unordered labels: fit it without --interval/--status/--truncate-*");
        }
        double[] lo = s.lower();
        double[] hi = s.upper();
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] == hi[i]) {
                String fault = family.supportFault(lo[i]);
                if (fault != null) {
                    throw new RowException(i, fault);
                }
            } else {
                checkBound(family, i, lo[i]);
                checkBound(family, i, hi[i]);
                lo[i] -= 1;
            }
        }
        checkTruncation(s, t, fix);
        return new CensoredSample(lo, hi, s.weights());
    }

    /**
     * Throws at a truncation point that is not a whole number, and at the first row (1-based) that
     * truncation below a and above b excludes: an exact count outside a &lt; x ≤ b, or an interval
     * [l, u] without a count there (u ≤ a or l &gt; b).
     */
    static void checkTruncation(CensoredSample s, Truncation t, String fix) {
        checkPoint(t.below(), "--truncate-below");
        checkPoint(t.above(), "--truncate-above");
        double[] lo = s.lower();
        double[] hi = s.upper();
        for (int i = 0; i < lo.length; i++) {
            if (hi[i] <= t.below() || lo[i] > t.above()) {
                throw outside(i, lo[i] == hi[i] ? "count " + brief(lo[i])
                        : "interval [" + brief(lo[i]) + ", " + brief(hi[i]) + "]", t, fix);
            }
        }
    }

    /** Each row's starting value: an exact count, the whole midpoint of [l, u] rounded down, an open row's finite end. */
    static double[] startValues(CensoredSample s) {
        double[] lo = s.lower();
        double[] hi = s.upper();
        double[] x = new double[lo.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = lo[i] == Double.NEGATIVE_INFINITY ? hi[i]
                    : hi[i] == Double.POSITIVE_INFINITY ? lo[i] : Math.floor((lo[i] + hi[i]) / 2);
        }
        return x;
    }

    private static void checkPoint(double point, String option) {
        if (Double.isFinite(point) && point != Math.rint(point)) {
            throw new MlemUserException(option + " " + point + " is not a whole number; a count family is truncated"
                    + " at counts (below a: X > a; above b: X <= b), so give a whole number");
        }
    }

    private static void checkBound(UnivariateFamily family, int row, double bound) {
        if (Double.isFinite(bound) && family.supportFault(bound) != null) {
            throw new RowException(row, "the censoring bound " + brief(bound) + " is not a " + family.name() + " count ("
                    + family.supportDescription() + "); a count's bounds are whole numbers, the row saying"
                    + " lower <= X <= upper: correct the row");
        }
    }

    /** What a row the truncation excludes says in {@code fit dist} and {@code select dist}. */
    static final String WIDEN = "widen --truncate-below/--truncate-above or remove the row";

    private static RowException outside(int row, String what, Truncation t, String fix) {
        return new RowException(row, what + " lies outside the truncation range, counts x with " + brief(t.below())
                + " < x <= " + brief(t.above()) + ", which no observation can; " + fix);
    }

    private static String brief(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
