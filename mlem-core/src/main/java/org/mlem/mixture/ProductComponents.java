package org.mlem.mixture;

import org.mlem.concomitant.ComponentDensities;
import org.mlem.data.Block;
import org.mlem.em.ParameterVector;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * A mixture of families' components for a concomitant-variable fit: each row's log density under
 * each product component, and {@link ProductMixtureModel}'s M-step (every family's
 * {@code fitWeighted}) from the given responsibilities times the rows' weights.
 */
public final class ProductComponents implements ComponentDensities<ProductMixture> {
    private final DataMatrix data;
    private final ProductMixtureModel model;
    private final int k;

    /** The components of {@code estimator}'s model on {@code data} (complete rows; weights used, labels not). */
    public ProductComponents(ProductMixtureEstimator estimator, DataMatrix data) {
        this(data, estimator.components(), new ProductMixtureModel(estimator.components(), estimator.layout(),
                data.columns(), estimator.fixed()));
    }

    private ProductComponents(DataMatrix data, int k, ProductMixtureModel model) {
        this.data = data;
        this.k = k;
        this.model = model;
    }

    @Override
    public ProductComponents reweighted(double[] weights) {
        return new ProductComponents(data.withWeights(weights), k, model);
    }

    /**
     * The k components of {@code model} (the estimator's, over the same columns) on {@code data}: a
     * slice of the rows (a Spark partition) whose {@link #statistics} are merged in row order.
     */
    public ProductComponents(ProductMixtureModel model, int k, DataMatrix data) {
        this.data = data;
        this.k = k;
        this.model = model;
    }

    @Override
    public int components() {
        return k;
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public int componentParameters(ProductMixture m) {
        return model.freeParameters(m) - (k - 1);
    }

    @Override
    public void logDensities(ProductMixture m, Block rows, double[] out) {
        Block b = data.block(rows.start() / BlockSource.BLOCK_ROWS);
        double[] x = b.x();
        for (int i = 0; i < b.rows(); i++) {
            int off = b.offset(i);
            for (int j = 0; j < k; j++) {
                out[i * k + j] = m.component(j).logDensity(x, off);
            }
        }
    }

    @Override
    public ProductMixture maximize(ProductMixture current, double[] resp) {
        return model.maximize(statistics(resp));
    }

    /**
     * The M-step's statistics of these rows from their responsibilities {@code resp} (rows × k):
     * each block with its responsibilities times the rows' weights. Statistics of slices of the
     * rows merged in row order are the whole's.
     */
    public ProductMixtureStats statistics(double[] resp) {
        ProductMixtureStats s = new ProductMixtureStats(k);
        for (int b = 0; b < data.blockCount(); b++) {
            Block block = data.block(b);
            double[] w = new double[block.rows() * k];
            for (int i = 0; i < block.rows(); i++) {
                double wi = block.weight(i);
                for (int j = 0; j < k; j++) {
                    w[i * k + j] = resp[(block.start() + i) * k + j] * wi;
                }
            }
            s.add(block, w);
        }
        return s;
    }

    @Override
    public ParameterVector<ProductMixture> vectors() {
        return model.parameterVector();
    }

    @Override
    public java.util.List<String> parameterNames(ProductMixture m) {
        return org.mlem.uncertainty.ProductMixtureUncertainty.names(m);
    }

    @Override
    public double[] parameterValues(ProductMixture m) {
        return org.mlem.uncertainty.ProductMixtureUncertainty.values(m, org.mlem.uncertainty.ComponentBlocks.identity(k));
    }

    @Override
    public ProductMixture fromFree(ProductMixture like, double[] theta) {
        return org.mlem.uncertainty.ProductMixtureUncertainty.fromFree(like, theta);
    }

    @Override
    public org.mlem.uncertainty.RowDerivatives derivatives(ProductMixture m) {
        var f = org.mlem.uncertainty.ProductMixtureUncertainty.derivatives(m, data);
        return f == null ? null : org.mlem.uncertainty.RowDerivatives.ofBlocks(f, k);
    }
}
