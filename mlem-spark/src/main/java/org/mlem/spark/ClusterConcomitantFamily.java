package org.mlem.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.select.ConcomitantFamily;
import org.mlem.select.GaussianFamily;
import org.mlem.select.SelectableFamily;

/**
 * {@code mlem select gmm --concomitant}'s candidates ({@link ConcomitantFamily} over mlem-core's
 * {@link GaussianFamily}) over the cached partitions of a {@link ConcomitantData}: each candidate's
 * plain fit (its starts' ends collected) runs on the driver's sample as {@link ClusterGaussianFamily}'s
 * does, then the concomitant EM from each distinct end over every row ({@link ConcomitantOnSpark}),
 * the best kept; k = 1 is the plain fit continued over every row (one component's weight is 1
 * whatever the covariates). ICL's classification term and the degenerate components come from
 * passes over the partitions under the concomitant posteriors.
 */
final class ClusterConcomitantFamily
        implements SelectableFamily<ConcomitantData, CovarianceStructure, ConcomitantMixture<GaussianMixture>> {
    private final GaussianFamily family;
    private final ClusterGaussianFamily plain;
    private final DataMatrix sample;
    private final int depth;
    private final Map<String, MixtureFit<ConcomitantMixture<GaussianMixture>>> fits = new ConcurrentHashMap<>();

    ClusterConcomitantFamily(GaussianFamily family, DataMatrix sample, int depth) {
        this.family = family;
        this.plain = new ClusterGaussianFamily(family, sample, depth);
        this.sample = sample;
        this.depth = depth;
    }

    @Override
    public String variantName(CovarianceStructure variant) {
        return family.variantName(variant);
    }

    @Override
    public MixtureFit<ConcomitantMixture<GaussianMixture>> fit(ConcomitantData data, int k, CovarianceStructure variant,
            long seed) {
        MixtureFit<ConcomitantMixture<GaussianMixture>> fit;
        if (k == 1) {
            MixtureFit<GaussianMixture> one = plain.fit(data.data(), 1, variant, seed);
            ConcomitantMixture<GaussianMixture> m = new ConcomitantMixture<>(one.model(), zero(data, 1));
            fit = new MixtureFit<>(m, one.logLikelihood(), one.trace(), one.iterations(), one.converged(),
                    one.startLogLikelihoods(), one.bestStart(), one.rows(), one.totalWeight(), one.nParameters(),
                    one.seed(), one.initSeconds(), one.fitSeconds());
        } else {
            ConcomitantStarts.Ends<GaussianMixture> ends = new ConcomitantStarts.Ends<>(null);
            MixtureFit<GaussianMixture> start = family.fit(sample, k, variant, seed, ends);
            ConcomitantStarts.Outcome<GaussianMixture> o = on(data, k, variant).best(start, ends, GaussianMixture::weights,
                    family.em());
            fit = o.asMixtureFit(o.fit().model());
        }
        fits.put(k + " " + variantName(variant), fit);
        return fit;
    }

    private ConcomitantOnSpark<GaussianMixture, org.mlem.gmm.GmmStats> on(ConcomitantData data, int k,
            CovarianceStructure variant) {
        GaussianMixtureEstimator est = family.estimator(k, variant);
        return new ConcomitantOnSpark<>(new ClusterComponents.Gaussian(est.model(), k, est.regCovar()), k, data, depth);
    }

    private static org.mlem.concomitant.Gating zero(ConcomitantData data, int k) {
        return data.zeroGating().with(new double[k][data.zeroGating().width()]);
    }

    /** The fit of the candidate with {@code k} components of the variant named {@code variant}. */
    MixtureFit<ConcomitantMixture<GaussianMixture>> fitOf(int k, String variant) {
        return fits.get(k + " " + variant);
    }

    /** Not used by selection ({@link #assess} runs on the partitions). */
    @Override
    public double[][] posterior(ConcomitantMixture<GaussianMixture> model, ConcomitantData data) {
        throw new UnsupportedOperationException("posteriors of every row stay on the cluster; transform a fitted model");
    }

    /** Unused with {@link #assess}. */
    @Override
    public double[] rowWeights(ConcomitantData data) {
        throw new UnsupportedOperationException("row weights stay on the cluster");
    }

    /** Σ w_i log max_j τ_ij under the concomitant posteriors in one pass; the degenerate components as a fit judges them. */
    @Override
    public Assessment assess(ConcomitantMixture<GaussianMixture> model, ConcomitantData data) {
        int k = model.components().components();
        ConcomitantOnSpark<GaussianMixture, org.mlem.gmm.GmmStats> on = on(data, k, model.components().structure());
        return new Assessment(on.classificationSum(model), on.degenerateComponents(model));
    }
}
