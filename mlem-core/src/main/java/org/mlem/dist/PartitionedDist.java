package org.mlem.dist;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Supplier;
import org.mlem.MlemUserException;

/**
 * A family's weighted maximum-likelihood fit over data held in parts (a cluster's partitions),
 * {@link UnivariateFamily#fitWeighted}'s answer without the rows in one place. Every pass over the
 * data is one call of {@link Passes#reduce}: the caller runs a function on each part and merges the
 * parts' results in a fixed order.
 *
 * <ul>
 *   <li>Families with finite sufficient statistics take them in one or two passes (Σw, Σw·x, Σw·log x,
 *       Σw·log(1 − x), the extremes; then Σw·(x − m)² about the mean, or each category's weight) and
 *       the single machine's closed form or one-dimensional solve on them: normal, lognormal,
 *       exponential, gamma, beta, Poisson, geometric, binomial, Bernoulli, categorical. With one
 *       part these are the single machine's sums, so its bits.
 *   <li>The others (weibull, negbin, t, logistic) run Newton's method on the summed log-likelihood,
 *       score and Hessian of the family, one pass per step, from the family's own estimate on a
 *       sample the caller brings to the driver (every row, when small), to the same maximum.
 *   <li>laplace: its location, the weighted median, by a selection over the parts ({@link
 *       #weightedMedian}, up to 7 passes, no rows collected), then one pass for its scale.
 * </ul>
 *
 * The log-likelihood and the observed information at the estimate take one more pass. The
 * Kolmogorov–Smirnov statistic needs the values sorted across the parts, which {@link Passes} do not
 * do: {@link #fit} leaves it NaN, and a caller that can sort computes it part by part with {@link
 * #ksStatistic}.
 */
public final class PartitionedDist {
    private PartitionedDist() {}

    /** One part's values and weights (null: weight 1 each), checked by the caller: finite, inside the support. */
    public record Part(double[] x, double[] w) implements Serializable {
        Sample sample() {
            return Sample.trusted(x, w);
        }
    }

    /** A function of one part ({@link Part}, or another kind of rows such as censored ones); runs where the part is. */
    @FunctionalInterface
    public interface PartSums<P> extends Serializable {
        double[] of(P part);
    }

    /** Runs passes over every part. */
    @FunctionalInterface
    public interface Passes<P> {
        /**
         * {@code f} of every part, merged in a fixed order of the parts: entries {@code [0, summed)}
         * added, the rest by their maximum.
         */
        double[] reduce(PartSums<P> f, int summed);
    }

