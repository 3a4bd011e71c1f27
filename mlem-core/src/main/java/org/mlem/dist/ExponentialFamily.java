package org.mlem.dist;

import java.util.random.RandomGenerator;

/**
 * The exponential family, R's {@code dexp(x, rate)}: density λe^{−λx} with {@code rate} λ > 0;
 * support x ≥ 0.
 *
 * <p>Estimator: closed form λ̂ = Σw/Σwx; standard error λ̂/√n.
 */
public final class ExponentialFamily extends UnivariateFamily {
    ExponentialFamily() {
        super("exponential", Support.NON_NEGATIVE, "rate");
    }

    @Override
    void checkParameters(double[] theta) {
        requirePositive(theta, 0);
    }

    @Override
    double logDensity(double[] theta, double x) {
        return x < 0 ? Double.NEGATIVE_INFINITY : Math.log(theta[0]) - theta[0] * x;
    }

    @Override
    double cdf(double[] theta, double x) {
        return x <= 0 ? 0 : -Math.expm1(-theta[0] * x);
    }

    @Override
    double survival(double[] theta, double x) {
        return x <= 0 ? 1 : Math.exp(-theta[0] * x);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        return rng.nextExponential() / theta[0];
    }

    @Override
    double[] estimate(Sample s) {
        double sum = s.weightedSum();
        if (!(sum > 0)) {
            throw new org.mlem.MlemUserException("all values (of positive weight) are 0, so the exponential family's "
                    + "rate MLE is infinite; a column of zeros cannot be fitted by this family");
        }
        return new double[] {s.totalWeight / sum};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        return new double[] {s.totalWeight / theta[0] - s.weightedSum()};
    }

    @Override
    public boolean hasCdfGradient() {
        return true;
    }

    @Override
    public void densityScore(double[] theta, double x, double[] out) {
        out[0] = 1 / theta[0] - x;
    }

    /** ∂F/∂rate = x e^(−rate x); 0 for x ≤ 0. */
    @Override
    public void cdfGradient(double[] theta, double x, double[] out) {
        out[0] = x <= 0 ? 0 : x * Math.exp(-theta[0] * x);
    }

    @Override
    public boolean hasCdfHessian() {
        return true;
    }

    @Override
    public void densityHessian(double[] theta, double x, double[] out) {
        out[0] = -1 / (theta[0] * theta[0]);
    }

    /** ∂²F/∂rate² = −x² e^(−rate x); 0 for x ≤ 0. */
    @Override
    public void cdfHessian(double[] theta, double x, double[] out) {
        out[0] = x <= 0 ? 0 : -x * x * Math.exp(-theta[0] * x);
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        return new double[][] {{-s.totalWeight / (theta[0] * theta[0])}};
    }
}
