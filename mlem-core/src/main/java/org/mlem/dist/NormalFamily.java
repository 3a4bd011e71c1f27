package org.mlem.dist;

import java.util.random.RandomGenerator;
import org.hipparchus.special.Erf;

/**
 * The normal family, R's {@code dnorm(x, mean, sd)}: parameters {@code mean} (μ) and {@code sd}
 * (σ > 0); support the real line.
 *
 * <p>Estimator: the closed-form weighted MLE μ̂ = Σwx/Σw and σ̂² = Σw(x − μ̂)²/Σw (divisor Σw, as
 * {@code MASS::fitdistr}, not the unbiased n − 1). Standard errors σ̂/√n and σ̂/√(2n) (observed
 * information, which at the MLE equals the expected).
 */
public final class NormalFamily extends UnivariateFamily {
    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    NormalFamily() {
        super("normal", Support.REAL, "mean", "sd");
    }

    @Override
    void checkParameters(double[] theta) {
        requireFinite(theta, 0);
        requirePositive(theta, 1);
    }

    @Override
    double logDensity(double[] theta, double x) {
        double z = (x - theta[0]) / theta[1];
        return -0.5 * z * z - Math.log(theta[1]) - LOG_SQRT_2PI;
    }

    @Override
    double cdf(double[] theta, double x) {
        return 0.5 * Erf.erfc(-(x - theta[0]) / (theta[1] * Math.sqrt(2)));
    }

    @Override
    double survival(double[] theta, double x) {
        return 0.5 * Erf.erfc((x - theta[0]) / (theta[1] * Math.sqrt(2)));
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        return theta[0] + theta[1] * rng.nextGaussian();
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "sd MLE would be 0");
        double m = s.mean();
        return new double[] {m, Math.sqrt(s.variance(m))};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double[] sums = centredSums(theta[0], s);
        double sd = theta[1];
        return new double[] {sums[0] / (sd * sd), -s.totalWeight / sd + sums[1] / (sd * sd * sd)};
    }

    @Override
    public boolean hasCdfGradient() {
        return true;
    }

    @Override
    public void densityScore(double[] theta, double x, double[] out) {
        double z = (x - theta[0]) / theta[1];
        out[0] = z / theta[1];
        out[1] = (z * z - 1) / theta[1];
    }

    /** ∂Φ(z)/∂μ = −φ(z)/σ, ∂Φ(z)/∂σ = −z φ(z)/σ with z = (x − μ)/σ. */
    @Override
    public void cdfGradient(double[] theta, double x, double[] out) {
        double z = (x - theta[0]) / theta[1];
        double phi = Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / theta[1];
        out[0] = -phi;
        out[1] = -z * phi;
    }

    @Override
    public boolean hasCdfHessian() {
        return true;
    }

    @Override
    public void densityHessian(double[] theta, double x, double[] out) {
        double z = (x - theta[0]) / theta[1];
        double s2 = theta[1] * theta[1];
        out[0] = -1 / s2;
        out[1] = -2 * z / s2;
        out[2] = out[1];
        out[3] = (1 - 3 * z * z) / s2;
    }

    /** With φ the standard density at z: (−zφ, (1 − z²)φ; ·, z(2 − z²)φ) / σ². */
    @Override
    public void cdfHessian(double[] theta, double x, double[] out) {
        double z = (x - theta[0]) / theta[1];
        double phi = Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / (theta[1] * theta[1]);
        out[0] = -z * phi;
        out[1] = (1 - z * z) * phi;
        out[2] = out[1];
        out[3] = z * (2 - z * z) * phi;
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double[] sums = centredSums(theta[0], s);
        double v = theta[1] * theta[1];
        double cross = -2 * sums[0] / (v * theta[1]);
        return new double[][] {
            {-s.totalWeight / v, cross},
            {cross, s.totalWeight / v - 3 * sums[1] / (v * v)}};
    }

    /** {Σw(x − μ), Σw(x − μ)²}. */
    private static double[] centredSums(double mu, Sample s) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < s.x.length; i++) {
            double d = s.x[i] - mu;
            s1 += s.w[i] * d;
            s2 += s.w[i] * d * d;
        }
        return new double[] {s1, s2};
    }
}
