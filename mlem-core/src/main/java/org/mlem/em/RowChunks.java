package org.mlem.em;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-row values (k a row) that E-step blocks add as chunks tagged with their first row, merged by
 * concatenation and placed by row ({@link #toArray}): the statistics of a model whose M-step needs
 * every row's responsibilities (a regression mixture's weighted GLMs, a concomitant mixture's
 * gating). The placed array depends on no split or order of blocks, so fits are the same bits on
 * any thread count. Memory is n k doubles.
 */
public final class RowChunks {
    private record Chunk(int start, int rows, double[] values) {}

    private final int n;
    private final int k;
    private final List<Chunk> chunks = new ArrayList<>();

    /** Chunks for n rows of k values. */
    public RowChunks(int n, int k) {
        this.n = n;
        this.k = k;
    }

    /** Adds the values ({@code rows x k}, row-major) of rows {@code start .. start + rows - 1}. */
    public void add(int start, int rows, double[] values) {
        chunks.add(new Chunk(start, rows, values));
    }

    /** Adds {@code other}'s chunks to these. */
    public void merge(RowChunks other) {
        chunks.addAll(other.chunks);
    }

    /** The n x k values, row-major; every row must have been added exactly once. */
    public double[] toArray() {
        double[] r = new double[n * k];
        int covered = 0;
        for (Chunk c : chunks) {
            System.arraycopy(c.values, 0, r, c.start * k, c.rows * k);
            covered += c.rows;
        }
        if (covered != n) {
            throw new IllegalStateException("responsibilities cover " + covered + " of " + n + " rows");
        }
        return r;
    }
}
