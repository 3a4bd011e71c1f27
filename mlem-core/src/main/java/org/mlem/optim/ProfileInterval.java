package org.mlem.optim;

/**
 * A profile-likelihood interval: the parameter values where 2(ℓ̂ − ℓₚ) equals the χ²₁ quantile at
 * the level, ℓₚ maximising over the other parameters. When the profile never rises that far before
 * the parameter's domain ends, the end is the domain's bound (possibly infinite) and {@code ...Found}
 * is false.
 */
public record ProfileInterval(String name, double lower, double upper, boolean lowerFound,
        boolean upperFound, double level) {
}
