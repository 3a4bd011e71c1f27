package org.mlem.select;

import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;

/**
 * A mixture family that {@link ModelSelection} can fit over a range of k and a list of variants
 * (for Gaussian mixtures the variants are covariance structures). Other families plug in by
 * implementing these three methods.
 *
 * @param <V> the variant type
 * @param <M> the fitted model type
 */
public interface SelectableFamily<V, M> {

    /** The variant's name in reports and in seed derivation (for example {@code full}). */
    String variantName(V variant);

    /**
     * Fits k components in {@code variant} to {@code data} on the calling thread only (selection
     * runs candidates in parallel). The fit's {@link MixtureFit#nParameters()} and
     * {@link MixtureFit#totalWeight()} give BIC and AIC.
     *
     * @throws org.mlem.MlemUserException when this candidate cannot be fit (a collapsing
     *     component, fewer distinct rows than k); selection reports it in the candidate's row
     */
    MixtureFit<M> fit(DataMatrix data, int k, V variant, long seed);

    /** Posterior component probabilities τ_ij of each row of {@code data} under {@code model}, n rows of k. */
    double[][] posterior(M model, DataMatrix data);
}
