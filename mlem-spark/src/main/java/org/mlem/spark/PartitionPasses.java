package org.mlem.spark;

import org.mlem.em.RowPasses;
import org.mlem.em.Stats;

/**
 * {@link RowPasses} over the cached partitions: each pass one Spark job, the partitions' statistics
 * merged along the fixed tree ({@link LatentModelFitter#reduce}), so mlem-core computes a model's
 * data-dependent settings (mclust's default prior, a noise region) from a cluster's rows with the
 * code it runs on one machine.
 */
record PartitionPasses(DistributedData data, int depth) implements RowPasses {

    @Override
    public <T extends Stats<T>> T reduce(Empty<T> empty, Work<T> work) {
        return LatentModelFitter.reduce(data, depth, empty::create, (block, into) -> {
            work.add(block, into);
            return 0;
        }).stats();
    }

    @Override
    public double[] weightedMean() {
        return data.weightedMean();
    }
}
