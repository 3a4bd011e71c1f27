package org.mlem.optim;

import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * A maximum-likelihood fit: estimates on the original scale, the maximised log-likelihood, an honest
 * convergence report, and the observed information −H (H the Hessian of ℓ at the estimate, on the
 * original scale). Standard errors are √diag((−H)⁻¹); they are NaN when −H is not positive definite
 * ({@link #informationPositiveDefinite()} false), e.g. at a boundary or a flat ridge.
 */
public final class MleFit {
    private final List<String> names;
    private final double[] estimates;
    private final double logLikelihood;
    private final boolean converged;
    private final String reason;
    private final int iterations;
    private final double gradientNorm;
    private final double[][] hessian;
    private final double[][] covariance;
    private final int starts;
    private final double confidenceLevel;

    MleFit(List<String> names, double[] estimates, double logLikelihood, boolean converged, String reason,
            int iterations, double gradientNorm, double[][] hessian, double[][] covariance, int starts,
            double confidenceLevel) {
        this.names = List.copyOf(names);
        this.estimates = estimates.clone();
        this.logLikelihood = logLikelihood;
        this.converged = converged;
        this.reason = reason;
        this.iterations = iterations;
        this.gradientNorm = gradientNorm;
        this.hessian = copy(hessian);
        this.covariance = copy(covariance);
        this.starts = starts;
        this.confidenceLevel = confidenceLevel;
    }

    /** Parameter names, in the order given. */
    public List<String> names() {
        return names;
    }

    /** The estimates θ̂ on the original scale. */
    public double[] estimates() {
        return estimates.clone();
    }

    /** One estimate by name. */
    public double estimate(String name) {
        return estimates[index(name)];
    }

    /** ℓ(θ̂). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** −2ℓ + 2p (lower is better). */
    public double aic() {
        return -2 * logLikelihood + 2 * estimates.length;
    }

    /** −2ℓ + p log n for n observations (lower is better). */
    public double bic(long observations) {
        return -2 * logLikelihood + estimates.length * Math.log(observations);
    }

    /** Whether the gradient criterion was met (on the best start). */
    public boolean converged() {
        return converged;
    }

    /** Why the optimiser stopped. */
    public String reason() {
        return reason;
    }

    /** L-BFGS iterations of the best start. */
    public int iterations() {
        return iterations;
    }

    /** max |∂ℓ/∂u| at the estimate, u the unconstrained scale the optimiser moved on. */
    public double gradientNorm() {
        return gradientNorm;
    }

    /** Number of starts tried. */
    public int starts() {
        return starts;
    }

    /** The Hessian of ℓ at θ̂ on the original scale (analytic when given, else central differences). */
    public double[][] hessian() {
        return copy(hessian);
    }

    /** (−H)⁻¹, the inverse observed information; NaN when −H is not positive definite. */
    public double[][] covariance() {
        return copy(covariance);
    }

    /** Whether −H was positive definite, so that standard errors exist. */
    public boolean informationPositiveDefinite() {
        return !Double.isNaN(covariance[0][0]);
    }

    /** √diag((−H)⁻¹). */
    public double[] standardErrors() {
        double[] se = new double[estimates.length];
        for (int j = 0; j < se.length; j++) {
            se[j] = Math.sqrt(covariance[j][j]);
        }
        return se;
    }

    /** One standard error by name. */
    public double standardError(String name) {
        int j = index(name);
        return Math.sqrt(covariance[j][j]);
    }

    /** The level of {@link #waldInterval(String)} (from the options). */
    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** θ̂ ± z·SE with z the normal quantile at (1 + level)/2; {lower, upper}. */
    public double[] waldInterval(String name) {
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidenceLevel / 2);
        int j = index(name);
        double se = Math.sqrt(covariance[j][j]);
        return new double[] {estimates[j] - z * se, estimates[j] + z * se};
    }

    int index(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + names);
        }
        return j;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
