package org.mlem.dist;

import java.util.random.RandomGenerator;

/**
 * The lognormal family, R's {@code dlnorm(x, meanlog, sdlog)}: log X is normal with mean
 * {@code meanlog} and sd {@code sdlog} > 0; support x > 0.
 *
 * <p>Estimator: the normal family's closed-form weighted MLE on log x (divisor Σw). The
 * information in (meanlog, sdlog) is the normal one on log x; the Jacobian term −Σw log x does not
 * depend on the parameters.
 */
public final class LogNormalFamily extends UnivariateFamily {
    private final NormalFamily normal = new NormalFamily();

    LogNormalFamily() {
        super("lognormal", Support.POSITIVE, "meanlog", "sdlog");
    }

    @Override
    void checkParameters(double[] theta) {
        requireFinite(theta, 0);
        requirePositive(theta, 1);
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!(x > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lx = Math.log(x);
        return normal.logDensity(theta, lx) - lx;
    }

    @Override
    double cdf(double[] theta, double x) {
        return x <= 0 ? 0 : normal.cdf(theta, Math.log(x));
    }

    @Override
    double survival(double[] theta, double x) {
        return x <= 0 ? 1 : normal.survival(theta, Math.log(x));
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        return Math.exp(normal.sample(theta, rng));
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "sdlog MLE would be 0");
        return normal.estimate(logs(s));
    }

    @Override
    double[] score(double[] theta, Sample s) {
        return normal.score(theta, logs(s));
    }

    @Override
    public boolean hasCdfGradient() {
        return true;
    }

    @Override
    public void densityScore(double[] theta, double x, double[] out) {
        normal.densityScore(theta, Math.log(x), out);
    }

    /** The normal family's on log x; 0 for x ≤ 0. */
    @Override
    public void cdfGradient(double[] theta, double x, double[] out) {
        if (x <= 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        normal.cdfGradient(theta, Math.log(x), out);
    }

    @Override
    public boolean hasCdfHessian() {
        return true;
    }

    @Override
    public void densityHessian(double[] theta, double x, double[] out) {
        normal.densityHessian(theta, Math.log(x), out);
    }

    /** The normal family's on log x; 0 for x ≤ 0. */
    @Override
    public void cdfHessian(double[] theta, double x, double[] out) {
        if (x <= 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        normal.cdfHessian(theta, Math.log(x), out);
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        return normal.hessian(theta, logs(s));
    }

    private static Sample logs(Sample s) {
        double[] lx = new double[s.x.length];
        for (int i = 0; i < lx.length; i++) {
            lx[i] = Math.log(s.x[i]);
        }
        return s.withValues(lx);
    }
}
