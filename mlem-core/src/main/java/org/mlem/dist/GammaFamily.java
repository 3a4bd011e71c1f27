package org.mlem.dist;

import org.mlem.special.SpecialFunctions;
import java.util.random.RandomGenerator;
import org.hipparchus.special.Gamma;

/**
 * The gamma family, R's {@code dgamma(x, shape, rate)}: density β^α x^{α−1} e^{−βx} / Γ(α) with
 * {@code shape} α > 0 and {@code rate} β > 0; support x > 0.
 *
 * <p>Estimator: weighted MLE. The rate profiles out as β̂ = α/x̄ (x̄ = Σwx/Σw), leaving
 * log α − ψ(α) = log x̄ − Σw log x / Σw for the shape, solved in log α by bracketing and Newton
 * from Minka's closed-form start. The observed information is
 * Σw·[[ψ'(α), −1/β], [−1/β, α/β²]].
 */
public final class GammaFamily extends UnivariateFamily {
    GammaFamily() {
        super("gamma", Support.POSITIVE, "shape", "rate");
    }

    @Override
    void checkParameters(double[] theta) {
        requirePositive(theta, 0);
        requirePositive(theta, 1);
    }

    /**
     * From the sufficient statistics Σw, Σw·x and Σw·log x: {@code Σw (a log b − log Γ(a)) + (a − 1)
     * Σw log x − b Σw x}, so log Γ(a) is computed once, not per row (the values are in the support,
     * checked before).
     */
    @Override
    double logLikelihood(double[] theta, Sample s) {
        double a = theta[0];
        double b = theta[1];
        double w = s.totalWeight;
        return w * (a * Math.log(b) - Gamma.logGamma(a)) + (a - 1) * w * s.meanLog() - b * s.weightedSum();
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!(x > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = theta[0];
        double b = theta[1];
        return a * Math.log(b) - Gamma.logGamma(a) + (a - 1) * Math.log(x) - b * x;
    }

    @Override
    double cdf(double[] theta, double x) {
        return x <= 0 ? 0 : Gamma.regularizedGammaP(theta[0], theta[1] * x);
    }

    @Override
    double survival(double[] theta, double x) {
        return x <= 0 ? 1 : Gamma.regularizedGammaQ(theta[0], theta[1] * x);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        return standardGamma(theta[0], rng) / theta[1];
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "shape MLE would be infinite");
        double mean = s.mean();
        double gap = Math.log(mean) - s.meanLog();
        // Minka (2002), "Estimating a gamma distribution": a start within ~1.5% of the root.
        double start = (3 - gap + Math.sqrt((gap - 3) * (gap - 3) + 24 * gap)) / (12 * gap);
        Roots.Equation f = (t, out) -> {
            double a = Math.exp(t);
            out[0] = t - SpecialFunctions.digamma(a) - gap;
            out[1] = 1 - a * Gamma.trigamma(a);
        };
        double t = Roots.solveMonotone(f, false, Math.log(start), 0.5, -700, 700, 1e-15);
        double shape = Math.exp(t);
        return new double[] {shape, shape / mean};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double a = theta[0];
        double b = theta[1];
        double w = s.totalWeight;
        return new double[] {w * (Math.log(b) - SpecialFunctions.digamma(a)) + w * s.meanLog(), w * a / b - s.weightedSum()};
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double a = theta[0];
        double b = theta[1];
        double w = s.totalWeight;
        return new double[][] {{-w * Gamma.trigamma(a), w / b}, {w / b, -w * a / (b * b)}};
    }

    /**
     * A draw from the gamma with this shape and rate 1: Marsaglia and Tsang's squeeze method
     * (ACM TOMS 26, 2000) for shape ≥ 1, boosted by U^{1/α} below 1.
     */
    static double standardGamma(double shape, RandomGenerator rng) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return standardGamma(shape + 1, rng) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
