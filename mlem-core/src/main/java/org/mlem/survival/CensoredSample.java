package org.mlem.survival;

/**
 * Observations known only to lie in an interval, as R's {@code fitdistcens} takes them: row i lies in
 * [{@code lower[i]}, {@code upper[i]}]. Equal bounds are an exact observation; {@code lower = −∞} is
 * left-censored at {@code upper} (X ≤ upper); {@code upper = +∞} right-censored at {@code lower}
 * ({@code X > lower}); two finite bounds an interval-censored row ({@code lower < X ≤ upper}).
 *
 * @param lower lower bounds (−∞ for an open end)
 * @param upper upper bounds (+∞ for an open end)
 * @param weights frequency weights, or null for all ones
 */
public record CensoredSample(double[] lower, double[] upper, double[] weights) {

    /** What a row is. */
    public enum Kind { EXACT, LEFT, RIGHT, INTERVAL }

    public CensoredSample {
        if (lower.length != upper.length || (weights != null && weights.length != lower.length)) {
            throw new IllegalArgumentException("lower, upper and weights need one entry per row");
        }
        for (int i = 0; i < lower.length; i++) {
            check(i, lower[i], upper[i]);
        }
        lower = lower.clone();
        upper = upper.clone();
        weights = weights == null ? null : weights.clone();
    }

    /**
     * Rows given as two columns with NaN (R's NA) for an open end, as {@code fitdistcens}'s
     * {@code left} and {@code right}.
     *
     * @throws RowException naming the 1-based row where both ends are open or lower &gt; upper
     */
    public static CensoredSample ofIntervals(double[] left, double[] right, double[] weights) {
        double[] lo = new double[left.length];
        double[] hi = new double[left.length];
        for (int i = 0; i < lo.length; i++) {
            if (Double.isNaN(left[i]) && Double.isNaN(right[i])) {
                throw new RowException(i, "both interval ends are missing, so the row says nothing; give at least one"
                        + " end or remove the row");
            }
            lo[i] = Double.isNaN(left[i]) ? Double.NEGATIVE_INFINITY : left[i];
            hi[i] = Double.isNaN(right[i]) ? Double.POSITIVE_INFINITY : right[i];
        }
        return new CensoredSample(lo, hi, weights);
    }

    /**
     * Values with an event indicator, as {@code survival::Surv(time, event)} reads it: 1 the value was
     * observed (the event), 0 censored; or, when every code is 1 or 2 and some are 2, survival's other
     * coding, 2 observed and 1 censored (the {@code lung} data's). A censored value is a lower bound
     * (right censoring) or, with {@code leftCensoring}, an upper bound (Surv's {@code type = "left"}).
     *
     * @throws RowException naming the 1-based row of any other code
     */
    public static CensoredSample ofStatus(double[] x, double[] status, double[] weights, boolean leftCensoring) {
        return ofStatus(x, status, weights, leftCensoring, null);
    }

    /**
     * As {@link #ofStatus(double[], double[], double[], boolean)} with the coding fixed: survival's
     * 2 = event, 1 = censored when {@code oneTwo} is true, 1 = event, 0 = censored when false, read
     * from the codes when null (a model file's rows are read with the coding of its fit).
     *
     * @throws RowException naming the 1-based row of a code outside the coding
     */
    public static CensoredSample ofStatus(double[] x, double[] status, double[] weights, boolean leftCensoring,
            Boolean oneTwo) {
        boolean[] event = events(status, oneTwo);
        double[] lo = new double[x.length];
        double[] hi = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            lo[i] = !event[i] && leftCensoring ? Double.NEGATIVE_INFINITY : x[i];
            hi[i] = !event[i] && !leftCensoring ? Double.POSITIVE_INFINITY : x[i];
        }
        return new CensoredSample(lo, hi, weights);
    }

    /** Right-censored values: {@code ofStatus(x, status, weights, false)}. */
    public static CensoredSample ofStatus(double[] x, double[] status, double[] weights) {
        return ofStatus(x, status, weights, false);
    }

    /**
     * Each row's event indicator from Surv's codes (see {@link #ofStatus(double[], double[], double[], boolean)}).
     *
     * @throws RowException at the first code that is neither
     */
    public static boolean[] events(double[] status) {
        return events(status, null);
    }

    /** Whether {@code status} is in survival's other coding: every code 1 or 2, and some 2. */
    public static boolean oneTwoCoding(double[] status) {
        boolean anyTwo = false;
        for (double s : status) {
            if (s != 1 && s != 2) {
                return false;
            }
            anyTwo |= s == 2;
        }
        return anyTwo;
    }

    private static boolean[] events(double[] status, Boolean fixedOneTwo) {
        if (fixedOneTwo != null) {
            double other = fixedOneTwo ? 0 : 2;
            boolean[] event = new boolean[status.length];
            for (int i = 0; i < status.length; i++) {
                if (status[i] == other || (status[i] != 0 && status[i] != 1 && status[i] != 2)) {
                    throw new RowException(i, "censoring status " + status[i] + " is not in the model's coding; use "
                            + (fixedOneTwo ? "2 = event, 1 = censored" : "1 = event, 0 = censored") + " as in its fit");
                }
                event[i] = status[i] == (fixedOneTwo ? 2 : 1);
            }
            return event;
        }
        boolean oneTwo = true;
        boolean anyTwo = false;
        for (int i = 0; i < status.length; i++) {
            double s = status[i];
            if (s != 0 && s != 1 && s != 2) {
                throw new RowException(i, "unknown censoring status " + s + "; use 1 = event (observed), 0 = censored,"
                        + " or survival's 2 = event, 1 = censored");
            }
            oneTwo &= s != 0;
            anyTwo |= s == 2;
        }
        boolean[] event = new boolean[status.length];
        for (int i = 0; i < status.length; i++) {
            if (status[i] == 2 && !oneTwo) {
                throw new RowException(i, "censoring status 2 among 0/1 codes; use 1 = event, 0 = censored, or"
                        + " survival's 2 = event, 1 = censored throughout");
            }
            event[i] = oneTwo && anyTwo ? status[i] == 2 : status[i] == 1;
        }
        return event;
    }

    /** Exact observations only. */
    public static CensoredSample exact(double[] x, double[] weights) {
        return new CensoredSample(x, x, weights);
    }

    private static void check(int i, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
            throw new RowException(i, "the interval [" + lo + ", " + hi + "] is not usable; give finite bounds,"
                    + " with an open end only below the lower or above the upper");
        }
        if (lo > hi) {
            throw new RowException(i, "the lower bound " + lo + " exceeds the upper bound " + hi
                    + "; swap the two columns or correct the row");
        }
    }

    /** The number of rows. */
    public int rows() {
        return lower.length;
    }

    /** Row i's kind. */
    public Kind kind(int i) {
        if (lower[i] == upper[i]) {
            return Kind.EXACT;
        }
        if (lower[i] == Double.NEGATIVE_INFINITY) {
            return Kind.LEFT;
        }
        return upper[i] == Double.POSITIVE_INFINITY ? Kind.RIGHT : Kind.INTERVAL;
    }

    /** Row counts by kind, in {@link Kind} order. */
    public int[] counts() {
        int[] c = new int[Kind.values().length];
        for (int i = 0; i < rows(); i++) {
            c[kind(i).ordinal()]++;
        }
        return c;
    }

    /** Whether every row is exact. */
    public boolean allExact() {
        return counts()[Kind.EXACT.ordinal()] == rows();
    }

    /** Row i's weight (1 when unweighted). */
    public double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }
}
