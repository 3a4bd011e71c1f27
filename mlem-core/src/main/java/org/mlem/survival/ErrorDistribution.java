package org.mlem.survival;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Erf;

/**
 * The standardised error W of an accelerated-failure-time model, y = η + σW: its log density, the
 * first two derivatives of the log density, and both tails in log form (computed where they keep
 * their digits), as survreg's three base distributions.
 */
enum ErrorDistribution {
    /** The minimum extreme value: f(z) = exp(z − e^z), S(z) = exp(−e^z) (Weibull on the log scale). */
    EXTREME {
        @Override
        double logDensity(double z) {
            return z - Math.exp(z);
        }

        @Override
        double d1(double z) {
            return 1 - Math.exp(z);
        }

        @Override
        double d2(double z) {
            return -Math.exp(z);
        }

        @Override
        double logCdf(double z) {
            return Math.log(-Math.expm1(-Math.exp(z)));
        }

        @Override
        double logSurvival(double z) {
            return -Math.exp(z);
        }

        @Override
        double median() {
            return Math.log(Math.log(2));
        }

        @Override
        double quantile(double p) {
            return Math.log(-Math.log1p(-p));
        }

        @Override
        double sdPerScale() {
            return Math.PI / Math.sqrt(6);
        }
    },
    /** The standard logistic: F(z) = 1/(1 + e^−z). */
    LOGISTIC {
        @Override
        double logDensity(double z) {
            return logCdf(z) + logSurvival(z);
        }

        @Override
        double d1(double z) {
            return -Math.tanh(z / 2); // 1 − 2F(z)
        }

        @Override
        double d2(double z) {
            return -2 * Math.exp(logDensity(z));
        }

        @Override
        double logCdf(double z) {
            return -softplus(-z);
        }

        @Override
        double logSurvival(double z) {
            return -softplus(z);
        }

        @Override
        double median() {
            return 0;
        }

        @Override
        double quantile(double p) {
            return Math.log(p) - Math.log1p(-p);
        }

        @Override
        double sdPerScale() {
            return Math.PI / Math.sqrt(3);
        }
    },
    /** The standard normal. */
    NORMAL {
        private final double halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);

        @Override
        double logDensity(double z) {
            return -0.5 * z * z - halfLogTwoPi;
        }

        @Override
        double d1(double z) {
            return -z;
        }

        @Override
        double d2(double z) {
            return -1;
        }

        @Override
        double logCdf(double z) {
            return Math.log(0.5 * Erf.erfc(-z / Math.sqrt(2)));
        }

        @Override
        double logSurvival(double z) {
            return Math.log(0.5 * Erf.erfc(z / Math.sqrt(2)));
        }

        @Override
        double median() {
            return 0;
        }

        @Override
        double quantile(double p) {
            return STANDARD_NORMAL.inverseCumulativeProbability(p);
        }

        @Override
        double sdPerScale() {
            return 1;
        }
    };

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    abstract double logDensity(double z);

    /** d log f / dz. */
    abstract double d1(double z);

    /** d² log f / dz². */
    abstract double d2(double z);

    abstract double logCdf(double z);

    abstract double logSurvival(double z);

    abstract double median();

    /** The p-quantile of W, 0 &lt; p &lt; 1. */
    abstract double quantile(double p);

    /** The standard deviation of W (the start's scale is the residual sd divided by it). */
    abstract double sdPerScale();

    /** P(z1 &lt; W ≤ z2), from the tail where it keeps its digits. */
    double mass(double z1, double z2) {
        if (z1 > median()) {
            return Math.exp(logSurvival(z1)) - Math.exp(logSurvival(z2));
        }
        return Math.exp(logCdf(z2)) - Math.exp(logCdf(z1));
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
