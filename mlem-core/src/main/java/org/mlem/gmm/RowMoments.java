package org.mlem.gmm;

import java.io.Serializable;
import org.mlem.data.Block;
import org.mlem.em.RowPasses;
import org.mlem.em.Stats;

/**
 * Unweighted moments of rows (each row counts once, whatever its frequency weight) about a fixed
 * shift, as mergeable statistics: the count, the mean and the covariance with divisor n − 1. What
 * mclust's default prior ({@link GmmPrior#defaults}: every row) and a noise region's principal axes
 * ({@link NoiseRegion}: the rows of positive weight) are taken from.
 */
public final class RowMoments implements Stats<RowMoments>, Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] shift;
    private final boolean positiveOnly;
    private long n;
    private final double[] sum;
    private final double[] cross;

    /**
     * @param shift the point the sums are taken about (near the mean)
     * @param positiveOnly count only the rows of positive weight
     */
    public RowMoments(double[] shift, boolean positiveOnly) {
        this.shift = shift.clone();
        this.positiveOnly = positiveOnly;
        this.sum = new double[shift.length];
        this.cross = new double[shift.length * shift.length];
    }

    /** One pass over {@code rows}. */
    public static RowMoments of(RowPasses rows, boolean positiveOnly) {
        double[] shift = rows.weightedMean();
        return rows.reduce(() -> new RowMoments(shift, positiveOnly), (block, into) -> into.add(block));
    }

    /** Adds the block's rows. */
    public void add(Block rows) {
        int d = shift.length;
        double[] x = rows.x();
        double[] delta = new double[d];
        for (int i = 0; i < rows.rows(); i++) {
            if (positiveOnly && !(rows.weight(i) > 0)) {
                continue;
            }
            n++;
            int off = rows.offset(i);
            for (int a = 0; a < d; a++) {
                delta[a] = x[off + a] - shift[a];
                sum[a] += delta[a];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cross[a * d + b] += delta[a] * delta[b];
                }
            }
        }
    }

    @Override
    public void merge(RowMoments other) {
        n += other.n;
        for (int a = 0; a < sum.length; a++) {
            sum[a] += other.sum[a];
        }
        for (int a = 0; a < cross.length; a++) {
            cross[a] += other.cross[a];
        }
    }

    /** The rows counted. */
    public long count() {
        return n;
    }

    /** Their mean. */
    public double[] mean() {
        double[] m = new double[shift.length];
        for (int a = 0; a < m.length; a++) {
            m[a] = shift[a] + sum[a] / n;
        }
        return m;
    }

    /** Their covariance, divisor n − 1, d×d row-major. */
    public double[] covariance() {
        int d = shift.length;
        double[] c = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                c[a * d + b] = (cross[a * d + b] - sum[a] * sum[b] / n) / (n - 1);
                c[b * d + a] = c[a * d + b];
            }
        }
        return c;
    }
}
