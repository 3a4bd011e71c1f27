package org.mlem.em;

import java.io.Serializable;
import org.mlem.data.Block;

/**
 * The rows' weighted first and second moments about a fixed point, as mergeable statistics: the
 * data's covariance from one pass over any split of the rows (blocks in memory, a streamed file,
 * a cluster's partitions). Taking the point near the mean (a fitted model's centre, say) keeps the
 * sums from cancelling.
 */
public final class Moments implements Stats<Moments>, Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] shift;
    private double weight;
    private final double[] sum;
    /** Upper triangle, row-major d×d. */
    private final double[] cross;

    /** Empty moments about {@code shift}. */
    public Moments(double[] shift) {
        this.shift = shift.clone();
        this.sum = new double[shift.length];
        this.cross = new double[shift.length * shift.length];
    }

    /** Adds the block's rows, each with its weight; returns 0 (no log-likelihood), as a {@link BlockReducer.Accumulation}. */
    public double add(Block rows) {
        int d = shift.length;
        double[] x = rows.x();
        double[] delta = new double[d];
        for (int i = 0; i < rows.rows(); i++) {
            double w = rows.weight(i);
            int off = rows.offset(i);
            weight += w;
            for (int a = 0; a < d; a++) {
                delta[a] = x[off + a] - shift[a];
                sum[a] += w * delta[a];
            }
            for (int a = 0; a < d; a++) {
                double wa = w * delta[a];
                for (int b = a; b < d; b++) {
                    cross[a * d + b] += wa * delta[b];
                }
            }
        }
        return 0;
    }

    @Override
    public void merge(Moments other) {
        weight += other.weight;
        for (int a = 0; a < sum.length; a++) {
            sum[a] += other.sum[a];
        }
        for (int a = 0; a < cross.length; a++) {
            cross[a] += other.cross[a];
        }
    }

    /** The weighted covariance, divisor the total weight. */
    public double[][] covariance() {
        int d = shift.length;
        double[][] c = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                c[a][b] = cross[a * d + b] / weight - (sum[a] / weight) * (sum[b] / weight);
                c[b][a] = c[a][b];
            }
        }
        return c;
    }
}
