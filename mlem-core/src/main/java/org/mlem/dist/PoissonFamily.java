package org.mlem.dist;

import java.util.random.RandomGenerator;
import org.hipparchus.special.Gamma;

/**
 * The Poisson family, R's {@code dpois(x, lambda)}: mass λ^x e^{−λ} / x! with {@code lambda}
 * λ ≥ 0; support x = 0, 1, 2, ...
 *
 * <p>Estimator: closed form λ̂ = Σwx/Σw; standard error √(λ̂/n), the inverse observed information
 * at the MLE (defined also at λ̂ = 0, where it is 0).
 */
public final class PoissonFamily extends UnivariateFamily {
    PoissonFamily() {
        super("poisson", Support.COUNT, "lambda");
    }

    @Override
    String supportFix() {
        return COUNT_FIX;
    }

    @Override
    void checkParameters(double[] theta) {
        requireNonNegative(theta, 0);
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!inSupport(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lambda = theta[0];
        if (x == 0) {
            return -lambda;
        }
        return x * Math.log(lambda) - lambda - LogFactorial.of(x);
    }

    @Override
    double cdf(double[] theta, double x) {
        return x < 0 ? 0 : Gamma.regularizedGammaQ(Math.floor(x) + 1, theta[0]);
    }

    /** P(X &gt; x) = P(floor(x) + 1, λ), the lower regularised gamma, with its digits in the upper tail. */
    @Override
    double survival(double[] theta, double x) {
        return x < 0 ? 1 : Gamma.regularizedGammaP(Math.floor(x) + 1, theta[0]);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double mode = Math.floor(theta[0]);
        return DiscreteSampler.sample(rng, mode, cdf(theta, mode), k -> logDensity(theta, k), MAX_COUNT);
    }

    @Override
    double[] estimate(Sample s) {
        return new double[] {s.mean()};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        return new double[] {s.weightedSum() / theta[0] - s.totalWeight};
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        return new double[][] {{-s.weightedSum() / (theta[0] * theta[0])}};
    }

    @Override
    double[][] covariance(double[] theta, Sample s) {
        return diagonal(theta[0] / s.totalWeight);
    }
}
