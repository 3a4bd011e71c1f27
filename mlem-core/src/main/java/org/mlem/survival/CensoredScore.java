package org.mlem.survival;

import java.util.Arrays;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.UnivariateFamily;

/**
 * The weighted censored log-likelihood of {@link CensoredFit} (no truncation) and its analytic
 * gradient in one pass over the rows, for a family with {@link UnivariateFamily#hasCdfGradient()}:
 * an exact row adds w ∂log f(x)/∂θ, a censored row (l, u] adds w (∂F(u)/∂θ − ∂F(l)/∂θ) / P(l &lt; X ≤ u),
 * the open ends contributing 0 and P from {@link CensoredFit#mass} (the tail that keeps its digits).
 * The value is {@link CensoredFit#logLikelihood}'s, the same sum in the same order. The last θ is
 * remembered, so the optimiser's value and gradient calls at one point cost one pass.
 */
final class CensoredScore {
    private final UnivariateFamily family;
    private final double[] lower;
    private final double[] upper;
    private final double[] weights;
    private final double[] rowGradient;
    private final double[] atUpper;
    private double[] theta;
    private double value;
    private double[] gradient;

    CensoredScore(UnivariateFamily family, double[] lower, double[] upper, double[] weights) {
        this.family = family;
        this.lower = lower;
        this.upper = upper;
        this.weights = weights;
        int p = family.parameterNames().size();
        this.rowGradient = new double[p];
        this.atUpper = new double[p];
    }

    /** ℓ(θ), −∞ outside the parameter space or where a row has probability 0. */
    double value(double[] at) {
        evaluate(at);
        return value;
    }

    /** ∂ℓ/∂θ at θ (NaN where ℓ is not finite). */
    double[] gradient(double[] at) {
        evaluate(at);
        return gradient.clone();
    }

    private void evaluate(double[] at) {
        if (theta != null && Arrays.equals(theta, at)) {
            return;
        }
        theta = at.clone();
        int p = theta.length;
        gradient = new double[p];
        Distribution d;
        try {
            d = family.of(theta);
        } catch (MlemUserException outsideParameterSpace) {
            value = Double.NEGATIVE_INFINITY;
            Arrays.fill(gradient, Double.NaN);
            return;
        }
        double ll = 0;
        for (int i = 0; i < lower.length; i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            double lo = lower[i];
            double hi = upper[i];
            if (lo == hi) {
                ll += w * d.logDensity(lo);
                family.densityScore(theta, lo, rowGradient);
                for (int j = 0; j < p; j++) {
                    gradient[j] += w * rowGradient[j];
                }
            } else {
                double mass = CensoredFit.mass(d, lo, hi);
                ll += w * Math.log(mass);
                boundGradient(lo, rowGradient);
                boundGradient(hi, atUpper);
                for (int j = 0; j < p; j++) {
                    gradient[j] += w * (atUpper[j] - rowGradient[j]) / mass;
                }
            }
        }
        value = ll;
        if (!Double.isFinite(ll)) {
            Arrays.fill(gradient, Double.NaN);
        }
    }

    /** ∂F(x)/∂θ, 0 at an open end. */
    private void boundGradient(double x, double[] out) {
        if (Double.isInfinite(x)) {
            Arrays.fill(out, 0);
        } else {
            family.cdfGradient(theta, x, out);
        }
    }
}
