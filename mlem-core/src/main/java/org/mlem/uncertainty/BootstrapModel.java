package org.mlem.uncertainty;

import java.util.List;

/**
 * What {@link Bootstrap} needs from a model over data of type {@code D}: rows of a matrix for the
 * mixtures and the normal, a formula frame for mixtures of regressions, sequences for hidden
 * Markov models. The data are made of units (rows, or sequences) that each carry a frequency
 * weight; the non-parametric bootstrap resamples units by giving them multinomial counts as
 * their frequency weights, and the parametric bootstrap simulates data from the fitted model.
 *
 * @param <D> the data type
 * @param <M> the fitted model type
 */
public interface BootstrapModel<D, M> {

    /** Names of the reported parameters of {@code fitted}, fit to {@code data}. */
    List<String> parameterNames(M fitted, D data);

    /**
     * Refits on {@code data} starting from {@code fitted}, on the calling thread only.
     *
     * @throws org.mlem.MlemUserException when the replicate cannot be fit (it is then counted as failed)
     */
    M refit(M fitted, D data, long seed);

    /** {@code replicate}'s parameters in the reported layout, its components matched to {@code fitted}'s. */
    double[] matchedParameters(M fitted, M replicate);

    /** The units resampled: rows, or sequences. */
    int units(D data);

    /** Whether the units carry frequency weights (else each counts 1). */
    boolean hasWeights(D data);

    /** Unit {@code u}'s frequency weight. */
    double unitWeight(D data, int u);

    /**
     * Why {@code data} cannot be resampled (one line for the user), or null when it can: a hidden
     * Markov model fit to a single sequence has only one unit to draw.
     */
    default String cannotResample(D data) {
        return null;
    }

    /** {@code data} with {@code counts[u]} as unit u's frequency weight (its own weight replaced). */
    D reweighted(D data, double[] counts);

    /**
     * Data simulated from {@code model} with a generator seeded by {@code seed}, shaped like
     * {@code data}; {@code draws} is the total frequency weight of {@code data} (the sample size of
     * models whose simulation draws rows afresh).
     */
    D simulate(M model, D data, int draws, long seed);
}
