package org.mlem.nls;

/** Residuals r(θ) = y − f(θ) of n observations and the n×p Jacobian ∂f/∂θ of the model. */
interface LeastSquaresProblem {

    /** Residuals y − f(θ); entries are NaN or infinite where θ is outside the model's domain. */
    double[] residuals(double[] theta);

    /** The Jacobian of the model f (not of the residuals), one row per observation. */
    double[][] jacobian(double[] theta);

    /**
     * The norm of rounding noise in the residual vector, √n·ε·max|yᵢ|: below it the residuals'
     * component along the Jacobian's columns cannot be resolved.
     */
    double roundingLevel();
}
