package org.mlem.dist;

import java.util.random.RandomGenerator;

/**
 * The geometric family, R's {@code dgeom(x, prob)}: the number of failures before the first
 * success, mass p(1 − p)^x with {@code prob} 0 &lt; p ≤ 1; support x = 0, 1, 2, ...
 *
 * <p>Estimator: closed form p̂ = Σw / (Σw + Σwx) = 1/(1 + x̄); standard error √(p̂²(1 − p̂)/n),
 * the inverse observed information at the MLE (0 at p̂ = 1).
 */
public final class GeometricFamily extends UnivariateFamily {
    GeometricFamily() {
        super("geometric", Support.COUNT, "prob");
    }

    @Override
    String supportFix() {
        return COUNT_FIX;
    }

    @Override
    void checkParameters(double[] theta) {
        if (!(theta[0] > 0 && theta[0] <= 1)) {
            throw badParameter(name(), "prob", theta[0], "in (0, 1]");
        }
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!inSupport(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        return x == 0 ? Math.log(theta[0]) : Math.log(theta[0]) + x * Math.log1p(-theta[0]);
    }

    @Override
    double cdf(double[] theta, double x) {
        return x < 0 ? 0 : -Math.expm1((Math.floor(x) + 1) * Math.log1p(-theta[0]));
    }

    /** P(X &gt; x) = (1 − p)^(floor(x) + 1). */
    @Override
    double survival(double[] theta, double x) {
        return x < 0 ? 1 : Math.exp((Math.floor(x) + 1) * Math.log1p(-theta[0]));
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        return theta[0] == 1 ? 0 : Math.floor(rng.nextExponential() / -Math.log1p(-theta[0]));
    }

    @Override
    double[] estimate(Sample s) {
        return new double[] {s.totalWeight / (s.totalWeight + s.weightedSum())};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double p = theta[0];
        return new double[] {s.totalWeight / p - s.weightedSum() / (1 - p)};
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double p = theta[0];
        return new double[][] {{-s.totalWeight / (p * p) - s.weightedSum() / ((1 - p) * (1 - p))}};
    }

    @Override
    double[][] covariance(double[] theta, Sample s) {
        double p = theta[0];
        return diagonal(p * p * (1 - p) / s.totalWeight);
    }
}
