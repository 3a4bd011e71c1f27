package org.mlem.select;

import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;

/**
 * A mixture family that {@link ModelSelection} can fit over a range of k and a list of variants
 * (for Gaussian mixtures the variants are covariance structures, for t mixtures free or fixed
 * degrees of freedom, for hidden Markov models the emission). A family plugs in by implementing
 * the first four methods.
 *
 * @param <D> the data the family fits: a {@link DataMatrix} for most, a formula frame for
 *     regression mixtures, sequences for hidden Markov models
 * @param <V> the variant type
 * @param <M> the fitted model type
 */
public interface SelectableFamily<D, V, M> {

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
    MixtureFit<M> fit(D data, int k, V variant, long seed);

    /**
     * As {@link #fit(Object, int, Object, long)}, telling {@code listener} of the iterations and, when
     * it is a {@link org.mlem.em.StartEnds}, of where each start ended (a family that does not
     * report them tells it nothing).
     */
    default MixtureFit<M> fit(D data, int k, V variant, long seed, org.mlem.em.EmListener listener) {
        return fit(data, k, variant, seed);
    }

    /**
     * Posterior component (or state) probabilities τ_ij of each row the fit used under {@code model},
     * n rows of k, in the order of {@link #rowWeights}.
     */
    double[][] posterior(M model, D data);

    /** The frequency weights of the rows {@link #posterior} covers, or null when every row counts once. */
    double[] rowWeights(D data);

    /**
     * What selection needs of a fitted candidate besides its fit.
     *
     * @param classificationLogLikelihood {@code Σ_i w_i log τ_{i,ẑ_i}} (ICL is BIC minus twice it)
     * @param degenerate the components the rows do not support
     */
    record Assessment(double classificationLogLikelihood, List<DegenerateComponent> degenerate) {}

    /**
     * {@link Assessment} of a fitted {@code model} on {@code data}: by default from the rows'
     * {@link #posterior} held in memory; a family whose rows are elsewhere (a cluster's partitions)
     * computes it there.
     */
    default Assessment assess(M model, D data) {
        double[][] posterior = posterior(model, data);
        return new Assessment(InformationCriteria.classificationLogLikelihood(posterior, rowWeights(data)),
                degenerateComponents(model, data, posterior));
    }

    /**
     * Checks {@code data} before any candidate is fit (rows to fit, finite cells).
     *
     * @throws org.mlem.MlemUserException for data no candidate could take
     */
    default void check(D data) {}

    /**
     * The components of a fitted {@code model} that {@code data} do not support; such a candidate
     * is never picked. None by default.
     */
    default List<DegenerateComponent> degenerateComponents(M model, D data, double[][] posterior) {
        return List.of();
    }

    /**
     * Checks that {@code variants} are distinct models on {@code data} (a family whose variants
     * coincide in some dimension says so); nothing by default.
     *
     * @throws org.mlem.MlemUserException when two variants are one model on this data
     */
    default void checkVariants(List<V> variants, D data) {}

    /**
     * This family with every fit stopped at the looser Aitken tolerance {@code tolerance}, for
     * {@link ModelSelection}'s first pass (a candidate whose ranking that pass settles is not run
     * further), or null when the family cannot (the default) or its own rule would not stop later
     * ({@link org.mlem.em.EmOptions#loosened}).
     */
    default SelectableFamily<D, V, M> loosened(double tolerance) {
        return null;
    }

    /**
     * How many starts each of this family's fits runs on {@code data}, the best kept; 1 by default.
     * {@link ModelSelection}'s first pass runs one ({@link #oneStart}) where this is more.
     */
    default int starts(D data) {
        return 1;
    }

    /**
     * This family with every fit run from its first start only, the very start (and the very
     * short runs choosing it) that starts its fits of several, so that start's end is a lower
     * bound on where the fit of several starts ends; null when the family cannot (the default).
     */
    default SelectableFamily<D, V, M> oneStart() {
        return null;
    }
}
