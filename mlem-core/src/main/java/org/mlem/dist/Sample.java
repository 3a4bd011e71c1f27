package org.mlem.dist;

import org.mlem.MlemUserException;

/**
 * Validated weighted data for one fit: values {@code x}, weights {@code w} (all 1 when none were
 * given) and their total. Package-private; the arrays are the caller's, never modified.
 */
final class Sample {
    final double[] x;
    final double[] w;
    final double totalWeight;

    private Sample(double[] x, double[] w, double totalWeight) {
        this.x = x;
        this.w = w;
        this.totalWeight = totalWeight;
    }

    /**
     * Checks finiteness of {@code x}, that {@code w} (may be null) is finite, non-negative and
     * of matching length, and that the weights sum to a positive total.
     */
    static Sample of(double[] x, double[] w, String family) {
        if (x.length == 0) {
            throw new MlemUserException("no values to fit the " + family + " family to");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new MlemUserException("row " + (i + 1) + ": value " + x[i] + " is not a finite number; "
                        + "remove or impute missing and infinite values before fitting the " + family + " family");
            }
        }
        double[] weights = w;
        double total;
        if (w == null) {
            weights = new double[x.length];
            java.util.Arrays.fill(weights, 1.0);
            total = x.length;
        } else {
            if (w.length != x.length) {
                throw new IllegalArgumentException(x.length + " values but " + w.length + " weights");
            }
            total = 0;
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                    throw new MlemUserException("row " + (i + 1) + ": weight " + w[i]
                            + " is not a finite non-negative number; weights count how often a row occurs");
                }
                total += w[i];
            }
            if (!(total > 0)) {
                throw new MlemUserException("the weights sum to 0; at least one row needs a positive weight to fit the "
                        + family + " family");
            }
        }
        return new Sample(x, weights, total);
    }

    /**
     * Values already checked (finite, in the support; weights finite and non-negative), e.g. one
     * partition of a cluster's data, which may be empty or of zero weight.
     */
    static Sample trusted(double[] x, double[] w) {
        double[] weights = w;
        if (w == null) {
            weights = new double[x.length];
            java.util.Arrays.fill(weights, 1.0);
        }
        double total = 0;
        for (double v : weights) {
            total += v;
        }
        return new Sample(x, weights, w == null ? x.length : total);
    }

    /**
     * A stand-in with only the totals of the data: {@link #weightedSum()} is {@code weightedSum} and
     * the total weight {@code totalWeight}, bit for bit; what reads single rows must not be given it.
     */
    static Sample totals(double weightedSum, double totalWeight) {
        return new Sample(new double[] {weightedSum}, new double[] {1}, totalWeight);
    }

    /**
     * The same likelihood over distinct values: each distinct value once, weighted by the total
     * weight of its rows (sufficient statistics of a count family, whose data repeat a few values
     * many times). Only when every row has the same weight (else this sample itself); values in
     * ascending order.
     */
    Sample grouped() {
        for (double v : w) {
            if (v != w[0]) {
                return this;
            }
        }
        double[] sorted = x.clone();
        java.util.Arrays.parallelSort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        if (distinct * 4L > sorted.length) {
            return this;
        }
        double[] values = new double[distinct];
        double[] weights = new double[distinct];
        int g = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++g] = sorted[i];
            }
            weights[g] += w[0];
        }
        return new Sample(values, weights, totalWeight);
    }

    /** A sample over transformed values with the same weights (e.g. logs for the lognormal). */
    Sample withValues(double[] values) {
        return new Sample(values, w, totalWeight);
    }

    /** Σ w·x. */
    double weightedSum() {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    /** Σ w·x / Σ w. */
    double mean() {
        return weightedSum() / totalWeight;
    }

    /** Σ w·(x − m)² / Σ w, the population (divisor Σw) variance about {@code m}. */
    double variance(double m) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - m;
            s += w[i] * d * d;
        }
        return s / totalWeight;
    }

    /** Σ w·log x / Σ w. */
    double meanLog() {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0) {
                s += w[i] * Math.log(x[i]);
            }
        }
        return s / totalWeight;
    }

    /** The largest value among rows of positive weight. */
    double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0 && x[i] > m) {
                m = x[i];
            }
        }
        return m;
    }

    /** True when every row of positive weight holds the same value. */
    boolean isConstant() {
        double first = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0) {
                if (Double.isNaN(first)) {
                    first = x[i];
                } else if (x[i] != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Throws the user error for data whose spread is zero, which the family cannot take. */
    void requireNotConstant(String family, String why) {
        if (isConstant()) {
            throw new MlemUserException("all values (of positive weight) equal " + firstWeighted()
                    + ", so the " + family + " family's " + why + "; a constant column cannot be fitted by this family");
        }
    }

    private double firstWeighted() {
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0) {
                return x[i];
            }
        }
        return Double.NaN;
    }
}
