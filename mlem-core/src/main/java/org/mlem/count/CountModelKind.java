package org.mlem.count;

/**
 * How the zeros are modelled. {@link #ZEROINFL}: a logit-probability pi of a structural zero mixed
 * with the count distribution (pscl::zeroinfl; the zero part's coefficients act on pi).
 * {@link #HURDLE}: a logit for y &gt; 0 and a zero-truncated count distribution for the positives
 * (pscl::hurdle with zero.dist = "binomial"; the zero part's coefficients act on P(y &gt; 0)).
 * {@link #PLAIN}: the count distribution alone (glm poisson / MASS::glm.nb), the model Vuong's test
 * compares against and the zero-inflated model with its inflation fixed at zero.
 */
public enum CountModelKind {
    ZEROINFL, HURDLE, PLAIN;

    /** Whether the model has a zero part (a second design matrix). */
    public boolean hasZeroPart() {
        return this != PLAIN;
    }
}
