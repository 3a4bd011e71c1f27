package org.mlem.model;

import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.GaussianMixtureEstimator;

/**
 * The Gaussian mixture estimator the {@code gmm} kind fits with, for callers that run its plain fit
 * themselves (with a listener: {@code fit gmm --concomitant} on Spark collects every start's end).
 */
public final class GmmEstimators {
    private GmmEstimators() {}

    /** The estimator {@code fit gmm} builds for {@code shape} and {@code extras} (no noise) on {@code data}. */
    public static GaussianMixtureEstimator of(DataMatrix data, BlockEmKind.Shape shape, BlockEmKind.Extras extras,
            EmOptions em, long seed) {
        return GmmEmKind.estimator(data, shape, extras, em, seed, false);
    }
}
