package org.mlem.select;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.kernel.GaussianKernels;
import org.mlem.mixture.CensoredMixtureEstimator;
import org.mlem.mixture.ProductDegeneracy;
import org.mlem.mixture.ProductMixture;
import org.mlem.survival.CensoredSample;

/**
 * Mixtures of one continuous family fitted to censored rows, for model selection; a variant is the
 * family. Candidate (k, family) is {@link CensoredMixtureEstimator} with k-means++ starts and these
 * EM options on one thread, so its log-likelihood (the observed-data one: a censored row's
 * component term is the probability of its interval) and parameter count are {@code fit mixture
 * --status/--interval}'s with the same seed, bit for bit, and with no row censored they are those of
 * {@link ProductFamily}'s candidate of that family on the one column. Posteriors (for ICL) come from
 * the censored E-step's terms ({@link CensoredMixtureEstimator#logJoint}); a component holding fewer
 * than two rows' posterior mass marks the candidate degenerate ({@link ProductDegeneracy}).
 *
 * @param em iterations, tolerance and restarts per candidate
 * @param column the value column's name, the fitted models' one column
 */
public record CensoredMixtureFamily(EmOptions em, String column)
        implements SelectableFamily<CensoredSample, UnivariateFamily, ProductMixture> {

    public CensoredMixtureFamily {
        if (em == null || column == null) {
            throw new IllegalArgumentException("em options and the column name are required");
        }
    }

    @Override
    public String variantName(UnivariateFamily variant) {
        return variant.name();
    }

    /** The estimator for one candidate, on one thread. */
    public CensoredMixtureEstimator estimator(int k, UnivariateFamily variant) {
        return CensoredMixtureEstimator.of(k, variant).withEm(em.withThreads(1));
    }

    @Override
    public MixtureFit<ProductMixture> fit(CensoredSample data, int k, UnivariateFamily variant, long seed) {
        return fit(data, k, variant, seed, EmListener.NONE);
    }

    @Override
    public MixtureFit<ProductMixture> fit(CensoredSample data, int k, UnivariateFamily variant, long seed,
            EmListener listener) {
        return estimator(k, variant).fit(data, column, seed, listener);
    }

    @Override
    public double[][] posterior(ProductMixture model, CensoredSample data) {
        int k = model.k();
        double[] p = CensoredMixtureEstimator.logJoint(model, data);
        GaussianKernels.normalizeRows(p, data.rows(), k, null, null, 0);
        return MatrixFamilies.rows(p, k);
    }

    @Override
    public double[] rowWeights(CensoredSample data) {
        return data.weights();
    }

    @Override
    public void check(CensoredSample data) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(ProductMixture model, CensoredSample data,
            double[][] posterior) {
        double[] n = new double[model.k()];
        for (int i = 0; i < posterior.length; i++) {
            double w = data.weight(i);
            for (int j = 0; j < n.length; j++) {
                n[j] += w * posterior[i][j];
            }
        }
        return ProductDegeneracy.of(n);
    }

    @Override
    public CensoredMixtureFamily loosened(double tolerance) {
        EmOptions loose = em.loosened(tolerance);
        return loose == null ? null : new CensoredMixtureFamily(loose, column);
    }
}
