package org.mlem.dist;

import java.util.random.RandomGenerator;

/**
 * The Weibull family, R's {@code dweibull(x, shape, scale)}: cdf 1 − exp(−(x/λ)^k) with
 * {@code shape} k > 0 and {@code scale} λ > 0; support x > 0.
 *
 * <p>Estimator: weighted MLE. The scale profiles out as λ̂^k = Σw x^k / Σw; the shape solves the
 * increasing profile score Σw x^k log x / Σw x^k − 1/k − Σw log x / Σw = 0, by bracketing and
 * Newton in log k (values are divided by their maximum first so x^k never overflows). Standard
 * errors from the analytic observed information.
 */
public final class WeibullFamily extends UnivariateFamily {
    WeibullFamily() {
        super("weibull", Support.POSITIVE, "shape", "scale");
    }

    @Override
    void checkParameters(double[] theta) {
        requirePositive(theta, 0);
        requirePositive(theta, 1);
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!(x > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double k = theta[0];
        double u = Math.log(x / theta[1]);
        return Math.log(k / theta[1]) + (k - 1) * u - Math.exp(k * u);
    }

    @Override
    double cdf(double[] theta, double x) {
        return x <= 0 ? 0 : -Math.expm1(-Math.pow(x / theta[1], theta[0]));
    }

    @Override
    double survival(double[] theta, double x) {
        return x <= 0 ? 1 : Math.exp(-Math.pow(x / theta[1], theta[0]));
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        return theta[1] * Math.pow(rng.nextExponential(), 1 / theta[0]);
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "shape MLE would be infinite");
        double max = s.max();
        double[] logY = new double[s.x.length];
        double meanLogY = 0;
        double varLogY = 0;
        for (int i = 0; i < logY.length; i++) {
            logY[i] = Math.log(s.x[i] / max);
            meanLogY += s.w[i] * logY[i];
        }
        meanLogY /= s.totalWeight;
        for (int i = 0; i < logY.length; i++) {
            varLogY += s.w[i] * (logY[i] - meanLogY) * (logY[i] - meanLogY);
        }
        varLogY /= s.totalWeight;
        final double centre = meanLogY;
        Roots.Equation f = (t, out) -> {
            double k = Math.exp(t);
            double[] m = tiltedMoments(k, logY, s.w);
            out[0] = m[1] - 1 / k - centre;
            out[1] = k * (m[2] - m[1] * m[1] + 1 / (k * k));
        };
        // log x of a Weibull has sd π/(k√6): the moment start for the shape.
        double start = Math.PI / Math.sqrt(6 * varLogY);
        double k = Math.exp(Roots.solveMonotone(f, true, Math.log(start), 0.5, -700, 700, 1e-15));
        double scale = max * Math.pow(tiltedMoments(k, logY, s.w)[0] / s.totalWeight, 1 / k);
        return new double[] {k, scale};
    }

    /** {Σw y^k, E[log y], E[log² y]} under the weights w·y^k, with y^k = exp(k log y). */
    private static double[] tiltedMoments(double k, double[] logY, double[] w) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < logY.length; i++) {
            double t = w[i] * Math.exp(k * logY[i]);
            s0 += t;
            s1 += t * logY[i];
            s2 += t * logY[i] * logY[i];
        }
        return new double[] {s0, s1 / s0, s2 / s0};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double k = theta[0];
        double lambda = theta[1];
        double gk = 0;
        double gl = 0;
        for (int i = 0; i < s.x.length; i++) {
            double u = Math.log(s.x[i] / lambda);
            double z = Math.exp(k * u);
            gk += s.w[i] * (1 / k + u - z * u);
            gl += s.w[i] * (k / lambda) * (z - 1);
        }
        return new double[] {gk, gl};
    }

    @Override
    public boolean hasCdfGradient() {
        return true;
    }

    @Override
    public void densityScore(double[] theta, double x, double[] out) {
        double k = theta[0];
        double u = Math.log(x / theta[1]);
        double z = Math.exp(k * u);
        out[0] = 1 / k + u - z * u;
        out[1] = (k / theta[1]) * (z - 1);
    }

    /**
     * With H = (x/λ)^k and S = e^(−H): ∂F/∂k = S H log(x/λ), ∂F/∂λ = −S H k/λ (through S, so the
     * upper tail keeps its digits); 0 for x ≤ 0.
     */
    @Override
    public void cdfGradient(double[] theta, double x, double[] out) {
        if (x <= 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double k = theta[0];
        double u = Math.log(x / theta[1]);
        double h = Math.exp(k * u);
        double sh = Math.exp(-h) * h;
        out[0] = sh * u;
        out[1] = -sh * k / theta[1];
    }

    @Override
    public boolean hasCdfHessian() {
        return true;
    }

    @Override
    public void densityHessian(double[] theta, double x, double[] out) {
        double k = theta[0];
        double lambda = theta[1];
        double u = Math.log(x / lambda);
        double z = Math.exp(k * u);
        out[0] = -1 / (k * k) - z * u * u;
        out[1] = (z - 1 + k * z * u) / lambda;
        out[2] = out[1];
        out[3] = -(k / (lambda * lambda)) * (z - 1 + k * z);
    }

    /**
     * ∂²F = S (∂²H − ∂H ∂Hᵀ) with H = (x/λ)^k, u = log(x/λ): ∂H = (H u, −H k/λ),
     * ∂²H = (H u², −H (k u + 1)/λ; ·, H k (k + 1)/λ²); 0 for x ≤ 0.
     */
    @Override
    public void cdfHessian(double[] theta, double x, double[] out) {
        if (x <= 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double k = theta[0];
        double lambda = theta[1];
        double u = Math.log(x / lambda);
        double h = Math.exp(k * u);
        double s = Math.exp(-h);
        double hk = h * u;
        double hl = -h * k / lambda;
        out[0] = s * (h * u * u - hk * hk);
        out[1] = s * (-h * (k * u + 1) / lambda - hk * hl);
        out[2] = out[1];
        out[3] = s * (h * k * (k + 1) / (lambda * lambda) - hl * hl);
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double k = theta[0];
        double lambda = theta[1];
        double hkk = 0;
        double hkl = 0;
        double hll = 0;
        for (int i = 0; i < s.x.length; i++) {
            double u = Math.log(s.x[i] / lambda);
            double z = Math.exp(k * u);
            hkk += s.w[i] * (-1 / (k * k) - z * u * u);
            hkl += s.w[i] * (z - 1 + k * z * u) / lambda;
            hll += s.w[i] * -(k / (lambda * lambda)) * (z - 1 + k * z);
        }
        return new double[][] {{hkk, hkl}, {hkl, hll}};
    }
}
