package org.mlem.data;

/**
 * Where an iterative fit gets its rows from, one {@link Block} at a time: an in-memory matrix, a
 * file streamed from disk, a partition of a cluster. Blocks are numbered and always cut at the
 * same rows ({@link #BLOCK_ROWS} each, the last shorter), whatever the thread count, so that
 * statistics merged in block order give the same bits on any number of threads.
 */
public interface BlockSource {

    /** Rows per block for every source; a multiple of common SIMD widths. */
    int BLOCK_ROWS = 2048;

    /** Number of rows. */
    int rows();

    /** Values per row. */
    int cols();

    /** Sum of the rows' frequency weights (the row count when unweighted). */
    double totalWeight();

    /** Whether some rows carry known labels. */
    boolean hasLabels();

    /** Number of blocks, {@code ceil(rows / BLOCK_ROWS)}. */
    default int blockCount() {
        return (rows() + BLOCK_ROWS - 1) / BLOCK_ROWS;
    }

    /** Block {@code b}, rows {@code [b * BLOCK_ROWS, min(rows, (b + 1) * BLOCK_ROWS))}. */
    Block block(int b);
}
