package org.mlem.data.npy;

import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * An unweighted, unlabelled in-memory table stored in single precision ({@code float[]}, half the
 * memory of doubles), cut into blocks as {@link DataMatrix} cuts them. Each block is widened to
 * doubles when it is handed out (exactly: every float is a double), so the E- and M-steps run in
 * double precision on the values rounded to float once; only the storage is single precision. A fit
 * from it therefore differs from the double-precision fit only through that rounding of the data
 * (relative 2^-24 ≈ 6e-8 per value); docs/benchmarks.md gives the measured difference.
 */
public final class FloatRows implements BlockSource {
    private final float[] x;
    private final int rows;
    private final int cols;

    private FloatRows(float[] x, int rows, int cols) {
        this.x = x;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Every row of {@code source}, each value rounded to the nearest float.
     *
     * @throws IllegalArgumentException when {@code source} is weighted or labelled (not kept here)
     */
    public static FloatRows of(BlockSource source) {
        if (source.hasLabels()) {
            throw new IllegalArgumentException("single-precision rows keep no labels");
        }
        int d = source.cols();
        float[] x = new float[Math.multiplyExact(source.rows(), d)];
        int at = 0;
        for (int b = 0; b < source.blockCount(); b++) {
            Block block = source.block(b);
            for (int i = 0; i < block.rows(); i++) {
                if (block.weight(i) != 1.0) {
                    throw new IllegalArgumentException("single-precision rows keep no weights");
                }
                int off = block.offset(i);
                for (int a = 0; a < d; a++) {
                    x[at++] = (float) block.x()[off + a];
                }
            }
        }
        return new FloatRows(x, source.rows(), d);
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
        int n = Math.min(BLOCK_ROWS, rows - first);
        if (b < 0 || n <= 0) {
            throw new IndexOutOfBoundsException("block " + b + " of " + blockCount());
        }
        double[] v = new double[n * cols];
        int base = first * cols;
        for (int i = 0; i < v.length; i++) {
            v[i] = x[base + i];
        }
        return new Block(v, null, null, 0, n, cols);
    }
}