    /**
     * The fit of {@code family} to every part's rows.
     *
     * @param sample rows on the driver (every row when small) for the start of the Newton families, asked
     *     for by those only
     * @throws MlemUserException where the single machine throws one (constant data, no overdispersion,
     *     ...)
     */
    public static FittedDistribution fit(UnivariateFamily family, Passes<Part> passes, Supplier<Part> sample) {
        // Σw, Σw·x, Σw·log x, Σw·log(1 − x); then the largest and (negated) smallest value of positive
        // weight and the largest value of any weight.
        double[] basics = passes.reduce(part -> {
            double[] out = {0, 0, 0, 0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            Sample s = part.sample();
            for (int i = 0; i < s.x.length; i++) {
                double x = s.x[i];
                double w = s.w[i];
                out[0] += w;
                out[1] += w * x;
                if (w > 0) {
                    out[2] += x > 0 ? w * Math.log(x) : 0;
                    out[3] += x < 1 ? w * Math.log1p(-x) : 0;
                    out[4] = Math.max(out[4], x);
                    out[5] = Math.max(out[5], -x);
                }
                out[6] = Math.max(out[6], x);
            }
            return out;
        }, 4);
        double total = basics[0];
        if (!(total > 0)) {
            throw new MlemUserException("the weights sum to 0; at least one row needs a positive weight to fit the "
                    + family.name() + " family");
        }
        if (basics[4] == -basics[5]) {
            // The family's own message when constant data have no MLE in it.
            family.estimate(Sample.trusted(new double[] {basics[4]}, null));
        }
        double[] theta = estimate(family, passes, basics, sample);
        boolean closedForm = family instanceof BinomialFamily || family instanceof CategoricalFamily
                || family instanceof GeometricFamily || family instanceof PoissonFamily || family instanceof LaplaceFamily;
        int p = theta.length;
        double[] at = theta.clone();
        double[] end = passes.reduce(part -> {
            Sample s = part.sample();
            double[] out = new double[1 + (closedForm ? 0 : p * p)];
            if (s.x.length == 0) {
                return out;
            }
            out[0] = family.logLikelihood(at, s);
            if (!closedForm) {
                double[][] h = family.hessian(at, s);
                for (int j = 0; j < p; j++) {
                    System.arraycopy(h[j], 0, out, 1 + j * p, p);
                }
            }
            return out;
        }, closedForm ? 1 : 1 + p * p);
        double[][] cov = closedForm ? family.covariance(theta, Sample.totals(basics[1], total))
                : UnivariateFamily.inverseOfNegative(square(end, 1, p));
        return new FittedDistribution(new Distribution(family, theta), end[0], total, family.freeParameters(theta), cov,
                Double.NaN);
    }

    private static double[] estimate(UnivariateFamily family, Passes<Part> passes, double[] basics, Supplier<Part> sample) {
        double total = basics[0];
        if (family instanceof NormalFamily || family instanceof LogNormalFamily) {
            boolean logs = family instanceof LogNormalFamily;
            double m = (logs ? basics[2] : basics[1]) / total;
            double v = spread(passes, m, logs) / total;
            return new double[] {m, Math.sqrt(v)};
        }
        if (family instanceof GammaFamily) {
            return GammaFamily.fromMeans(basics[1] / total, basics[2] / total);
        }
        if (family instanceof BetaFamily) {
            double m = basics[1] / total;
            return BetaFamily.fromMoments(m, spread(passes, m, false) / total,
                    new double[] {basics[2] / total, basics[3] / total}, total);
        }
        if (family instanceof CategoricalFamily c) {
            int k = c.categoriesFor(basics[6]);
            double[] counts = passes.reduce(part -> {
                double[] out = new double[k];
                Sample s = part.sample();
                for (int i = 0; i < s.x.length; i++) {
                    out[(int) s.x[i]] += s.w[i];
                }
                return out;
            }, k);
            return CategoricalFamily.fromCounts(counts, total);
        }
        if (family instanceof LaplaceFamily) {
            double m = weightedMedian(passes, -basics[5], basics[4], total);
            double dev = passes.reduce(part -> {
                Sample s = part.sample();
                double sum = 0;
                for (int i = 0; i < s.x.length; i++) {
                    sum += s.w[i] * Math.abs(s.x[i] - m);
                }
                return new double[] {sum};
            }, 1)[0];
            return new double[] {m, dev / total};
        }
        if (family instanceof ExponentialFamily || family instanceof PoissonFamily || family instanceof GeometricFamily
                || family instanceof BinomialFamily) {
            return family.estimate(Sample.totals(basics[1], total));
        }
        return newton(family, passes, sample.get());
    }

    /**
     * {@link LaplaceFamily#weightedMedian}'s value over the parts without bringing the rows together:
     * the smallest value of positive weight where the cumulative weight in ascending order passes
     * half the total, or the midpoint of the value where it equals half and the next value of
     * positive weight. Each pass splits a bracket of the values' sortable bit patterns ({@link
     * #key}) into up to {@value #MEDIAN_BINS} bins and takes, per bin, the weight and the smallest
     * and largest value, plus the weight below the bracket and the smallest value above it; the bin
     * where the cumulative weight passes half becomes the next bracket (its own smallest to largest
     * value), until that bin holds one value or the weight stops exactly at half. At most
     * ⌈64 / log2 {@value #MEDIAN_BINS}⌉ = 7 passes. The cumulative weights are sums of bins, not of
     * rows in order: the same value whenever the weights' partial sums are exact (unit or whole
     * weights); otherwise a half reached only up to rounding may be judged differently.
     *
     * @param lowest the smallest value of positive weight
     * @param highest the largest value of positive weight
     */
    static double weightedMedian(Passes<Part> passes, double lowest, double highest, double total) {
        double half = 0.5 * total;
        long lo = key(lowest);
        long hi = key(highest);
        while (true) {
            long width = Long.divideUnsigned(hi - lo, MEDIAN_BINS) + 1;
            int bins = (int) Long.divideUnsigned(hi - lo, width) + 1;
            long from = lo;
            long to = hi;
            // Summed: [0] the weight below the bracket, [1, 1 + bins) each bin's weight. By maximum: each
            // bin's largest value, each bin's smallest value negated, the smallest value above negated.
            double[] r = passes.reduce(part -> {
                double[] out = new double[1 + 3 * bins + 1];
                Arrays.fill(out, 1 + bins, out.length, Double.NEGATIVE_INFINITY);
                Sample s = part.sample();
                for (int i = 0; i < s.x.length; i++) {
                    double x = s.x[i];
                    double w = s.w[i];
                    if (!(w > 0)) {
                        continue;
                    }
                    long k = key(x);
                    if (k < from) {
                        out[0] += w;
                    } else if (k > to) {
                        out[3 * bins + 1] = Math.max(out[3 * bins + 1], -x);
                    } else {
                        int b = (int) Long.divideUnsigned(k - from, width);
                        out[1 + b] += w;
                        out[1 + bins + b] = Math.max(out[1 + bins + b], x);
                        out[1 + 2 * bins + b] = Math.max(out[1 + 2 * bins + b], -x);
                    }
                }
                return out;
            }, 1 + bins);
            double cum = r[0];
            int crossed = -1;
            for (int b = 0; b < bins && crossed < 0; b++) {
                double largest = r[1 + bins + b];
                if (largest == Double.NEGATIVE_INFINITY) {
                    continue; // no value of positive weight in this bin
                }
                double next = cum + r[1 + b];
                if (next == half) {
                    double above = -r[3 * bins + 1];
                    for (int c = b + 1; c < bins; c++) {
                        if (r[1 + bins + c] != Double.NEGATIVE_INFINITY) {
                            above = -r[1 + 2 * bins + c];
                            break;
                        }
                    }
                    return above == Double.POSITIVE_INFINITY ? largest : 0.5 * (largest + above);
                }
                if (next > half) {
                    crossed = b;
                }
                cum = next;
            }
            if (crossed < 0) {
                throw new IllegalStateException("the weights in the bracket do not reach half the total " + total);
            }
            double smallest = -r[1 + 2 * bins + crossed];
            double largest = r[1 + bins + crossed];
            if (smallest == largest) {
                return largest;
            }
            lo = key(smallest);
            hi = key(largest);
        }
    }

    /** Bins per pass of {@link #weightedMedian(Passes, double, double, double)}. */
    static final int MEDIAN_BINS = 1024;

    /** A long ordered as {@link Double#compare} orders the doubles (−0.0 below 0.0). */
    static long key(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
    }

    /**
     * The Kolmogorov–Smirnov distance sup |F̂_w − F| over one part of the values sorted across the
     * parts, every tie group inside one part, as the single machine's {@code KolmogorovSmirnov}
     * computes it: at each distinct value x, the larger of |F(x) − F̂ before x| and |F̂ after x − F(x)|
     * (after capped at 1). The statistic is the largest over the parts.
     *
     * @param sorted the part's values, ascending ({@code -0.0} and {@code 0.0} are one value)
     * @param w their weights, or null when every row of every part weighs the same: then F̂ counts rows
     *     ({@code before} and {@code total} are row counts), the single machine's bits
     * @param before the weight (or rows) of all parts before this one
     * @param total the total weight (or rows)
     */
    public static double ksStatistic(Distribution d, double[] sorted, double[] w, double before, double total) {
        double cum = before;
        double sup = 0;
        int i = 0;
        while (i < sorted.length) {
            double x = sorted[i];
            double below = cum / total;
            while (i < sorted.length && sorted[i] == x) {
                cum += w == null ? 1 : w[i];
                i++;
            }
            double after = Math.min(cum / total, 1.0);
            double f = d.cdf(x);
            sup = Math.max(sup, Math.max(Math.abs(f - below), Math.abs(after - f)));
        }
        return sup;
    }

    /** Σw·(x − m)², or of log x about m. */
    private static double spread(Passes<Part> passes, double m, boolean logs) {
        return passes.reduce(part -> {
            Sample s = part.sample();
            double sum = 0;
            for (int i = 0; i < s.x.length; i++) {
                double d = (logs ? Math.log(s.x[i]) : s.x[i]) - m;
                sum += s.w[i] * d * d;
            }
            return new double[] {sum};
        }, 1)[0];
    }

    /** Newton's method on the summed log-likelihood from the family's estimate on {@code sample}. */
    private static double[] newton(UnivariateFamily family, Passes<Part> passes, Part sample) {
        double[] start = family.estimate(family.groupsEqualValues() ? sample.sample().grouped() : sample.sample());
        int p = start.length;
        NewtonAscent.Objective f = new NewtonAscent.Objective() {
            private double[] at;
            private double[] sums; // log-likelihood, score, Hessian at `at`

            private double[] sums(double[] theta) {
                if (at == null || !Arrays.equals(at, theta)) {
                    double[] t = theta.clone();
                    sums = passes.reduce(part -> {
                        Sample s = part.sample();
                        double[] out = new double[1 + p + p * p];
                        if (s.x.length == 0) {
                            return out;
                        }
                        out[0] = family.logLikelihood(t, s);
                        System.arraycopy(family.score(t, s), 0, out, 1, p);
                        double[][] h = family.hessian(t, s);
                        for (int j = 0; j < p; j++) {
                            System.arraycopy(h[j], 0, out, 1 + p + j * p, p);
                        }
                        return out;
                    }, 1 + p + p * p);
                    at = t;
                }
                return sums;
            }

            @Override
            public boolean valid(double[] theta) {
                try {
                    family.checkParameters(theta);
                    return true;
                } catch (MlemUserException outside) {
                    return false;
                }
            }

            @Override
            public double value(double[] theta) {
                return sums(theta)[0];
            }

            @Override
            public double[] gradient(double[] theta) {
                return Arrays.copyOfRange(sums(theta), 1, 1 + p);
            }

            @Override
            public double[][] hessian(double[] theta) {
                return square(sums(theta), 1 + p, p);
            }
        };
        return NewtonAscent.maximize(f, start, 200);
    }

    /** The p × p matrix stored row by row in {@code v} from {@code from}. */
    private static double[][] square(double[] v, int from, int p) {
        double[][] m = new double[p][p];
        for (int j = 0; j < p; j++) {
            System.arraycopy(v, from + j * p, m[j], 0, p);
        }
        return m;
    }
}
