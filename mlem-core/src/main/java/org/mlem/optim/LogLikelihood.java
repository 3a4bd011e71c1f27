package org.mlem.optim;

/** A log-likelihood ℓ(θ) of a parameter vector on its original scale; −∞ or NaN outside the support. */
@FunctionalInterface
public interface LogLikelihood {
    double value(double[] theta);
}
