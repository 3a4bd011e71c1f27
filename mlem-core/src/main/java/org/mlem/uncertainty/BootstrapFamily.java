package org.mlem.uncertainty;

import java.util.List;
import org.mlem.data.DataMatrix;

/**
 * A {@link BootstrapModel} whose data are the rows of a {@link DataMatrix}: Gaussian mixtures are
 * {@link GaussianBootstrapFamily}; t mixtures and product mixtures plug in here too. Parametric
 * replicates are N rows drawn afresh (N the total frequency weight), without weights.
 *
 * @param <M> the fitted model type
 */
public interface BootstrapFamily<M> extends BootstrapModel<DataMatrix, M> {

    /** Names of the reported parameters of models shaped like {@code fitted}. */
    List<String> parameterNames(M fitted, List<String> columns);

    /** n rows simulated from {@code model} with a generator seeded by {@code seed}. */
    DataMatrix simulate(M model, int n, long seed, List<String> columns);

    @Override
    default List<String> parameterNames(M fitted, DataMatrix data) {
        return parameterNames(fitted, data.columns());
    }

    @Override
    default int units(DataMatrix data) {
        return data.rows();
    }

    @Override
    default boolean hasWeights(DataMatrix data) {
        return data.hasWeights();
    }

    @Override
    default double unitWeight(DataMatrix data, int u) {
        return data.weight(u);
    }

    @Override
    default DataMatrix reweighted(DataMatrix data, double[] counts) {
        return data.withWeights(counts);
    }

    @Override
    default DataMatrix simulate(M model, DataMatrix data, int draws, long seed) {
        return simulate(model, draws, seed, data.columns());
    }
}
