package org.mlem.em;

import java.io.Serializable;
import org.mlem.data.Block;

/**
 * Passes over rows held anywhere (in memory, a cluster's cached partitions), each folding the
 * blocks into mergeable statistics: what a model's data-dependent settings (mclust's default prior,
 * a noise component's region) are computed from, so that a single machine and a cluster compute
 * them with the same code. The functions run where the rows are, so they are serialisable.
 */
public interface RowPasses {

    /** Fresh statistics for one part of the rows. */
    @FunctionalInterface
    interface Empty<T> extends Serializable {
        T create();
    }

    /** Adds one block's rows into {@code into}. */
    @FunctionalInterface
    interface Work<T> extends Serializable {
        void add(Block block, T into);
    }

    /** Folds every block into statistics, merged in a fixed order of the parts. */
    <T extends Stats<T>> T reduce(Empty<T> empty, Work<T> work);

    /** The rows' weighted mean (a shift that keeps moment sums from cancelling). */
    double[] weightedMean();

    /** Passes over rows in memory, block by block in order on one thread. */
    static RowPasses of(org.mlem.data.DataMatrix data) {
        return new RowPasses() {
            @Override
            public <T extends Stats<T>> T reduce(Empty<T> empty, Work<T> work) {
                try (BlockReducer reducer = new BlockReducer(1)) {
                    return reducer.reduce(data, empty::create, (block, into) -> {
                        work.add(block, into);
                        return 0;
                    }).stats();
                }
            }

            @Override
            public double[] weightedMean() {
                double[] mean = new double[data.cols()];
                double total = 0;
                for (int i = 0; i < data.rows(); i++) {
                    double w = data.weight(i);
                    total += w;
                    for (int a = 0; a < mean.length; a++) {
                        mean[a] += w * data.get(i, a);
                    }
                }
                for (int a = 0; a < mean.length; a++) {
                    mean[a] /= total;
                }
                return mean;
            }
        };
    }
}
