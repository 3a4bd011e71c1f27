package org.mlem.model;

import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.GaussianMixtureEstimator;

/**
 * The estimators the {@code gmm} and {@code mixture} kinds fit with, for callers that run their
 * plain fit themselves (with a listener: a concomitant fit on Spark collects every start's end).
 */
public final class GmmEstimators {
    private GmmEstimators() {}

    /** The estimator {@code fit gmm} builds for {@code shape} and {@code extras} (no noise) on {@code data}. */
    public static GaussianMixtureEstimator of(DataMatrix data, BlockEmKind.Shape shape, BlockEmKind.Extras extras,
            EmOptions em, long seed) {
        return GmmEmKind.estimator(data, shape, extras, em, seed, false);
    }

    /** The estimator {@code fit mixture} (kind {@code mixture}) builds for {@code shape} over {@code d} columns. */
    public static org.mlem.mixture.ProductMixtureEstimator mixture(BlockEmKind.Shape shape, int d, EmOptions em) {
        return MixtureEmKind.estimator(shape, d).withEm(em);
    }
}
