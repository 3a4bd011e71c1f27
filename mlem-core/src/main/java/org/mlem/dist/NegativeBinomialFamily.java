package org.mlem.dist;

import org.mlem.special.SpecialFunctions;
import java.util.random.RandomGenerator;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.mlem.MlemUserException;

/**
 * The negative binomial family in R's mean parameterisation, {@code dnbinom(x, size, mu)}:
 * mass Γ(x + k)/(Γ(k) x!) (k/(k + μ))^k (μ/(k + μ))^x with {@code size} k > 0 and {@code mu}
 * μ ≥ 0; variance μ + μ²/k; support x = 0, 1, 2, ...
 *
 * <p>Estimator: weighted MLE. μ̂ = x̄ = Σwx/Σw in closed form; the size solves the profile score
 * Σw[ψ(x + k) − ψ(k)] + Σw·log(k/(k + x̄)) = 0 by bracketing and Newton in log k from the moment
 * start x̄²/(s² − x̄). A finite MLE exists exactly when the data are overdispersed (weighted
 * variance, divisor Σw, above the mean); otherwise k̂ = ∞ (the Poisson), reported as a
 * {@link MlemUserException}. Standard errors from the analytic observed information.
 */
public final class NegativeBinomialFamily extends UnivariateFamily {
    NegativeBinomialFamily() {
        super("negbin", Support.COUNT, "size", "mu");
    }

    @Override
    String supportFix() {
        return COUNT_FIX;
    }

    @Override
    void checkParameters(double[] theta) {
        requirePositive(theta, 0);
        requireNonNegative(theta, 1);
    }

    @Override
    double logDensity(double[] theta, double x) {
        if (!inSupport(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double k = theta[0];
        double mu = theta[1];
        double logSum = Math.log(k + mu);
        double ll = k * (Math.log(k) - logSum);
        if (x > 0) {
            ll += Gamma.logGamma(x + k) - Gamma.logGamma(k) - LogFactorial.of(x) + x * (Math.log(mu) - logSum);
        }
        return ll;
    }

    @Override
    double cdf(double[] theta, double x) {
        double k = theta[0];
        return x < 0 ? 0 : Beta.regularizedBeta(k / (k + theta[1]), k, Math.floor(x) + 1);
    }

    /** P(X &gt; x) = I_{μ/(k+μ)}(floor(x) + 1, k), the cdf's complement without its cancellation. */
    @Override
    double survival(double[] theta, double x) {
        double k = theta[0];
        return x < 0 ? 1 : Beta.regularizedBeta(theta[1] / (k + theta[1]), Math.floor(x) + 1, k);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double k = theta[0];
        double mode = k > 1 ? Math.floor((k - 1) * theta[1] / k) : 0;
        return DiscreteSampler.sample(rng, mode, cdf(theta, mode), j -> logDensity(theta, j), MAX_COUNT);
    }

    /** Counts repeat a few values: Newton's digamma sums run over the distinct ones. */
    @Override
    boolean groupsEqualValues() {
        return true;
    }

    @Override
    double[] estimate(Sample s) {
        double mu = s.mean();
        double v = s.variance(mu);
        if (!(v > mu)) {
            throw new MlemUserException("the data are not overdispersed (weighted variance " + v + " <= mean " + mu
                    + "), so the negbin family's size has no finite MLE (it tends to the Poisson); fit the poisson family instead");
        }
        double w = s.totalWeight;
        Roots.Equation f = (t, out) -> {
            double k = Math.exp(t);
            double value = w * Math.log(k / (k + mu));
            double slope = w * (1 / k - 1 / (k + mu));
            for (int i = 0; i < s.x.length; i++) {
                if (s.w[i] > 0 && s.x[i] > 0) {
                    value += s.w[i] * (SpecialFunctions.digamma(s.x[i] + k) - SpecialFunctions.digamma(k));
                    slope += s.w[i] * (Gamma.trigamma(s.x[i] + k) - Gamma.trigamma(k));
                }
            }
            out[0] = value;
            out[1] = slope * k;
        };
        double t = Roots.solveMonotone(f, false, Math.log(mu * mu / (v - mu)), 0.5, -700, Math.log(1e15), 1e-14);
        if (Double.isNaN(t)) {
            throw new MlemUserException("the data are barely overdispersed (weighted variance " + v + ", mean " + mu
                    + "): the negbin family's size MLE exceeds 1e15; fit the poisson family instead");
        }
        return new double[] {Math.exp(t), mu};
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double k = theta[0];
        double mu = theta[1];
        double gk = 0;
        double gm = 0;
        for (int i = 0; i < s.x.length; i++) {
            double x = s.x[i];
            gk += s.w[i] * (SpecialFunctions.digamma(x + k) - SpecialFunctions.digamma(k) + Math.log(k / (k + mu)) + 1 - (k + x) / (k + mu));
            gm += s.w[i] * (x / mu - (k + x) / (k + mu));
        }
        return new double[] {gk, gm};
    }

    @Override
    double[][] hessian(double[] theta, Sample s) {
        double k = theta[0];
        double mu = theta[1];
        double km = k + mu;
        double hkk = 0;
        double hkm = 0;
        double hmm = 0;
        for (int i = 0; i < s.x.length; i++) {
            double x = s.x[i];
            double cross = -(mu - x) / (km * km);
            hkk += s.w[i] * (Gamma.trigamma(x + k) - Gamma.trigamma(k) + 1 / k - 1 / km + cross);
            hkm += s.w[i] * cross;
            hmm += s.w[i] * (-x / (mu * mu) + (k + x) / (km * km));
        }
        return new double[][] {{hkk, hkm}, {hkm, hmm}};
    }
}
