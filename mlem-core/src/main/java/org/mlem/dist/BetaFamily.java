package org.mlem.dist;

import org.mlem.special.SpecialFunctions;
import java.util.random.RandomGenerator;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The beta family, R's {@code dbeta(x, shape1, shape2)}: density x^{a−1}(1 − x)^{b−1} / B(a, b)
 * with {@code shape1} a &gt; 0 and {@code shape2} b &gt; 0; support 0 &lt; x &lt; 1.
 *
 * <p>Estimator: weighted MLE by damped Newton on the (concave) log-likelihood from the method of
 * moments start; the score equations are ψ(a) − ψ(a + b) = mean log x and ψ(b) − ψ(a + b) =
 * mean log(1 − x). The observed information Σw·[[ψ'(a) − ψ'(a+b), −ψ'(a+b)], [−ψ'(a+b),
 * ψ'(b) − ψ'(a+b)]] gives the standard errors.
 */
public final class BetaFamily extends UnivariateFamily {
    BetaFamily() {
        super("beta", Support.OPEN_UNIT, "shape1", "shape2");
    }

    @Override
    void checkParameters(double[] theta) {
        for (int j = 0; j < 2; j++) {
            requirePositive(theta, j);
        }
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!(x > 0 && x < 1)) {
            return Double.NEGATIVE_INFINITY;
        }
        return (theta[0] - 1) * Math.log(x) + (theta[1] - 1) * Math.log1p(-x) - Beta.logBeta(theta[0], theta[1]);
    }

    @Override
    double cdf(double[] theta, double x) {
        if (x <= 0) {
            return 0;
        }
        return x >= 1 ? 1 : regularizedBeta(x, theta[0], theta[1]);
    }

    /**
     * I_x(a, b), or NaN where Hipparchus's continued fraction diverges (shapes far beyond any fit's,
     * ~1e15, which an optimiser's trial step can reach: the optimisers take NaN as a point to back
     * away from, where the exception was an internal error).
     */
    private static double regularizedBeta(double x, double a, double b) {
        try {
            return Beta.regularizedBeta(x, a, b);
        } catch (org.hipparchus.exception.MathIllegalStateException e) {
            return Double.NaN;
        }
    }

    @Override
    double survival(double[] theta, double x) {
        if (x <= 0) {
            return 1;
        }
        return x >= 1 ? 0 : regularizedBeta(1 - x, theta[1], theta[0]);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double g1 = GammaFamily.standardGamma(theta[0], rng);
        double g2 = GammaFamily.standardGamma(theta[1], rng);
        return g1 / (g1 + g2);
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "shapes' MLE would be infinite");
        double m = s.mean();
        return fromMoments(m, s.variance(m), meanLogs(s), s.totalWeight);
    }

    /**
     * The MLE from the weighted mean m, the variance v about it, the mean logs {Σw log x / Σw,
     * Σw log(1 − x) / Σw} and the total weight w of data that are not constant (also the fit over a
     * cluster's partitions, {@link PartitionedDist}).
     */
    static double[] fromMoments(double m, double v, double[] logs, double w) {
        double common = m * (1 - m) / v - 1;
        double[] start = common > 0 ? new double[] {m * common, (1 - m) * common} : new double[] {1, 1};
        NewtonAscent.Objective f = new NewtonAscent.Objective() {
            @Override
            public boolean valid(double[] t) {
                return t[0] > 0 && t[1] > 0;
            }

            @Override
            public double value(double[] t) {
                return w * ((t[0] - 1) * logs[0] + (t[1] - 1) * logs[1] - Beta.logBeta(t[0], t[1]));
            }

            @Override
            public double[] gradient(double[] t) {
                return scoreFrom(t, logs, w);
            }

            @Override
            public double[][] hessian(double[] t) {
                return hessianFrom(t, w);
            }
        };
        return NewtonAscent.maximize(f, start, 200);
    }

    @Override
    double[] score(double[] theta, Sample s) {
        return scoreFrom(theta, meanLogs(s), s.totalWeight);
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        return hessianFrom(theta, s.totalWeight);
    }

    /** {Σw log x / Σw, Σw log(1 − x) / Σw}. */
    private static double[] meanLogs(Sample s) {
        double l1 = 0;
        double l2 = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (s.w[i] > 0) {
                l1 += s.w[i] * Math.log(s.x[i]);
                l2 += s.w[i] * Math.log1p(-s.x[i]);
            }
        }
        return new double[] {l1 / s.totalWeight, l2 / s.totalWeight};
    }

    private static double[] scoreFrom(double[] t, double[] logs, double w) {
        double dsum = SpecialFunctions.digamma(t[0] + t[1]);
        return new double[] {w * (dsum - SpecialFunctions.digamma(t[0]) + logs[0]), w * (dsum - SpecialFunctions.digamma(t[1]) + logs[1])};
    }

    private static double[][] hessianFrom(double[] t, double w) {
        double tsum = Gamma.trigamma(t[0] + t[1]);
        return new double[][] {
            {-w * (Gamma.trigamma(t[0]) - tsum), w * tsum},
            {w * tsum, -w * (Gamma.trigamma(t[1]) - tsum)}};
    }
}
