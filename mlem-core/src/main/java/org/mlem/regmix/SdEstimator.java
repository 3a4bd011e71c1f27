package org.mlem.regmix;

/** How a gaussian component's standard deviation is re-estimated in the M-step. */
public enum SdEstimator {
    /**
     * The maximum-likelihood estimate {@code sd_j^2 = sum_i r_ij e_ij^2 / sum_i r_ij} (r the
     * responsibilities times row weights, e the residuals): the exact M-step, so the
     * log-likelihood never decreases.
     */
    MLE,
    /**
     * flexmix's {@code FLXMRglm} estimate (flexmix 2.3): the MLE times {@code n / (n - p)}, n all rows
     * and p the model-matrix columns. Not an M-step, so EM's monotonicity is not guaranteed; offered to
     * reproduce flexmix's numbers.
     */
    FLEXMIX
}
