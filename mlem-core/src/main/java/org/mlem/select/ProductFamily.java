package org.mlem.select;

import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.mixture.ColumnModel;
import org.mlem.mixture.ProductDegeneracy;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;

/**
 * Mixtures of independent per-column families (latent class analysis for categorical columns) for
 * model selection; a variant is a named layout, which family models which columns. Each
 * candidate is a {@link ProductMixtureEstimator} fit on one thread; a component holding fewer than
 * two rows ({@link ProductDegeneracy}) marks the candidate degenerate.
 *
 * @param em iterations, tolerance and restarts per candidate
 * @param missingEm whether missing cells (NaN) are marginalised in the E-step
 *     ({@link ProductMixtureEstimator#withMissingEm}; a missing cell's factor is 1, so posteriors
 *     come from the observed cells)
 */
public record ProductFamily(EmOptions em, boolean missingEm) implements SelectableFamily<DataMatrix, ProductFamily.Layout, ProductMixture> {

    /**
     * A variant: which family models which columns ({@link ProductMixtureEstimator#layout()}).
     *
     * @param name its name in reports (the family's name when one family models every column)
     */
    public record Layout(String name, List<ColumnModel> columns) {
        public Layout {
            columns = List.copyOf(columns);
        }
    }

    public ProductFamily {
        if (em == null) {
            throw new IllegalArgumentException("em options are required");
        }
    }

    /** Without missing-cell EM. */
    public ProductFamily(EmOptions em) {
        this(em, false);
    }

    @Override
    public String variantName(Layout variant) {
        return variant.name();
    }

    /** The estimator for one candidate, on one thread. */
    public ProductMixtureEstimator estimator(int k, Layout variant) {
        return ProductMixtureEstimator.of(k, variant.columns()).withEm(em.withThreads(1)).withMissingEm(missingEm);
    }

    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, int k, Layout variant, long seed) {
        return fit(data, k, variant, seed, EmListener.NONE);
    }

    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, int k, Layout variant, long seed, EmListener listener) {
        return estimator(k, variant).fit(data, seed, listener);
    }

    @Override
    public double[][] posterior(ProductMixture model, DataMatrix data) {
        return MatrixFamilies.rows(model.predictProbabilities(data), model.k());
    }

    @Override
    public double[] rowWeights(DataMatrix data) {
        return MatrixFamilies.weights(data);
    }

    @Override
    public void check(DataMatrix data) {
        if (data.rows() == 0) {
            throw new org.mlem.MlemUserException("no rows to fit; the data set is empty");
        }
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(ProductMixture model, DataMatrix data, double[][] posterior) {
        return ProductDegeneracy.of(model, data);
    }

    @Override
    public ProductFamily loosened(double tolerance) {
        EmOptions loose = em.loosened(tolerance);
        return loose == null ? null : new ProductFamily(loose, missingEm);
    }
}
