package org.mlem.concomitant;

import org.mlem.em.RowChunks;
import org.mlem.em.Stats;

/**
 * The E-step's statistics of a concomitant mixture: every row's responsibilities, placed by row
 * ({@link RowChunks}: the M-step sees the same bits on any thread count), and the parameters they
 * were taken under (the gating's Newton iteration starts from them).
 */
final class PosteriorStats<M> implements Stats<PosteriorStats<M>> {
    final ConcomitantMixture<M> under;
    private final RowChunks chunks;

    PosteriorStats(int n, int k, ConcomitantMixture<M> under) {
        this.chunks = new RowChunks(n, k);
        this.under = under;
    }

    void add(int start, int rows, double[] resp) {
        chunks.add(start, rows, resp);
    }

    @Override
    public void merge(PosteriorStats<M> other) {
        chunks.merge(other.chunks);
    }

    /** The n × k responsibilities, row-major. */
    double[] responsibilities() {
        return chunks.toArray();
    }
}
