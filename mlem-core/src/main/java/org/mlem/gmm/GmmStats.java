package org.mlem.gmm;

import java.io.Serializable;
import org.mlem.data.Block;
import org.mlem.em.Stats;
import org.mlem.kernel.Kernels;

/**
 * Expected sufficient statistics of a Gaussian mixture: per component the weight sum
 * {@code n_k}, the first moment and the second moment (full d×d upper triangle, or the d squares)
 * of the rows about a fixed shift. The shift is the component's current mean, so the M-step
 * subtracts a small correction instead of a large {@code μμᵀ}, keeping every digit.
 */
public final class GmmStats implements Stats<GmmStats>, Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    final int d;
    final boolean cross;
    final double[] shift; // k × d, shared and never written
    final double[] nk;
    final double[] s1;
    final double[] s2;

    GmmStats(int k, int d, boolean cross, double[] shift) {
        this.k = k;
        this.d = d;
        this.cross = cross;
        this.shift = shift;
        this.nk = new double[k];
        this.s1 = new double[k * d];
        this.s2 = new double[cross ? k * d * d : k * d];
    }

    /**
     * Adds the block's rows with responsibilities {@code resp} (rows × k), times the rows' weights.
     *
     * @param scratch at least {@link Covariances#scratchSize(int)} doubles
     */
    void add(Block block, double[] resp, double[] scratch) {
        int xOff = block.offset(0);
        if (!cross) {
            Kernels.diagonalAccumulate(block.x(), xOff, block.rows(), d, k, resp, block.weights(), block.start(),
                    shift, nk, s1, s2, new double[Kernels.diagonalScratchSize(k, d)]);
            return;
        }
        for (int j = 0; j < k; j++) {
            Kernels.fullAccumulate(block.x(), xOff, block.rows(), d, resp, k, j, block.weights(), block.start(), shift,
                    j * d, nk, s1, j * d, s2, j * d * d, scratch);
        }
    }

    @Override
    public void merge(GmmStats other) {
        if (other.k != k || other.d != d || other.cross != cross) {
            throw new IllegalArgumentException("cannot merge statistics of different shapes");
        }
        if (other.shift != shift && !java.util.Arrays.equals(other.shift, shift)) {
            throw new IllegalArgumentException("cannot merge statistics taken about different shifts");
        }
        addInto(nk, other.nk);
        addInto(s1, other.s1);
        addInto(s2, other.s2);
    }

    /** Total weight of the rows seen. */
    public double weightSum() {
        double s = 0;
        for (double v : nk) {
            s += v;
        }
        return s;
    }

    private static void addInto(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
