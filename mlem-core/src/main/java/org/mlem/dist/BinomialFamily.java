package org.mlem.dist;

import java.util.random.RandomGenerator;
import org.hipparchus.special.Beta;

/**
 * The binomial family with a known number of trials, R's {@code dbinom(x, size, prob)}: mass
 * C(size, x) p^x (1 − p)^{size−x} with the single free parameter {@code prob} 0 ≤ p ≤ 1; support
 * x = 0, 1, ..., size. {@link #bernoulli()} is the case size = 1 under the name {@code bernoulli}.
 *
 * <p>Estimator: closed form p̂ = Σwx / (size·Σw); standard error √(p̂(1 − p̂)/(size·n)), the
 * inverse observed information at the MLE (0 when p̂ is 0 or 1).
 */
public final class BinomialFamily extends UnivariateFamily {
    private final int size;

    private BinomialFamily(int size, String name) {
        super(name, Support.COUNT, "prob");
        if (size < 1) {
            throw new org.mlem.MlemUserException("the binomial family's size (number of trials) must be at least 1, got " + size);
        }
        this.size = size;
    }

    /** The binomial with {@code size} known trials. */
    public static BinomialFamily withSize(int size) {
        return new BinomialFamily(size, "binomial");
    }

    /** The Bernoulli family: one trial, values 0 and 1. */
    public static BinomialFamily bernoulli() {
        return new BinomialFamily(1, "bernoulli");
    }

    /** The known number of trials. */
    public int size() {
        return size;
    }

    @Override
    public String supportDescription() {
        return size == 1 ? "x = 0 or 1" : "x = 0, 1, ..., " + size;
    }

    @Override
    String supportFix() {
        return size == 1 ? "code outcomes as 0 and 1" : "counts must be whole numbers from 0 to the number of trials";
    }

    @Override
    boolean inSupport(double x) {
        return x >= 0 && x <= size && isWholeNumber(x);
    }

    @Override
    void checkParameters(double[] theta) {
        if (!(theta[0] >= 0 && theta[0] <= 1)) {
            throw badParameter(name(), "prob", theta[0], "in [0, 1]");
        }
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!inSupport(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double p = theta[0];
        double logChoose = LogFactorial.of(size) - LogFactorial.of(x) - LogFactorial.of(size - x);
        double successes = x == 0 ? 0 : x * Math.log(p);
        double failures = x == size ? 0 : (size - x) * Math.log1p(-p);
        return logChoose + successes + failures;
    }

    @Override
    double cdf(double[] theta, double x) {
        if (x < 0) {
            return 0;
        }
        double k = Math.floor(x);
        return k >= size ? 1 : Beta.regularizedBeta(1 - theta[0], size - k, k + 1);
    }

    /** P(X &gt; x) = I_p(floor(x) + 1, size − floor(x)), the cdf's complement without its cancellation. */
    @Override
    double survival(double[] theta, double x) {
        if (x < 0) {
            return 1;
        }
        double k = Math.floor(x);
        return k >= size ? 0 : Beta.regularizedBeta(theta[0], k + 1, size - k);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double mode = Math.min(size, Math.floor((size + 1) * theta[0]));
        return DiscreteSampler.sample(rng, mode, cdf(theta, mode), k -> logDensity(theta, k), size);
    }

    @Override
    double[] estimate(Sample s) {
        return new double[] {s.weightedSum() / (size * s.totalWeight)};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double p = theta[0];
        double successes = s.weightedSum();
        return new double[] {successes / p - (size * s.totalWeight - successes) / (1 - p)};
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double p = theta[0];
        double successes = s.weightedSum();
        return new double[][] {{-successes / (p * p) - (size * s.totalWeight - successes) / ((1 - p) * (1 - p))}};
    }

    @Override
    double[][] covariance(double[] theta, Sample s) {
        double p = theta[0];
        return diagonal(p * (1 - p) / (size * s.totalWeight));
    }

    @Override
    public String toString() {
        return name() + "(size=" + size + ")" + parameterNames();
    }
}
