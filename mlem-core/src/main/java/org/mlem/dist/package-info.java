/**
 * Probability distribution families and their weighted maximum-likelihood fits.
 *
 * <p>Each {@link org.mlem.dist.UnivariateFamily} gives log density or mass, cdf, a sampler driven
 * by a caller-supplied {@link java.util.random.RandomGenerator}, and a weighted MLE
 * ({@link org.mlem.dist.UnivariateFamily#fitWeighted(double[], double[])}) that accepts arbitrary
 * non-negative real weights, so it doubles as the M-step of a mixture or hidden Markov model of that
 * family. Parameter names and parameterisations are R's ({@code dnorm}, {@code dgamma},
 * {@code dnbinom}, ...). Look families up by name with {@link org.mlem.dist.Families#byName(String)}.
 *
 * <p>Multivariate: {@link org.mlem.dist.MultivariateNormalFamily} (full or diagonal covariance)
 * and {@link org.mlem.dist.MultinomialFamily}.
 */
package org.mlem.dist;
