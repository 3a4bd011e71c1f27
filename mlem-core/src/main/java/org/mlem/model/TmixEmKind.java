package org.mlem.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.TMixtureFile;
import org.mlem.io.TMixtureJson;
import org.mlem.missing.ObservedCells;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;
import org.mlem.tmix.TMixtureParameter;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.TMixtureUncertainty;

/** Mixtures of multivariate t distributions as an {@link EmKind}. */
final class TmixEmKind extends MatrixEmKind<TMixture> implements BlockEmKind<TMixture> {
    @Override
    public String name() {
        return "tmix";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEIGHTS, Capability.LABELS, Capability.FIXED, Capability.ACCELERATION,
                Capability.MISSING, Capability.LOUIS);
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
        return estimator(start, em, fixed).withMissingEm(missingEm).fit(data, start);
    }

    private static TMixtureEstimator estimator(TMixture start, EmOptions em, Set<String> fixed) {
        Set<TMixtureParameter> held = EnumSet.noneOf(TMixtureParameter.class);
        fixed.forEach(g -> held.add(TMixtureParameter.valueOf(g.toUpperCase(Locale.ROOT))));
        return TMixtureEstimator.of(start.components()).withEm(em).withFixed(held);
    }

    @Override
    public org.mlem.em.EmProblem<TMixture> problem(TMixture start, List<String> columns, Set<String> fixed,
            boolean marginalise) {
        return estimator(start, EmOptions.DEFAULTS, fixed).withMissingEm(marginalise).problem(start, marginalise);
    }

    @Override
    public MixtureFit<TMixture> fit(DataMatrix data, Shape shape, EmOptions em, long seed, boolean missingEm) {
        return TMixtureEstimator.of(shape.k()).withEm(em).withMissingEm(missingEm).fit(data, seed);
    }

    @Override
    public FittedModel file(TMixture model, List<String> columns) {
        return new FittedTmix(new TMixtureFile(model, columns));
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

    /** The layout with ν a parameter (held, when fixed, like any group). */
    @Override
    public ObservedInformation louis(TMixture model, DataMatrix data, Set<String> fixed) {
        return TMixtureUncertainty.of(model, data.columns(), true).louis(model, data,
                HeldParameters.groups(fixed, HeldParameters.TMIX));
    }

    @Override
    public TMixture withFree(TMixture like, double[] theta) {
        return TMixtureUncertainty.of(like, null, true).fromFree(like, theta);
    }

    @Override
    public double logLikelihood(TMixture model, DataMatrix data) {
        return ObservedCells.logLikelihood(
                data.hasMissingCells() ? ObservedCells.logDensities(model, data) : model.scoreSamples(data), data);
    }

    @Override
    public String groupOf(String parameter) {
        return HeldParameters.TMIX.apply(parameter);
    }
}
