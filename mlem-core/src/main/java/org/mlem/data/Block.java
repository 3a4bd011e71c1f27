package org.mlem.data;

/**
 * A run of consecutive rows handed to a model's E-step: a read-only view for kernels.
 *
 * <p>Row {@code i} of the block (0 &le; i &lt; rows) has its {@code cols} values at
 * {@code x[(start + i) * cols + j]}, its frequency weight at {@code weights[start + i]} (1 when
 * {@code weights} is null) and its known label at {@code labels[start + i]} (-1, or a null
 * {@code labels}, when the label is latent). Kernels read the arrays directly; nobody writes them.
 *
 * @param x row-major values, shared (it may hold more than the rows of the matrix it comes from)
 * @param weights per-row frequency weights, or null for all ones
 * @param labels per-row known component or state, -1 for latent, or null for all latent
 * @param start index of the block's first row in the arrays
 * @param rows rows in the block
 * @param cols values per row
 */
public record Block(double[] x, double[] weights, int[] labels, int start, int rows, int cols) implements java.io.Serializable {

    /** Offset in {@link #x()} of row {@code i}'s first value. */
    public int offset(int i) {
        return (start + i) * cols;
    }

    /** Frequency weight of row {@code i}. */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[start + i];
    }

    /** Known label of row {@code i}, or -1 when it is latent. */
    public int label(int i) {
        return labels == null ? -1 : labels[start + i];
    }
}
