package org.mlem.gmm;

/** The parameter groups of a Gaussian mixture, for holding some of them fixed during a fit. */
public enum GmmParameter {
    /** The mixture weights π. */
    WEIGHTS,
    /** The component means μ. */
    MEANS,
    /** The covariances Σ (with the values given, {@code regCovar} is not added again). */
    COVARIANCES
}
