package org.mlem.concomitant;

/**
 * A mixture whose weights depend on concomitant variables: the components of {@code M} (its own
 * weights are the mean responsibilities, for reporting) and the {@link Gating} that gives each row
 * its prior probabilities.
 *
 * @param <M> the mixture model
 */
public record ConcomitantMixture<M>(M components, Gating gating) {}
