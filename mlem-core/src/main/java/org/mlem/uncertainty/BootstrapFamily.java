package org.mlem.uncertainty;

import java.util.List;
import org.mlem.data.DataMatrix;

/**
 * What {@link Bootstrap} needs from a model family; Gaussian mixtures are
 * {@link GaussianBootstrapFamily}, other families plug in here.
 *
 * @param <M> the fitted model type
 */
public interface BootstrapFamily<M> {

    /** Names of the reported parameters of models shaped like {@code fitted}. */
    List<String> parameterNames(M fitted, List<String> columns);

    /**
     * Refits on {@code data} starting from {@code fitted}, on the calling thread only.
     *
     * @throws org.mlem.MlemUserException when the replicate cannot be fit (it is then counted as failed)
     */
    M refit(M fitted, DataMatrix data, long seed);

    /** {@code replicate}'s parameters in the reported layout, its components matched to {@code fitted}'s. */
    double[] matchedParameters(M fitted, M replicate);

    /** n rows simulated from {@code model} with a generator seeded by {@code seed}. */
    DataMatrix simulate(M model, int n, long seed, List<String> columns);
}
