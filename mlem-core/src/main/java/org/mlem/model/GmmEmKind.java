package org.mlem.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmParameter;
import org.mlem.io.GmmFile;
import org.mlem.io.ModelJson;
import org.mlem.missing.ObservedCells;
import org.mlem.uncertainty.GmmParameters;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.LouisInformation;
import org.mlem.uncertainty.ObservedInformation;

/** Gaussian mixtures as an {@link EmKind}. */
final class GmmEmKind extends MatrixEmKind<GaussianMixture> implements BlockEmKind<GaussianMixture> {
    @Override
    public String name() {
        return "gmm";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public GaussianMixture model(FittedModel file) {
        return ((FittedGmm) file).mixture();
    }

    @Override
    public Draw<DataMatrix> draw(GaussianMixture model, DataMatrix like, int units, long seed) {
        GaussianMixture.Sample s = model.sample(units, seed, like.columns());
        return new Draw<>(s.data(), s.components());
    }

    @Override
    public EmOptions defaults() {
        return EmOptions.DEFAULTS;
    }

    private static GaussianMixtureEstimator estimator(GaussianMixture m, EmOptions em) {
        return GaussianMixtureEstimator.of(m.components()).withCovariance(m.structure()).withEm(em);
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, GaussianMixture start, EmOptions em, Set<String> fixed,
            boolean missingEm) {
        return estimator(start, em).withInit(new GmmInit.Given(start)).withFixed(held(fixed)).withMissingEm(missingEm)
                .fit(data, 0);
    }

    private static Set<GmmParameter> held(Set<String> fixed) {
        Set<GmmParameter> held = EnumSet.noneOf(GmmParameter.class);
        fixed.forEach(g -> held.add(GmmParameter.valueOf(g.toUpperCase(Locale.ROOT))));
        return held;
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, GaussianMixture like, EmOptions em, long seed) {
        return estimator(like, em).fit(data, seed);
    }

    @Override
    public org.mlem.em.EmProblem<GaussianMixture> problem(GaussianMixture start, List<String> columns, Set<String> fixed,
            boolean marginalise) {
        return estimator(start, EmOptions.DEFAULTS).withInit(new GmmInit.Given(start)).withFixed(held(fixed))
                .problem(marginalise);
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, Shape shape, EmOptions em, long seed, boolean missingEm) {
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(shape.k()).withEm(em).withMissingEm(missingEm);
        return (shape.covariance() == null ? e : e.withCovariance(CovarianceStructure.parse(shape.covariance(), data.cols())))
                .fit(data, seed);
    }

    @Override
    public FittedModel file(GaussianMixture model, List<String> columns) {
        return new FittedGmm(new GmmFile(model, columns, null));
    }

    @Override
    public int classes(GaussianMixture model) {
        return model.components();
    }

    @Override
    public List<String> groups() {
        return List.of("weights", "means", "covariances");
    }

    @Override
    public double[] group(GaussianMixture model, String group) {
        return EmKind.numbers(ModelJson.gmmNode(model).get(group));
    }

    @Override
    public ObservedInformation louis(GaussianMixture model, DataMatrix data, Set<String> fixed) {
        return LouisInformation.of(model, data, HeldParameters.groups(fixed, HeldParameters.GMM));
    }

    @Override
    public GaussianMixture withFree(GaussianMixture like, double[] theta) {
        return GmmParameters.of(like, null).fromFree(theta);
    }

    @Override
    public double logLikelihood(GaussianMixture model, DataMatrix data) {
        return data.hasMissingCells() ? ObservedCells.logLikelihood(ObservedCells.logDensities(model, data), data)
                : model.logLikelihood(data);
    }

    @Override
    public String groupOf(String parameter) {
        return HeldParameters.GMM.apply(parameter);
    }
}
