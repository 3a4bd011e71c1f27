package org.mlem.spark;

import org.mlem.select.SelectableFamily;

/**
 * A {@link SelectableFamily} whose rows stay on the cluster: it computes each candidate's
 * {@link SelectableFamily.Assessment} over the partitions ({@link #assess}), so the posteriors and row
 * weights a driver-side assessment would read are never brought to the driver.
 */
interface ClusterSelectable<D, V, M> extends SelectableFamily<D, V, M> {

    /** Not used by selection ({@link #assess} runs on the partitions). */
    @Override
    default double[][] posterior(M model, D data) {
        throw new UnsupportedOperationException("posteriors of every row stay on the cluster; transform a fitted model");
    }

    /** Unused with {@link #assess}; the cluster's rows carry their own weights. */
    @Override
    default double[] rowWeights(D data) {
        throw new UnsupportedOperationException("row weights stay on the cluster");
    }

    @Override
    Assessment assess(M model, D data);
}
