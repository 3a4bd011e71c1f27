package org.mlem.spark;

import org.mlem.gmm.da.CrossValidation;
import org.mlem.gmm.da.DiscriminantEstimator;

/**
 * A Gaussian discriminant model fitted on the cluster ({@link LatentMixture#discriminant}).
 *
 * @param model the Spark model: {@code transform} adds class probabilities and the most probable
 *     class; {@code write()} saves a {@code fit gmmda} model file as {@code model.json}
 * @param fit mlem-core's fit: the model, mclust's log-likelihood, BIC, and every candidate tried
 * @param crossValidation cvMclustDA's cross-validated error and Brier score with their standard
 *     errors ({@code fit gmmda --cv-folds K}), or null when not asked for
 */
public record LatentDiscriminant(LatentMixtureModel model, DiscriminantEstimator.Fit fit,
        CrossValidation.Summary crossValidation) {

    /** A fit without cross-validation. */
    public LatentDiscriminant(LatentMixtureModel model, DiscriminantEstimator.Fit fit) {
        this(model, fit, null);
    }
}
