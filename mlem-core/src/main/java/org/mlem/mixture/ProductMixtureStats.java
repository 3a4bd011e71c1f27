package org.mlem.mixture;

import java.util.ArrayList;
import java.util.List;
import org.mlem.data.Block;
import org.mlem.em.Stats;

/**
 * What a product mixture's E-step hands its M-step: for every block, in block order, the block
 * itself and its rows' responsibilities times their frequency weights (rows × k).
 *
 * <p>Why not sufficient statistics: several families (weibull, student-t, negbin, laplace,
 * logistic) have none of finite size, and every family's weighted MLE is defined once, in
 * {@link org.mlem.dist.UnivariateFamily#fitWeighted}; keeping the weights lets the M-step call
 * exactly that for every family, so no estimator is derived twice. The cost is n × k doubles
 * per iteration. Merging appends in block order and the M-step then runs over the rows in row
 * order, so the result is the same bits for any thread count and any block size.
 */
public final class ProductMixtureStats implements java.io.Serializable, Stats<ProductMixtureStats> {
    final int k;
    final List<Block> blocks = new ArrayList<>();
    final List<double[]> weights = new ArrayList<>();

    ProductMixtureStats(int k) {
        this.k = k;
    }

    /** Adds a block with its rows' weights (responsibility × frequency weight), rows × k. */
    void add(Block block, double[] rowWeights) {
        blocks.add(block);
        weights.add(rowWeights);
    }

    @Override
    public void merge(ProductMixtureStats other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.k + " and " + k + " components");
        }
        blocks.addAll(other.blocks);
        weights.addAll(other.weights);
    }

    /** Rows seen. */
    int rows() {
        int n = 0;
        for (Block b : blocks) {
            n += b.rows();
        }
        return n;
    }

    /** Column {@code j} of the weights: component j's weight of every row, in row order. */
    double[] componentWeights(int j) {
        double[] w = new double[rows()];
        int i = 0;
        for (double[] r : weights) {
            for (int o = j; o < r.length; o += k) {
                w[i++] = r[o];
            }
        }
        return w;
    }

    /** The values of {@code columns} for every row, row-major, in row order. */
    double[] values(int[] columns) {
        int c = columns.length;
        double[] out = new double[rows() * c];
        int i = 0;
        for (Block b : blocks) {
            double[] x = b.x();
            for (int r = 0; r < b.rows(); r++, i++) {
                int off = b.offset(r);
                for (int a = 0; a < c; a++) {
                    out[i * c + a] = x[off + columns[a]];
                }
            }
        }
        return out;
    }
}
