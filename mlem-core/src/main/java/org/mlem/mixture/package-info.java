/**
 * Mixtures of any distribution family, fit by the one EM driver.
 *
 * <p>A component is a product of independent factors, each a {@link org.mlem.mixture.ColumnModel}:
 * one column of a {@link org.mlem.dist.UnivariateFamily} (poisson, exponential, gamma, lognormal,
 * weibull, normal, negbin, geometric, binomial, bernoulli, categorical, ...) or a multinomial over
 * count columns. One column is a univariate mixture; bernoulli (or categorical) columns are latent
 * class analysis; numeric, binary and count columns mix freely. Configure a
 * {@link org.mlem.mixture.ProductMixtureEstimator}, call {@code fit(data, seed)}, read the
 * {@link org.mlem.mixture.ProductMixture} in the returned {@link org.mlem.em.MixtureFit}.
 *
 * <p>The M-step of each factor of each component is its family's own weighted MLE, with the
 * responsibilities times the row weights as weights; the E-step therefore keeps the weights of
 * every row ({@link org.mlem.mixture.ProductMixtureStats} says why and what it costs). Weights,
 * labels for some rows, restarts, seeds, SQUAREM and thread-independent bits work as for the
 * Gaussian mixture; {@link org.mlem.mixture.FixedParameters} hold weights or whole components at
 * given values, bit for bit.
 */
package org.mlem.mixture;
