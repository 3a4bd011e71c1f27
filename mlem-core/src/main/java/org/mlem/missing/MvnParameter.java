package org.mlem.missing;

/** The parameter groups of a multivariate normal, for holding one of them fixed during a fit. */
public enum MvnParameter {
    /** The mean μ. */
    MEAN,
    /** The covariance Σ. */
    COVARIANCE
}
