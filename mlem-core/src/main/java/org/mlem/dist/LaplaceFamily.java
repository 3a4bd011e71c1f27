package org.mlem.dist;

import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * The Laplace (double exponential) family: density exp(−|x − m|/b) / (2b) with {@code location}
 * m and {@code scale} b > 0; support the real line.
 *
 * <p>Estimator: closed-form weighted MLE, m̂ = the weighted median (the midpoint of the two middle
 * values when the cumulative weight hits exactly half, as R's {@code median}) and
 * b̂ = Σw|x − m̂|/Σw. The log-likelihood is not differentiable in m, so there is no observed
 * information for it: standard errors come from the expected information Σw/b² for each
 * parameter (asymptotic variance b²/n of the median and of b̂).
 */
public final class LaplaceFamily extends UnivariateFamily {
    LaplaceFamily() {
        super("laplace", Support.REAL, "location", "scale");
    }

    @Override
    void checkParameters(double[] theta) {
        requireFinite(theta, 0);
        requirePositive(theta, 1);
    }

    @Override
    double logDensity(double[] theta, double x) {
        return -Math.abs(x - theta[0]) / theta[1] - Math.log(2 * theta[1]);
    }

    @Override
    double cdf(double[] theta, double x) {
        double z = (x - theta[0]) / theta[1];
        return z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z);
    }

    @Override
    double survival(double[] theta, double x) {
        double z = (x - theta[0]) / theta[1];
        return z > 0 ? 0.5 * Math.exp(-z) : 1 - 0.5 * Math.exp(z);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double e = rng.nextExponential();
        return theta[0] + (rng.nextBoolean() ? e : -e) * theta[1];
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "scale MLE would be 0");
        double m = weightedMedian(s);
        double dev = 0;
        for (int i = 0; i < s.x.length; i++) {
            dev += s.w[i] * Math.abs(s.x[i] - m);
        }
        return new double[] {m, dev / s.totalWeight};
    }

    /** The weighted median: the midpoint of the flat stretch when cumulative weight equals half. */
    static double weightedMedian(Sample s) {
        Integer[] order = new Integer[s.x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> s.x[i]));
        double half = 0.5 * s.totalWeight;
        double cum = 0;
        for (int r = 0; r < order.length; r++) {
            cum += s.w[order[r]];
            if (cum > half) {
                return s.x[order[r]];
            }
            if (cum == half) {
                int next = r + 1;
                while (next < order.length && s.w[order[next]] == 0) {
                    next++;
                }
                return next < order.length ? 0.5 * (s.x[order[r]] + s.x[order[next]]) : s.x[order[r]];
            }
        }
        return s.x[order[order.length - 1]];
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double b = theta[1];
        double signs = 0;
        double dev = 0;
        for (int i = 0; i < s.x.length; i++) {
            signs += s.w[i] * Math.signum(s.x[i] - theta[0]);
            dev += s.w[i] * Math.abs(s.x[i] - theta[0]);
        }
        return new double[] {signs / b, -s.totalWeight / b + dev / (b * b)};
    }

    /** The Hessian where it exists (m not at a data value); its (m, m) entry is 0 there. */
    @Override
    double[][] hessian(double[] theta, Sample s) {
        double b = theta[1];
        double signs = 0;
        double dev = 0;
        for (int i = 0; i < s.x.length; i++) {
            signs += s.w[i] * Math.signum(s.x[i] - theta[0]);
            dev += s.w[i] * Math.abs(s.x[i] - theta[0]);
        }
        double cross = -signs / (b * b);
        return new double[][] {{0, cross}, {cross, s.totalWeight / (b * b) - 2 * dev / (b * b * b)}};
    }

    @Override
    double[][] covariance(double[] theta, Sample s) {
        double v = theta[1] * theta[1] / s.totalWeight;
        return diagonal(v, v);
    }
}
