package org.mlem.online;

import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/** Blocks {@code [from, to)} of a source, as a source of their own: one mini-batch. */
final class BlockRange implements BlockSource {
    private final BlockSource source;
    private final int from;
    private final int to;
    private final int rows;

    BlockRange(BlockSource source, int from, int to) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.rows = Math.min(source.rows(), to * BLOCK_ROWS) - from * BLOCK_ROWS;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return source.cols();
    }

    @Override
    public double totalWeight() {
        double w = 0;
        for (int b = from; b < to; b++) {
            Block block = source.block(b);
            for (int i = 0; i < block.rows(); i++) {
                w += block.weight(i);
            }
        }
        return w;
    }

    @Override
    public boolean hasLabels() {
        return source.hasLabels();
    }

    @Override
    public int blockCount() {
        return to - from;
    }

    @Override
    public Block block(int b) {
        return source.block(from + b);
    }

    /** The rows copied into a matrix (weights kept), for drawing a start. */
    DataMatrix toMatrix() {
        int d = cols();
        double[] v = new double[rows * d];
        double[] w = new double[rows];
        int at = 0;
        for (int b = from; b < to; b++) {
            Block block = source.block(b);
            for (int i = 0; i < block.rows(); i++) {
                System.arraycopy(block.x(), block.offset(i), v, at * d, d);
                w[at++] = block.weight(i);
            }
        }
        return DataMatrix.of(v, rows, d, null).withWeights(w);
    }
}
