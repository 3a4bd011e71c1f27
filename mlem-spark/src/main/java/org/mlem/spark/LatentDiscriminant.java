package org.mlem.spark;

import org.mlem.gmm.da.DiscriminantEstimator;

/**
 * A Gaussian discriminant model fitted on the cluster ({@link LatentMixture#discriminant}).
 *
 * @param model the Spark model: {@code transform} adds class probabilities and the most probable
 *     class; {@code write()} saves a {@code fit gmmda} model file as {@code model.json}
 * @param fit mlem-core's fit: the model, mclust's log-likelihood, BIC, and every candidate tried
 */
public record LatentDiscriminant(LatentMixtureModel model, DiscriminantEstimator.Fit fit) {}
