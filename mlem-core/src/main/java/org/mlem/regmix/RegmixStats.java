package org.mlem.regmix;

import org.mlem.em.RowChunks;
import org.mlem.em.Stats;

/**
 * The E-step's statistics for a mixture of regressions: each row's responsibilities, kept whole.
 *
 * <p>A GLM's weighted fit has no fixed-size sufficient statistics (IRLS revisits every row), so the
 * exact, simple choice is to keep the n x k responsibilities: each block adds its rows as one chunk
 * tagged with its first row ({@link RowChunks}), and {@link #responsibilities} places every chunk
 * at its rows. The result depends on no split or order of blocks, so fits are
 * the same bits on any thread count. Memory is n k doubles, the same as the data's order.
 */
final class RegmixStats implements Stats<RegmixStats> {
    private final RowChunks chunks;

    RegmixStats(int n, int k) {
        this.chunks = new RowChunks(n, k);
    }

    /** Adds the responsibilities ({@code rows x k}, row-major) of rows {@code start .. start + rows - 1}. */
    void add(int start, int rows, double[] resp) {
        chunks.add(start, rows, resp);
    }

    @Override
    public void merge(RegmixStats other) {
        chunks.merge(other.chunks);
    }

    /** The n x k responsibilities, row-major; every row must have been added exactly once. */
    double[] responsibilities() {
        return chunks.toArray();
    }

    /** Statistics of a hard assignment: row i belongs wholly to component {@code labels[i]}. */
    static RegmixStats hard(int[] labels, int k) {
        int n = labels.length;
        double[] r = new double[n * k];
        for (int i = 0; i < n; i++) {
            r[i * k + labels[i]] = 1;
        }
        RegmixStats s = new RegmixStats(n, k);
        s.add(0, n, r);
        return s;
    }
}
