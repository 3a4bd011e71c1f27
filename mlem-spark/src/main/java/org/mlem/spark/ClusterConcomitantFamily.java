package org.mlem.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.mixture.ProductMixtureModel;
import org.mlem.select.ConcomitantFamily;
import org.mlem.select.GaussianFamily;
import org.mlem.select.ProductFamily;
import org.mlem.select.SelectableFamily;

/**
 * {@code mlem select gmm|mixture --concomitant}'s candidates ({@link ConcomitantFamily} over
 * mlem-core's {@link GaussianFamily} or {@link ProductFamily}) over the cached partitions of a
 * {@link ConcomitantData}: each candidate's plain fit (its starts' ends collected) runs on the
 * driver's sample with the plain family's seed, then the concomitant EM from each distinct end over
 * every row ({@link ConcomitantOnSpark}), the best kept; k = 1 is the plain fit continued over every
 * row (one component's weight is 1 whatever the covariates). ICL's classification term and the
 * degenerate components come from passes over the partitions under the concomitant posteriors.
 *
 * @param <V> the plain family's variant (covariance structure, layout of families)
 * @param <M> the plain mixture
 * @param <S> its components' statistics
 */
final class ClusterConcomitantFamily<V, M, S extends Stats<S>>
        implements ClusterSelectable<ConcomitantData, V, ConcomitantMixture<M>> {

    /** What a kind brings to the candidates: its plain family, its components on the cluster, k = 1 over every row. */
    interface Kind<V, M, S extends Stats<S>> {
        /** The plain family, fit on the driver's sample. */
        SelectableFamily<DataMatrix, V, M> plain();

        /** The candidate's components on the partitions. */
        ClusterComponents<M, S> components(int k, V variant);

        /** The variant of a fitted mixture (enough to build its components). */
        V variantOf(M model);

        /** The plain fit of one component continued over every row from {@code start} (its fit on the sample). */
        MixtureFit<M> one(ConcomitantData data, V variant, MixtureFit<M> start, long seed);
    }

    private final Kind<V, M, S> kind;
    private final Function<M, double[]> weights;
    private final EmOptions em;
    private final DataMatrix sample;
    private final int depth;
    private final Map<String, MixtureFit<ConcomitantMixture<M>>> fits = new ConcurrentHashMap<>();

    private ClusterConcomitantFamily(Kind<V, M, S> kind, Function<M, double[]> weights, EmOptions em, DataMatrix sample,
            int depth) {
        this.kind = kind;
        this.weights = weights;
        this.em = em;
        this.sample = sample;
        this.depth = depth;
    }

    /** {@code select gmm --concomitant}'s candidates; k = 1 as {@link ClusterGaussianFamily} fits it. */
    static ClusterConcomitantFamily<CovarianceStructure, GaussianMixture, org.mlem.gmm.GmmStats> gaussian(
            GaussianFamily family, DataMatrix sample, int depth) {
        ClusterGaussianFamily plain = new ClusterGaussianFamily(family, sample, depth);
        return new ClusterConcomitantFamily<>(new Kind<CovarianceStructure, GaussianMixture, org.mlem.gmm.GmmStats>() {
            @Override
            public SelectableFamily<DataMatrix, CovarianceStructure, GaussianMixture> plain() {
                return family;
            }

            @Override
            public ClusterComponents<GaussianMixture, org.mlem.gmm.GmmStats> components(int k, CovarianceStructure v) {
                GaussianMixtureEstimator est = family.estimator(k, v);
                return new ClusterComponents.Gaussian(est.model(), k, est.regCovar());
            }

            @Override
            public CovarianceStructure variantOf(GaussianMixture model) {
                return model.structure();
            }

            @Override
            public MixtureFit<GaussianMixture> one(ConcomitantData data, CovarianceStructure v,
                    MixtureFit<GaussianMixture> start, long seed) {
                return plain.fit(data.data(), 1, v, seed);
            }
        }, GaussianMixture::weights, family.em(), sample, depth);
    }

    /**
     * {@code select mixture --concomitant}'s candidates over rows with {@code columns}; k = 1 is the
     * sample's fit continued over every row by the kind's EM ({@link ProductMixtureEstimator#problem}).
     */
    static ClusterConcomitantFamily<ProductFamily.Layout, ProductMixture, org.mlem.mixture.ProductMixtureStats> product(
            ProductFamily family, List<String> columns, DataMatrix sample, int depth) {
        return new ClusterConcomitantFamily<>(new Kind<ProductFamily.Layout, ProductMixture,
                org.mlem.mixture.ProductMixtureStats>() {
            @Override
            public SelectableFamily<DataMatrix, ProductFamily.Layout, ProductMixture> plain() {
                return family;
            }

            @Override
            public ClusterComponents<ProductMixture, org.mlem.mixture.ProductMixtureStats> components(int k,
                    ProductFamily.Layout v) {
                ProductMixtureEstimator est = family.estimator(k, v);
                return new ClusterComponents.Product(new ProductMixtureModel(k, est.layout(), columns, est.fixed()), k);
            }

            @Override
            public ProductFamily.Layout variantOf(ProductMixture model) {
                return new ProductFamily.Layout("", model.layout());
            }

            @Override
            public MixtureFit<ProductMixture> one(ConcomitantData data, ProductFamily.Layout v,
                    MixtureFit<ProductMixture> start, long seed) {
                return ClusterProductFamily.continued(family, columns, data.data(), depth, v, start, seed);
            }
        }, ProductMixture::weights, family.em(), sample, depth);
    }

    @Override
    public String variantName(V variant) {
        return kind.plain().variantName(variant);
    }

    @Override
    public MixtureFit<ConcomitantMixture<M>> fit(ConcomitantData data, int k, V variant, long seed) {
        ConcomitantStarts.Ends<M> ends = new ConcomitantStarts.Ends<>(null);
        MixtureFit<ConcomitantMixture<M>> fit;
        if (k == 1) {
            MixtureFit<M> one = kind.one(data, variant, kind.plain().fit(sample, 1, variant, seed), seed);
            ConcomitantMixture<M> m = new ConcomitantMixture<>(one.model(), zero(data, 1));
            fit = new MixtureFit<>(m, one.logLikelihood(), one.trace(), one.iterations(), one.converged(),
                    one.startLogLikelihoods(), one.bestStart(), one.rows(), one.totalWeight(), one.nParameters(),
                    one.seed(), one.initSeconds(), one.fitSeconds());
        } else {
            MixtureFit<M> start = kind.plain().fit(sample, k, variant, seed, ends);
            ConcomitantStarts.Outcome<M> o = on(data, k, variant).best(start, ends, weights, em);
            fit = o.asMixtureFit(o.fit().model());
        }
        fits.put(k + " " + variantName(variant), fit);
        return fit;
    }

    private ConcomitantOnSpark<M, S> on(ConcomitantData data, int k, V variant) {
        return new ConcomitantOnSpark<>(kind.components(k, variant), k, data, depth);
    }

    private static org.mlem.concomitant.Gating zero(ConcomitantData data, int k) {
        return data.zeroGating().with(new double[k][data.zeroGating().width()]);
    }

    /** The fit of the candidate with {@code k} components of the variant named {@code variant}. */
    MixtureFit<ConcomitantMixture<M>> fitOf(int k, String variant) {
        return fits.get(k + " " + variant);
    }



    /** Σ w_i log max_j τ_ij under the concomitant posteriors in one pass; the degenerate components as a fit judges them. */
    @Override
    public Assessment assess(ConcomitantMixture<M> model, ConcomitantData data) {
        int k = model.gating().components();
        ConcomitantOnSpark<M, S> on = on(data, k, kind.variantOf(model.components()));
        return new Assessment(on.classificationSum(model), on.degenerateComponents(model));
    }
}
