package org.mlem.optim;

/** The Hessian ∂²ℓ/∂θ∂θᵀ on the original scale, p×p symmetric. */
@FunctionalInterface
public interface LogLikelihoodHessian {
    double[][] at(double[] theta);
}
