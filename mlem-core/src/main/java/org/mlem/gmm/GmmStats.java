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
    /**
     * The covariance of component 0 of the model these statistics are taken under (d×d, row-major),
     * or null: where an iterative M-step (EVE, VVE) starts its common orientation, as mclust
     * carries it from one EM iteration to the next. Merging keeps this one's.
     */
    double[] previousCovariance;

    /** n_j = Σ_i w_i τ_ij, the posterior count of every component (a copy). */
    public double[] counts() {
        return nk.clone();
    }

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

    /**
     * One step of stochastic approximation (stepwise EM, Cappé &amp; Moulines 2009): the statistics
     * {@code (1 − γ)·this/N + γ·batch/M} per row, where N and M are the two weight sums, recentred
     * about the blended means (so the result's first moments are exactly 0). {@code this} may be a
     * previous result or any statistics; {@code batch} an E-step's over a mini-batch. Neither is
     * changed. {@link GmmModel#maximize} of the result is the M-step of stepwise EM: weights
     * {@code n_j}, means and covariances of the blended moments.
     *
     * @param gamma the step size, in (0, 1]
     */
    public GmmStats stepTowards(GmmStats batch, double gamma) {
        if (batch.k != k || batch.d != d || batch.cross != cross) {
            throw new IllegalArgumentException("cannot blend statistics of different shapes");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step size must be in (0, 1], got " + gamma);
        }
        double fa = (1 - gamma) / weightSum();
        double fb = gamma / batch.weightSum();
        double[] centre = new double[k * d];
        GmmStats out = new GmmStats(k, d, cross, centre);
        for (int j = 0; j < k; j++) {
            double na = fa * nk[j];
            double nb = fb * batch.nk[j];
            double n = na + nb;
            out.nk[j] = n;
            for (int a = 0; a < d; a++) {
                int o = j * d + a;
                double ma = shift[o] + (nk[j] > 0 ? s1[o] / nk[j] : 0);
                double mb = batch.shift[o] + (batch.nk[j] > 0 ? batch.s1[o] / batch.nk[j] : 0);
                centre[o] = n > 0 ? (na * ma + nb * mb) / n : shift[o];
            }
            recentre(this, fa, j, centre, out);
            recentre(batch, fb, j, centre, out);
        }
        return out;
    }

    /**
     * {@code out.s2_j += f·Σ r (x − c)(x − c)ᵀ} from {@code src}'s moments about its shift s:
     * {@code S2 + s1 eᵀ + e s1ᵀ + n e eᵀ} with {@code e = s − c} (upper triangle, or the diagonal).
     */
    private static void recentre(GmmStats src, double f, int j, double[] centre, GmmStats out) {
        int d = src.d;
        int base = j * d;
        double n = src.nk[j];
        for (int a = 0; a < d; a++) {
            double ea = src.shift[base + a] - centre[base + a];
            double s1a = src.s1[base + a];
            if (!src.cross) {
                out.s2[base + a] += f * (src.s2[base + a] + 2 * s1a * ea + n * ea * ea);
                continue;
            }
            int row = j * d * d + a * d;
            for (int b = a; b < d; b++) {
                double eb = src.shift[base + b] - centre[base + b];
                out.s2[row + b] += f * (src.s2[row + b] + s1a * eb + ea * src.s1[base + b] + n * ea * eb);
            }
        }
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
