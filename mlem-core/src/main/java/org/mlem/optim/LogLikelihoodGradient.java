package org.mlem.optim;

/** The gradient ∂ℓ/∂θ on the original scale, one entry per parameter. */
@FunctionalInterface
public interface LogLikelihoodGradient {
    double[] at(double[] theta);
}
