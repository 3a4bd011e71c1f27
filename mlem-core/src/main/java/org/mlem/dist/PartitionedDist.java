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
 *   <li>laplace (a weighted median) is refused.
 * </ul>
 *
 * The log-likelihood and the observed information at the estimate take one more pass. The
 * Kolmogorov–Smirnov statistic (a sort of every value) is not computed: NaN.
 */
public final class PartitionedDist {
    private PartitionedDist() {}

    /** One part's values and weights (null: weight 1 each), checked by the caller: finite, inside the support. */
    public record Part(double[] x, double[] w) implements Serializable {
        Sample sample() {
            return Sample.trusted(x, w);
        }
    }

    /** A function of one part; runs where the part is. */
    @FunctionalInterface
    public interface PartSums extends Serializable {
        double[] of(Part part);
    }

    /** Runs passes over every part. */
    @FunctionalInterface
    public interface Passes {
        /**
         * {@code f} of every part, merged in a fixed order of the parts: entries {@code [0, summed)}
         * added, the rest by their maximum.
         */
        double[] reduce(PartSums f, int summed);
    }

    /**
     * The fit of {@code family} to every part's rows.
     *
     * @param sample rows on the driver (every row when small) for the start of the Newton families, asked
     *     for by those only
     * @throws MlemUserException where the single machine throws one (constant data, no overdispersion,
     *     ...), and for the laplace family
     */
    public static FittedDistribution fit(UnivariateFamily family, Passes passes, Supplier<Part> sample) {
        if (family instanceof LaplaceFamily) {
            throw new MlemUserException("the laplace family's location is a weighted median, which is not fitted on"
                    + " Spark yet; fit it with mlem fit dist, or choose another family");
        }
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
                || family instanceof GeometricFamily || family instanceof PoissonFamily;
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

    private static double[] estimate(UnivariateFamily family, Passes passes, double[] basics, Supplier<Part> sample) {
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
        if (family instanceof ExponentialFamily || family instanceof PoissonFamily || family instanceof GeometricFamily
                || family instanceof BinomialFamily) {
            return family.estimate(Sample.totals(basics[1], total));
        }
        return newton(family, passes, sample.get());
    }

    /** Σw·(x − m)², or of log x about m. */
    private static double spread(Passes passes, double m, boolean logs) {
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
    private static double[] newton(UnivariateFamily family, Passes passes, Part sample) {
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
