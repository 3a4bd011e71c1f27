package org.mlem.uncertainty;

/** How bootstrap data sets are drawn. */
public enum BootstrapKind {
    /** Rows resampled with replacement (Efron 1979): each replicate is the data with multinomial frequency weights. */
    NONPARAMETRIC,
    /** Rows simulated from the fitted model (the parametric bootstrap). */
    PARAMETRIC
}
