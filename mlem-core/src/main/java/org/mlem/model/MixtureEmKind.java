package org.mlem.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.MixtureJson;
import org.mlem.mixture.FixedParameters;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.ProductMixtureUncertainty;

/** Mixtures of families (products of per-column distributions) as an {@link EmKind}. */
final class MixtureEmKind extends MatrixEmKind<ProductMixture> {
    @Override
    public String name() {
        return "mixture";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ProductMixture model(FittedModel file) {
        return ((FittedMixture) file).mixture();
    }

    @Override
    public Draw<DataMatrix> draw(ProductMixture model, DataMatrix like, int units, long seed) {
        DataMatrix x = model.sample(units, new SplittableRandom(seed));
        return new Draw<>(DataMatrix.of(x.values(), x.rows(), x.cols(), like.columns()), x.labels());
    }

    @Override
    public EmOptions defaults() {
        return EmOptions.DEFAULTS;
    }

    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, ProductMixture start, EmOptions em, Set<String> fixed,
            boolean missingEm) {
        FixedParameters held = FixedParameters.NONE;
        if (fixed.contains("weights")) {
            held = held.withWeights(start.weights());
        }
        for (int j = 0; fixed.contains("components") && j < start.k(); j++) {
            held = held.withComponent(j, start.component(j));
        }
        return ProductMixtureEstimator.of(start.k(), start.layout()).withInit(new MixtureInit.Given(start)).withEm(em)
                .withFixed(held).withMissingEm(missingEm).fit(data, 0);
    }

    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, ProductMixture like, EmOptions em, long seed) {
        return ProductMixtureEstimator.of(like.k(), like.layout()).withEm(em).fit(data, seed);
    }

    @Override
    public int classes(ProductMixture model) {
        return model.k();
    }

    @Override
    public List<String> groups() {
        return List.of("weights", "components");
    }

    @Override
    public double[] group(ProductMixture model, String group) {
        return EmKind.numbers(MixtureJson.node(model).get(group));
    }

    @Override
    public ObservedInformation louis(ProductMixture model, DataMatrix data, Set<String> fixed) {
        return ProductMixtureUncertainty.louis(model, data, HeldParameters.groups(fixed, HeldParameters.MIXTURE));
    }

    @Override
    public ProductMixture withFree(ProductMixture like, double[] theta) {
        return ProductMixtureUncertainty.fromFree(like, theta);
    }

    @Override
    public double logLikelihood(ProductMixture model, DataMatrix data) {
        return model.logLikelihood(data);
    }

    @Override
    public String groupOf(String parameter) {
        return HeldParameters.MIXTURE.apply(parameter);
    }
}
