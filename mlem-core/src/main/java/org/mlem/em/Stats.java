package org.mlem.em;

/**
 * Sufficient statistics accumulated over rows. {@link #merge} is associative, so statistics of
 * any split of the rows (blocks, threads, files, cluster partitions) reduce to the same totals;
 * mlem merges in a fixed block order so that the bits do not depend on the split either.
 */
public interface Stats<S extends Stats<S>> {

    /** Adds {@code other}'s statistics into this one. */
    void merge(S other);
}
