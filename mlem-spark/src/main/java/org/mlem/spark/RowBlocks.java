package org.mlem.spark;

import java.io.Serializable;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;

/**
 * The rows of one Spark partition as mlem's dense blocks: one flat row-major {@code double[]},
 * optional frequency weights and known labels, cut into {@link BlockSource#BLOCK_ROWS}-row
 * {@link Block}s. Built once per partition and cached, so every E-step of every restart reads
 * the same arrays.
 */
public final class RowBlocks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] x;
    private final double[] weights;
    private final int[] labels;
    private final int rows;
    private final int cols;
    private final PartitionSummary summary;

    RowBlocks(double[] x, double[] weights, int[] labels, int rows, int cols, PartitionSummary summary) {
        this.x = x;
        this.weights = weights;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.summary = summary;
    }

    /** Index of the partition these rows came from. */
    public int partition() {
        return summary.partition();
    }

    /** Rows kept (invalid rows dropped on request are not here). */
    public int rows() {
        return rows;
    }

    /** Number of blocks, {@code ceil(rows / BLOCK_ROWS)}; 0 for an empty partition. */
    public int blockCount() {
        return (rows + BlockSource.BLOCK_ROWS - 1) / BlockSource.BLOCK_ROWS;
    }

    /** Block {@code b}: rows {@code [b·BLOCK_ROWS, min(rows, (b+1)·BLOCK_ROWS))}. */
    public Block block(int b) {
        int start = b * BlockSource.BLOCK_ROWS;
        return new Block(x, weights, labels, start, Math.min(BlockSource.BLOCK_ROWS, rows - start), cols);
    }

    /** Every row as one block. */
    Block all() {
        return new Block(x, weights, labels, 0, rows, cols);
    }

    /** These rows with {@code w} as their frequency weights. */
    RowBlocks withWeights(double[] w) {
        return new RowBlocks(x, w, labels, rows, cols, summary);
    }

    /** These rows' weights and labels with {@code values} (row-major, the same shape) as their values. */
    RowBlocks withValues(double[] values) {
        return new RowBlocks(values, weights, labels, rows, cols, summary);
    }

    /** The rows as a matrix (values shared; no weights or labels), columns named x1..xd. */
    org.mlem.data.DataMatrix matrix() {
        return org.mlem.data.DataMatrix.of(x, rows, cols, null);
    }

    /** The rows' values, row by row (shared, not copied). */
    double[] values() {
        return x;
    }

    /** The rows' frequency weights (shared), or null when every row weighs 1. */
    double[] weightsOrNull() {
        return weights;
    }

    /** Row {@code i}'s values (shared array and offset are internal; this is a copy). */
    double[] row(int i) {
        return java.util.Arrays.copyOfRange(x, i * cols, (i + 1) * cols);
    }

    /** Frequency weight of row {@code i}. */
    double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** Known label of row {@code i}, or -1 when it is latent. */
    int label(int i) {
        return labels == null ? -1 : labels[i];
    }

    PartitionSummary summary() {
        return summary;
    }
}
