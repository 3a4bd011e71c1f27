package org.mlem.bench;

import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.npy.NpyBlockSource;

/**
 * An unweighted, unlabelled in-memory table over one array, cut into blocks exactly as
 * {@link org.mlem.data.DataMatrix} cuts them; unlike {@code DataMatrix.of} it does not copy, so
 * the benchmark's memory is the data once.
 */
final class ArraySource implements BlockSource {
    private final double[] x;
    private final int rows;
    private final int cols;

    private ArraySource(double[] x, int rows, int cols) {
        this.x = x;
        this.rows = rows;
        this.cols = cols;
    }

    /** Reads a whole .npy table into memory. */
    static ArraySource load(NpyBlockSource file) {
        double[] x = new double[Math.multiplyExact(file.rows(), file.cols())];
        int step = 1 << 16;
        for (int first = 0; first < file.rows(); first += step) {
            int n = Math.min(step, file.rows() - first);
            file.readRows(first, n, x, first * file.cols());
        }
        return new ArraySource(x, file.rows(), file.cols());
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public double totalWeight() {
        return rows;
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public Block block(int b) {
        int first = b * BLOCK_ROWS;
        return new Block(x, null, null, first, Math.min(BLOCK_ROWS, rows - first), cols);
    }
}
