package org.mlem.data;

import java.util.Arrays;

/**
 * The numeric cells of a CSV table while it is read and after: one row-major {@code double[]},
 * {@code width} cells a row (every column of the file; a text column's slot is unused), so that
 * a model's matrix can be made from it in place ({@link CsvTable#matrix}) instead of beside it.
 *
 * <p>Its capacity is set from the rows the input is expected to hold (its size in bytes over the
 * bytes a row took so far, 2% over), so that a file of known size is read without a growing copy;
 * without an expectation (standard input) it grows by half. The array may stay longer than the
 * rows read (by at most an eighth, else {@link #trim} copies it).
 */
final class RowStore {
    private final int width;
    private double[] data;
    private boolean owned = true;

    RowStore(int width) {
        this.width = width;
        this.data = new double[0];
    }

    int width() {
        return width;
    }

    /** The array; a column reads cell {@code (i, j)} at {@code i * width + j}. */
    double[] data() {
        return data;
    }

    /**
     * Room for at least {@code rows} rows; {@code expectedRows} (or a non-positive number when
     * unknown) is what the whole input is thought to hold.
     */
    void ensure(int rows, long expectedRows, String source) {
        if ((long) rows * width <= data.length) {
            return;
        }
        long max = DataMatrix.MAX_VALUES / Math.max(1, width);
        if (rows > max) {
            DataMatrix.requireHoldable(rows, width, "convert the file to .npy (mlem convert) and fit that, which is read"
                    + " in blocks, or read fewer rows", source);
        }
        long grown = Math.max(1024, rows + (long) rows / 2);
        long want = expectedRows >= rows ? expectedRows + expectedRows / 50 + 1024 : grown;
        if (8 * want * width > Runtime.getRuntime().maxMemory() / 4 * 3) {
            want = grown;
        }
        int capacity = (int) Math.min(max, Math.max(rows, want));
        data = Arrays.copyOf(data, capacity * width);
    }

    /** Copies {@code n} rows of {@code width} cells from {@code rows} to row {@code at}. */
    void put(int at, double[] rows, int n) {
        System.arraycopy(rows, 0, data, at * width, n * width);
    }

    void set(int row, int column, double v) {
        data[row * width + column] = v;
    }

    double get(int row, int column) {
        return data[row * width + column];
    }

    /** Shortens the array to {@code rows} rows when it is more than an eighth too long. */
    void trim(int rows) {
        long need = (long) rows * width;
        if (data.length > need + need / 8 + 8L * width) {
            data = Arrays.copyOf(data, (int) need);
        }
    }

    /** Whether the table may still rearrange the array in place (no matrix has been given it). */
    boolean owned() {
        return owned;
    }

    /** The array, handed to a matrix or let go: from now on nobody rearranges it, and the store no longer holds it. */
    double[] release() {
        owned = false;
        double[] out = data;
        data = new double[0];
        return out;
    }
}
