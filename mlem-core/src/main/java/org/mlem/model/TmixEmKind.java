package org.mlem.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.TMixtureJson;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;
import org.mlem.tmix.TMixtureParameter;

/** Mixtures of multivariate t distributions as an {@link EmKind}. */
final class TmixEmKind extends MatrixEmKind<TMixture> {
    @Override
    public String name() {
        return "tmix";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEIGHTS, Capability.LABELS, Capability.FIXED, Capability.ACCELERATION,
                Capability.MISSING);
    }

    @Override
    public TMixture model(FittedModel file) {
        return ((FittedTmix) file).mixture();
    }

    @Override
    public Draw<DataMatrix> draw(TMixture model, DataMatrix like, int units, long seed) {
        TMixture.Sample s = model.sample(units, seed, like.columns());
        return new Draw<>(s.data(), s.components());
    }

    @Override
    public EmOptions defaults() {
        return TMixtureEstimator.of(1).em();
    }

    @Override
    public MixtureFit<TMixture> fit(DataMatrix data, TMixture start, EmOptions em, Set<String> fixed, boolean missingEm) {
        Set<TMixtureParameter> held = EnumSet.noneOf(TMixtureParameter.class);
        fixed.forEach(g -> held.add(TMixtureParameter.valueOf(g.toUpperCase(Locale.ROOT))));
        return TMixtureEstimator.of(start.components()).withEm(em).withFixed(held).withMissingEm(missingEm).fit(data, start);
    }

    @Override
    public MixtureFit<TMixture> fit(DataMatrix data, TMixture like, EmOptions em, long seed) {
        return TMixtureEstimator.of(like.components()).withEm(em).fit(data, seed);
    }

    @Override
    public int classes(TMixture model) {
        return model.components();
    }

    @Override
    public List<String> groups() {
        return List.of("weights", "means", "scales", "df");
    }

    @Override
    public double[] group(TMixture model, String group) {
        return EmKind.numbers(TMixtureJson.node(model).get(group));
    }
}
