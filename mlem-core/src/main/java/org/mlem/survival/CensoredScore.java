package org.mlem.survival;

import java.util.Arrays;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.UnivariateFamily;

/**
 * The weighted censored log-likelihood of {@link CensoredFit} (no truncation) with its analytic
 * gradient, and Hessian where the family has one, in one pass over the rows, for a family with
 * {@link UnivariateFamily#hasCdfGradient()}. An exact row adds w ∂log f(x)/∂θ; a censored row
 * (l, u], with P = P(l &lt; X ≤ u) from {@link CensoredFit#mass} (the tail that keeps its digits) and
 * D = ∂F(u) − ∂F(l) (an open end contributing 0), adds w D/P, and to the Hessian
 * w ((∂²F(u) − ∂²F(l))/P − D Dᵀ/P²). The value is {@link CensoredFit#logLikelihood}'s, the same sum
 * in the same order. The last θ is remembered, so an optimiser's value, gradient and Hessian calls
 * at one point cost one pass.
 */
final class CensoredScore {
    private final UnivariateFamily family;
    private final double[] lower;
    private final double[] upper;
    private final double[] weights;
    private final int p;
    private final double[] atLower;
    private final double[] atUpper;
    private final double[] secondLower;
    private final double[] secondUpper;
    private double[] theta;
    private boolean withHessian;
    private double value;
    private double[] gradient;
    private double[] hessian;

    CensoredScore(UnivariateFamily family, double[] lower, double[] upper, double[] weights) {
        this.family = family;
        this.lower = lower;
        this.upper = upper;
        this.weights = weights;
        this.p = family.parameterNames().size();
        this.atLower = new double[p];
        this.atUpper = new double[p];
        this.secondLower = new double[p * p];
        this.secondUpper = new double[p * p];
    }

    /** ℓ(θ), −∞ outside the parameter space or where a row has probability 0. */
    double value(double[] at) {
        evaluate(at, false);
        return value;
    }

    /** ∂ℓ/∂θ at θ (NaN where ℓ is not finite). */
    double[] gradient(double[] at) {
        evaluate(at, false);
        return gradient.clone();
    }

    /** ∂²ℓ/∂θ∂θᵀ at θ, p x p row-major (NaN where ℓ is not finite); needs {@link UnivariateFamily#hasCdfHessian()}. */
    double[] hessian(double[] at) {
        evaluate(at, true);
        return hessian.clone();
    }

    private void evaluate(double[] at, boolean second) {
        if (theta != null && Arrays.equals(theta, at) && (withHessian || !second)) {
            return;
        }
        theta = at.clone();
        withHessian = second;
        gradient = new double[p];
        hessian = second ? new double[p * p] : null;
        Distribution d;
        try {
            d = family.of(theta);
        } catch (MlemUserException outsideParameterSpace) {
            notFinite(Double.NEGATIVE_INFINITY);
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
                exactRow(w, lo);
            } else {
                double mass = CensoredFit.mass(d, lo, hi);
                ll += w * Math.log(mass);
                censoredRow(w, lo, hi, mass);
            }
        }
        if (!Double.isFinite(ll)) {
            notFinite(ll);
            return;
        }
        value = ll;
    }

    private void exactRow(double w, double x) {
        family.densityScore(theta, x, atLower);
        for (int j = 0; j < p; j++) {
            gradient[j] += w * atLower[j];
        }
        if (hessian != null) {
            family.densityHessian(theta, x, secondLower);
            for (int j = 0; j < p * p; j++) {
                hessian[j] += w * secondLower[j];
            }
        }
    }

    private void censoredRow(double w, double lo, double hi, double mass) {
        boolean hasLower = Double.isFinite(lo);
        boolean hasUpper = Double.isFinite(hi);
        if (hasLower) {
            family.cdfGradient(theta, lo, atLower);
        }
        if (hasUpper) {
            family.cdfGradient(theta, hi, atUpper);
        }
        for (int j = 0; j < p; j++) {
            atUpper[j] = (hasUpper ? atUpper[j] : 0) - (hasLower ? atLower[j] : 0);
            gradient[j] += w * atUpper[j] / mass;
        }
        if (hessian == null) {
            return;
        }
        if (hasLower) {
            family.cdfHessian(theta, lo, secondLower);
        }
        if (hasUpper) {
            family.cdfHessian(theta, hi, secondUpper);
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                int jk = j * p + k;
                double second = (hasUpper ? secondUpper[jk] : 0) - (hasLower ? secondLower[jk] : 0);
                hessian[jk] += w * (second / mass - atUpper[j] * atUpper[k] / (mass * mass));
            }
        }
    }

    private void notFinite(double ll) {
        value = ll;
        Arrays.fill(gradient, Double.NaN);
        if (hessian != null) {
            Arrays.fill(hessian, Double.NaN);
        }
    }
}
