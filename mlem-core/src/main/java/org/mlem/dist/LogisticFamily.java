package org.mlem.dist;

import java.util.random.RandomGenerator;

/**
 * The logistic family, R's {@code dlogis(x, location, scale)}: cdf 1/(1 + e^{−(x−m)/s}) with
 * {@code location} m and {@code scale} s > 0; support the real line.
 *
 * <p>Estimator: weighted MLE by damped Newton with the analytic Hessian, started at the weighted
 * mean and s = √3·sd/π. Standard errors from the analytic observed information.
 */
public final class LogisticFamily extends UnivariateFamily {
    LogisticFamily() {
        super("logistic", Support.REAL, "location", "scale");
    }

    @Override
    void checkParameters(double[] theta) {
        requireFinite(theta, 0);
        requirePositive(theta, 1);
    }

    @Override
    double logDensity(double[] theta, double x) {
        double z = Math.abs(x - theta[0]) / theta[1];
        // symmetric in z; this form never overflows
        return -z - 2 * Math.log1p(Math.exp(-z)) - Math.log(theta[1]);
    }

    @Override
    double cdf(double[] theta, double x) {
        return 1 / (1 + Math.exp(-(x - theta[0]) / theta[1]));
    }

    @Override
    double survival(double[] theta, double x) {
        return 1 / (1 + Math.exp((x - theta[0]) / theta[1]));
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double u = rng.nextDouble();
        while (u == 0) {
            u = rng.nextDouble();
        }
        return theta[0] + theta[1] * Math.log(u / (1 - u));
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "scale MLE would be 0");
        double m = s.mean();
        double[] start = {m, Math.sqrt(3 * s.variance(m)) / Math.PI};
        NewtonAscent.Objective f = new NewtonAscent.Objective() {
            @Override
            public boolean valid(double[] t) {
                return t[1] > 0;
            }

            @Override
            public double value(double[] t) {
                return logLikelihood(t, s);
            }

            @Override
            public double[] gradient(double[] t) {
                return score(t, s);
            }

            @Override
            public double[][] hessian(double[] t) {
                return LogisticFamily.this.hessian(t, s);
            }
        };
        return NewtonAscent.maximize(f, start, 500);
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double sc = theta[1];
        double gm = 0;
        double gs = 0;
        for (int i = 0; i < s.x.length; i++) {
            double z = (s.x[i] - theta[0]) / sc;
            double dz = -Math.tanh(0.5 * z);   // d log f / dz
            gm += s.w[i] * dz * (-1 / sc);
            gs += s.w[i] * (dz * (-z / sc) - 1 / sc);
        }
        return new double[] {gm, gs};
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double sc = theta[1];
        double hmm = 0;
        double hms = 0;
        double hss = 0;
        for (int i = 0; i < s.x.length; i++) {
            double z = (s.x[i] - theta[0]) / sc;
            double dz = -Math.tanh(0.5 * z);
            double p = 1 / (1 + Math.exp(-Math.abs(z)));
            double ddz = -2 * p * (1 - p);     // d² log f / dz²
            double zm = -1 / sc;
            double zs = -z / sc;
            hmm += s.w[i] * ddz * zm * zm;
            hms += s.w[i] * (ddz * zm * zs + dz / (sc * sc));
            hss += s.w[i] * (ddz * zs * zs + dz * 2 * z / (sc * sc) + 1 / (sc * sc));
        }
        return new double[][] {{hmm, hms}, {hms, hss}};
    }
}
