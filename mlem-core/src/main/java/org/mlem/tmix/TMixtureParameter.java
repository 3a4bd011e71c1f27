package org.mlem.tmix;

/** The parameter groups of a t mixture, for holding some of them fixed during a fit. */
public enum TMixtureParameter {
    /** The mixture weights π. */
    WEIGHTS,
    /** The component locations μ. */
    MEANS,
    /** The scale matrices Σ (with the values given, {@code regCovar} is not added again). */
    SCALES,
    /** The degrees of freedom ν. */
    DF
}
