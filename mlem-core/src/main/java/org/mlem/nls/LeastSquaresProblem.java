package org.mlem.nls;

/** Residuals r(θ) = y − f(θ) of n observations and the model's linearization at θ. */
interface LeastSquaresProblem {

    /** The number of observations n. */
    int observations();

    /** The residuals at θ, their sum of squares and (on demand) the linearization there. */
    Linearization at(double[] theta);

    /**
     * The norm of rounding noise in the residual vector, √n·ε·max|yᵢ|: below it the residuals'
     * component along the Jacobian's columns cannot be resolved.
     */
    double roundingLevel();
}
