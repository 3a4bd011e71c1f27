package org.mlem.em;

/**
 * Marks an exception that ends one EM start, not the fit: a component or state that collapsed
 * (a covariance that is not positive definite, no weight left, no finite MLE for its data).
 * {@link Restarts#best} counts such a start as failed, with final log-likelihood −∞, and goes on
 * with the next; only when every start fails is the first failure thrown. Implementations are
 * user exceptions whose message names the component and the fix.
 */
public interface StartCollapse {}
