package org.mlem.spark;

import java.util.Arrays;

/** Picks rows by a hash of their global row number, so a sample is the same for any partitioning. */
final class RowSample {
    private RowSample() {}

    /**
     * The rows of {@code b} chosen at {@code rate}: {@code {values, weights, {partition}, labels}},
     * the labels as doubles (-1 for a latent row).
     *
     * @param offset kept rows in earlier partitions
     */
    static double[][] take(RowBlocks b, long offset, double rate, long seed) {
        int cols = b.rows() == 0 ? 0 : b.row(0).length;
        double[] x = new double[b.rows() * cols];
        double[] w = new double[b.rows()];
        double[] labels = new double[b.rows()];
        int n = 0;
        for (int i = 0; i < b.rows(); i++) {
            if (rate >= 1.0 || uniform(seed, offset + i) < rate) {
                System.arraycopy(b.row(i), 0, x, n * cols, cols);
                labels[n] = b.label(i);
                w[n++] = b.weight(i);
            }
        }
        return new double[][] {Arrays.copyOf(x, n * cols), Arrays.copyOf(w, n), {b.partition()}, Arrays.copyOf(labels, n)};
    }

    /** A uniform number in [0, 1) from SplitMix64's finaliser of {@code seed} and {@code row}. */
    static double uniform(long seed, long row) {
        long z = seed + (row + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
