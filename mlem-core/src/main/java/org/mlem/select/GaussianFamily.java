package org.mlem.select;

import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * Gaussian mixtures for model selection; the variants are {@link CovarianceStructure}s. Each
 * candidate is a {@link GaussianMixtureEstimator} fit with these settings on one thread (the
 * {@code threads} of {@code em} is ignored: selection parallelises across candidates).
 *
 * @param regCovar ridge on the variances ({@link GaussianMixtureEstimator#regCovar()})
 * @param init where each start begins
 * @param em iterations, tolerance and restarts per candidate
 */
public record GaussianFamily(double regCovar, GmmInit init, EmOptions em)
        implements SelectableFamily<CovarianceStructure, GaussianMixture> {

    /** The estimator's defaults: regCovar 1e-6, k-means++ starts, {@link EmOptions#DEFAULTS}. */
    public static final GaussianFamily DEFAULTS = new GaussianFamily(GaussianMixtureEstimator.DEFAULT_REG_COVAR,
            GmmInit.DEFAULT, EmOptions.DEFAULTS);

    public GaussianFamily {
        if (init == null || em == null) {
            throw new IllegalArgumentException("init and em options are required");
        }
        if (init instanceof GmmInit.Given) {
            throw new IllegalArgumentException("a given start fits one k only; model selection needs k-means++ or random starts");
        }
        new GaussianMixtureEstimator(1, CovarianceStructure.FULL, regCovar, init, em); // validates regCovar
    }

    /** The estimator for one candidate, on one thread. */
    public GaussianMixtureEstimator estimator(int k, CovarianceStructure variant) {
        return new GaussianMixtureEstimator(k, variant, regCovar, init, em.withThreads(1));
    }

    @Override
    public String variantName(CovarianceStructure variant) {
        return variant.id();
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, int k, CovarianceStructure variant, long seed) {
        return estimator(k, variant).fit(data, seed);
    }

    @Override
    public double[][] posterior(GaussianMixture model, DataMatrix data) {
        return model.predictProba(data);
    }
}
