package org.mlem.spark;

import java.io.Serializable;
import java.util.function.DoubleConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlem.data.Block;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.Stats;

/**
 * Runs any mlem {@link LatentModel} on Spark: the E-step on every cached partition's blocks
 * (in block order), the statistics merged by {@code treeAggregate} along a fixed tree of the
 * partitions ({@link FixedTreeMerge}), the M-step and the convergence test on the driver by
 * mlem's own {@link EmDriver}, so the loop is the single-machine loop. Parameters are broadcast
 * once per iteration.
 *
 * <p>The model, its parameters and its statistics must be {@link Serializable}.
 *
 * @param <P> parameters
 * @param <S> sufficient statistics
 */
public final class LatentModelFitter<P, S extends Stats<S>> {

    /** Fresh statistics for one partition; runs on an executor. */
    @FunctionalInterface
    public interface EmptyStats<T> extends Serializable {
        T create();
    }

    /** Work on one block; returns its log-likelihood. Runs on an executor. */
    @FunctionalInterface
    public interface BlockWork<T> extends Serializable {
        double accumulate(Block block, T into);
    }

    private final LatentModel<P, S> model;
    private final DistributedData data;
    private final int depth;

    /**
     * @param depth {@code treeAggregate}'s depth (Spark's {@code aggregationDepth}), at least 1
     */
    public LatentModelFitter(LatentModel<P, S> model, DistributedData data, int depth) {
        if (!(model instanceof Serializable)) {
            throw new IllegalArgumentException(model.getClass().getName() + " must be Serializable to run on Spark");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("aggregation depth must be at least 1, got " + depth);
        }
        this.model = model;
        this.data = data;
        this.depth = depth;
    }

    /** The model. */
    public LatentModel<P, S> model() {
        return model;
    }

    /** The data. */
    public DistributedData data() {
        return data;
    }

    /** EM from {@code start}, by {@link EmDriver}'s rule. */
    public EmRun<P> run(P start, EmOptions options, DoubleConsumer progress) {
        return EmDriver.run(model, this::eStep, data.totalWeight(), start, options, progress);
    }

    /** One E-step over all partitions under {@code params}: merged statistics and total log-likelihood. */
    public BlockReducer.Result<S> eStep(P params) {
        LatentModel<P, S> m = model;
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.blocks().context());
        Broadcast<P> bc = sc.broadcast(params);
        try {
            return reduce(() -> m.emptyStats(bc.value()), (block, into) -> m.accumulate(bc.value(), block, into));
        } finally {
            bc.destroy();
        }
    }

    /** Runs {@code work} on every block, each partition into its own {@code empty()} statistics, merged in the fixed tree. */
    public <T extends Stats<T>> BlockReducer.Result<T> reduce(EmptyStats<T> empty, BlockWork<T> work) {
        return reduce(data, depth, empty, work);
    }

    /** {@link #reduce(EmptyStats, BlockWork)} over {@code data} with {@code treeAggregate}'s {@code depth}. */
    static <T extends Stats<T>> BlockReducer.Result<T> reduce(DistributedData data, int depth, EmptyStats<T> empty,
            BlockWork<T> work) {
        int leaves = data.partitions();
        FixedTreeMerge<T> merged = data.blocks().treeAggregate(new FixedTreeMerge<T>(leaves), (tree, part) -> {
            T stats = empty.create();
            double ll = 0;
            for (int b = 0; b < part.blockCount(); b++) {
                ll += work.accumulate(part.block(b), stats);
            }
            return tree.add(part.partition(), stats, ll);
        }, FixedTreeMerge::combine, depth);
        return merged.result();
    }
}
