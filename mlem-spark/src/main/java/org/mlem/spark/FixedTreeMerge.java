package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.em.BlockReducer;
import org.mlem.em.Stats;

/**
 * Merges per-partition statistics along one fixed binary tree over the partition indices, in
 * whatever order Spark delivers them: partition 2i and 2i+1 merge (left into right's sibling,
 * lower index first), then their parents, and so on; a node without a sibling moves up unchanged.
 * Floating-point sums then depend only on the partitioning, never on task timing, so a refit
 * gives the same bits. Used as {@code treeAggregate}'s accumulator.
 */
final class FixedTreeMerge<S extends Stats<S>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private record Node<S>(S stats, double logLikelihood) implements Serializable {}

    private final int leaves;
    private final TreeMap<Long, Node<S>> pending = new TreeMap<>();

    FixedTreeMerge(int leaves) {
        this.leaves = leaves;
    }

    /** Adds partition {@code index}'s statistics. */
    FixedTreeMerge<S> add(int index, S stats, double logLikelihood) {
        insert(0, index, new Node<>(stats, logLikelihood));
        return this;
    }

    /** Adds every node of {@code other} (its partitions are disjoint from this one's). */
    FixedTreeMerge<S> combine(FixedTreeMerge<S> other) {
        for (Map.Entry<Long, Node<S>> e : new ArrayList<>(other.pending.entrySet())) {
            long key = e.getKey();
            insert((int) (key >>> 32), (int) key, e.getValue());
        }
        return this;
    }

    /** The root: statistics of every partition and their summed log-likelihood. */
    BlockReducer.Result<S> result() {
        if (pending.size() != 1 || width((int) (pending.firstKey() >>> 32)) != 1) {
            throw new IllegalStateException("statistics of " + leaves + " partitions incomplete: " + pending.keySet());
        }
        Node<S> root = pending.firstEntry().getValue();
        return new BlockReducer.Result<>(root.stats(), root.logLikelihood());
    }

    private void insert(int level, int index, Node<S> node) {
        while (width(level) > 1) {
            int sibling = index ^ 1;
            if (sibling < width(level)) {
                Node<S> other = pending.remove(key(level, sibling));
                if (other == null) {
                    break;
                }
                Node<S> left = index < sibling ? node : other;
                Node<S> right = index < sibling ? other : node;
                left.stats().merge(right.stats());
                node = new Node<>(left.stats(), left.logLikelihood() + right.logLikelihood());
            }
            level++;
            index >>= 1;
        }
        pending.put(key(level, index), node);
    }

    /** Nodes at {@code level}: {@code ceil(leaves / 2^level)}. */
    private int width(int level) {
        return ((leaves - 1) >> level) + 1;
    }

    private static long key(int level, int index) {
        return ((long) level << 32) | index;
    }
}
