package org.mlem.nls;

import java.util.List;

/**
 * A fitted nonlinear regression y = f(x; θ) + ε, ε ~ N(0, σ²/w), as R's {@code nls}.
 *
 * <p>Standard errors are R's: √diag(s² (JᵀJ)⁻¹) with s² = RSS/(n − p), J the (weighted) Jacobian at
 * the estimate, (JᵀJ)⁻¹ formed from the QR factor R of J as R⁻¹R⁻ᵀ. They are NaN when J is
 * numerically rank-deficient ({@link #singularGradient()}). The log-likelihood is R's
 * {@code logLik.nls}: the normal likelihood at the MLE variance RSS/N, N the number of rows with
 * positive weight; AIC and BIC count p + 1 parameters (σ included), lower is better.
 */
public final class NlsFit {
    private final List<String> parameterNames;
    private final double[] estimates;
    private final double[][] covariance;
    private final double residualSumOfSquares;
    private final int observations;
    private final double logLikelihood;
    private final int iterations;
    private final boolean converged;
    private final String message;
    private final double relativeOffset;
    private final double[] fitted;
    private final double[] residuals;

    NlsFit(List<String> parameterNames, double[] estimates, double[][] covariance,
            double residualSumOfSquares, int observations, double logLikelihood, int iterations,
            boolean converged, String message, double relativeOffset, double[] fitted,
            double[] residuals) {
        this.parameterNames = List.copyOf(parameterNames);
        this.estimates = estimates.clone();
        this.covariance = deepCopy(covariance);
        this.residualSumOfSquares = residualSumOfSquares;
        this.observations = observations;
        this.logLikelihood = logLikelihood;
        this.iterations = iterations;
        this.converged = converged;
        this.message = message;
        this.relativeOffset = relativeOffset;
        this.fitted = fitted.clone();
        this.residuals = residuals.clone();
    }

    /** Parameter names in the order of the starting values. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Estimates, in {@link #parameterNames()} order. */
    public double[] estimates() {
        return estimates.clone();
    }

    /** The estimate of one parameter. */
    public double estimate(String name) {
        return estimates[index(name)];
    }

    /** s²(JᵀJ)⁻¹, p×p (R's {@code vcov}); NaN entries when the gradient is singular. */
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    /** Standard errors √diag(covariance), in {@link #parameterNames()} order. */
    public double[] standardErrors() {
        double[] se = new double[estimates.length];
        for (int j = 0; j < se.length; j++) {
            se[j] = Math.sqrt(covariance[j][j]);
        }
        return se;
    }

    /** The standard error of one parameter. */
    public double standardError(String name) {
        int j = index(name);
        return Math.sqrt(covariance[j][j]);
    }

    /** True when the Jacobian at the estimate is rank-deficient, so standard errors are NaN. */
    public boolean singularGradient() {
        return Double.isNaN(covariance[0][0]);
    }

    /** Σ wᵢ (yᵢ − f(xᵢ; θ̂))², R's {@code deviance}. */
    public double residualSumOfSquares() {
        return residualSumOfSquares;
    }

    /** n − p. */
    public int dfResidual() {
        return observations - estimates.length;
    }

    /** s = √(RSS/(n − p)), R's {@code sigma} (the unbiased-variance estimate's root). */
    public double residualSd() {
        return Math.sqrt(residualSumOfSquares / dfResidual());
    }

    /** Number of observations n. */
    public int observations() {
        return observations;
    }

    /** The maximised normal log-likelihood, as R's {@code logLik.nls}. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** −2ℓ + 2(p + 1). */
    public double aic() {
        return -2 * logLikelihood + 2 * (estimates.length + 1);
    }

    /** −2ℓ + log(n)(p + 1). */
    public double bic() {
        return -2 * logLikelihood + Math.log(observations) * (estimates.length + 1);
    }

    /** Levenberg–Marquardt iterations used. */
    public int iterations() {
        return iterations;
    }

    /** Whether the relative-offset criterion was met. */
    public boolean converged() {
        return converged;
    }

    /** Why the iteration stopped, in words. */
    public String message() {
        return message;
    }

    /** Bates and Watts' relative offset at the estimate (the convergence criterion's value). */
    public double relativeOffset() {
        return relativeOffset;
    }

    /** f(xᵢ; θ̂) for every row. */
    public double[] fitted() {
        return fitted.clone();
    }

    /** Unweighted residuals yᵢ − f(xᵢ; θ̂) (on the response's scale, e.g. log(y)). */
    public double[] residuals() {
        return residuals.clone();
    }

    private int index(String name) {
        int j = parameterNames.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters are "
                    + parameterNames);
        }
        return j;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** One line: the estimates by name, the residual standard error and whether it converged. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("NlsFit[");
        List<String> names = parameterNames();
        double[] est = estimates();
        for (int i = 0; i < est.length; i++) {
            b.append(names.get(i)).append('=').append(est[i]).append(", ");
        }
        return b.append("residualSd=").append(residualSd()).append(", df=").append(dfResidual())
                .append(", converged=").append(converged()).append(']').toString();
    }
}
