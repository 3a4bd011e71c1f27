package org.mlem.select;

import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.BoxProbability;
import org.mlem.gmm.CensoredCells;
import org.mlem.gmm.CensoredGmmEstimator;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;

/**
 * Gaussian mixtures with censored cells for model selection: candidate (k, structure) is
 * {@link CensoredGmmEstimator} over {@code gaussian}'s estimator for it, so its log-likelihood (the
 * observed-data one, censored cells integrated out) and parameter count are {@code fit gmm}'s with
 * the same censoring and seed, bit for bit. Posteriors (for ICL) and degeneracy come from the
 * censored E-step.
 *
 * @param gaussian the settings of every candidate (regCovar, starts, EM options, ...); its
 *     missing-cell EM must be off
 * @param cells the censored cells of the data the candidates are fit to
 * @param box how box probabilities of correlated censored cells are computed
 */
public record CensoredGaussianFamily(GaussianFamily gaussian, CensoredCells cells, BoxProbability box)
        implements SelectableFamily<DataMatrix, CovarianceStructure, GaussianMixture> {

    /** The censored estimator for one candidate, on one thread. */
    public CensoredGmmEstimator estimator(int k, CovarianceStructure variant) {
        return new CensoredGmmEstimator(gaussian.estimator(k, variant), cells, box);
    }

    @Override
    public String variantName(CovarianceStructure variant) {
        return gaussian.variantName(variant);
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, int k, CovarianceStructure variant, long seed) {
        return fit(data, k, variant, seed, EmListener.NONE);
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, int k, CovarianceStructure variant, long seed,
            EmListener listener) {
        return estimator(k, variant).fit(data, seed, listener);
    }

    @Override
    public double[][] posterior(GaussianMixture model, DataMatrix data) {
        return estimator(model.components(), model.structure()).posterior(model, data);
    }

    @Override
    public double[] rowWeights(DataMatrix data) {
        return gaussian.rowWeights(data);
    }

    @Override
    public void check(DataMatrix data) {
        gaussian.check(data);
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(GaussianMixture model, DataMatrix data, double[][] posterior) {
        return estimator(model.components(), model.structure()).degenerateComponents(model, data);
    }

    @Override
    public void checkVariants(List<CovarianceStructure> variants, DataMatrix data) {
        gaussian.checkVariants(variants, data);
    }

    @Override
    public CensoredGaussianFamily loosened(double tolerance) {
        GaussianFamily loose = gaussian.loosened(tolerance);
        return loose == null ? null : new CensoredGaussianFamily(loose, cells, box);
    }
}
