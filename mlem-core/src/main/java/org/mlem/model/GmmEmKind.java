package org.mlem.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmParameter;
import org.mlem.gmm.GmmPrior;
import org.mlem.gmm.NoiseMixture;
import org.mlem.gmm.NoiseMixtureEstimator;
import org.mlem.gmm.NoiseRegion;
import org.mlem.gmm.NoiseStart;

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
        return estimator(data, shape, Extras.NONE, em, seed, missingEm).fit(data, seed);
    }

    /** The estimator {@code fit gmm} builds for these options on {@code data} (without noise). */
    static GaussianMixtureEstimator estimator(DataMatrix data, Shape shape, Extras extras, EmOptions em, long seed,
            boolean missingEm) {
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(shape.k()).withEm(em).withMissingEm(missingEm);
        if (extras.init() != null) {
            GmmInit init = GmmInit.named(extras.init(), seed);
            if (init == null) {
                throw new MlemUserException("init '" + extras.init() + "' is not kmeans++, random or hc; use one of those");
            }
            e = e.withInit(init);
        }
        e = e.withEqualProportions(extras.equalProportions()).withDefaultPrior(extras.defaultPrior());
        return shape.covariance() == null ? e : e.withCovariance(CovarianceStructure.parse(shape.covariance(), data.cols()));
    }

    /**
     * {@code fit gmm}'s extras: {@code --init}, {@code --equal-proportions}, {@code --prior default}
     * and {@code --noise} (its start the rows the nearest-neighbour rule flags, {@link NoiseStart},
     * or those labelled 1 with {@link Extras#noiseStartLabelled}; the noise region scaled to
     * {@link Extras#hypervolume} when given; the fitted model a {@link NoiseMixture}).
     */
    @Override
    public MixtureFit<?> fit(DataMatrix data, Shape shape, Extras extras, EmOptions em, long seed, boolean missingEm) {
        refuseNoiseOnly(extras);
        if (!extras.noise()) {
            return estimator(data, shape, extras, em, seed, missingEm).fit(data, seed);
        }
        boolean[] start;
        DataMatrix rows = data;
        if (extras.noiseStartLabelled()) {
            start = new boolean[data.rows()];
            for (int i = 0; i < start.length; i++) {
                start[i] = data.label(i) == 1;
            }
            rows = DataMatrix.of(data.values(), data.rows(), data.cols(), data.columns());
            rows = data.hasWeights() ? rows.withWeights(data.weights()) : rows;
        } else {
            start = NoiseStart.byNearestNeighbours(data);
        }
        return noiseEstimator(estimator(rows, shape, extras, em, seed, missingEm), extras).fit(rows, start, seed,
                EmListener.NONE);
    }

    private static NoiseMixtureEstimator noiseEstimator(GaussianMixtureEstimator e, Extras extras) {
        return new NoiseMixtureEstimator(e, extras.hypervolume());
    }

    private static void refuseNoiseOnly(Extras extras) {
        if (!extras.noise() && (extras.noiseStartLabelled() || !Double.isNaN(extras.hypervolume()))) {
            throw new MlemUserException((extras.noiseStartLabelled() ? "noiseStartCol" : "hypervolume")
                    + " belongs to the noise component; set noise or unset it");
        }
    }

    /**
     * From a given start ({@link GaussianMixture}, or {@link NoiseMixture} with {@code noise}): the
     * prior is {@link GmmPrior#defaults} of {@code rows}, the noise region {@link NoiseRegion#of} them,
     * the weights equal when asked or when the start's are.
     */
    @Override
    public org.mlem.em.EmProblem<?> problem(Object start, List<String> columns, boolean marginalise, Extras extras,
            org.mlem.em.RowPasses rows) {
        refuseNoiseOnly(extras);
        if (extras.noise() != start instanceof NoiseMixture) {
            throw new MlemUserException(extras.noise() ? "noise is set but the initial model has no noise component; give a"
                    + " model fitted with noise or unset noise" : "the initial model has a noise component; set noise");
        }
        if (extras.defaultPrior() && marginalise) {
            throw new MlemUserException("prior with missing cells (missing=em) does not run on Spark yet; drop one of them");
        }
        if (start instanceof NoiseMixture n) {
            return noiseEstimator(estimator(n.gaussians(), EmOptions.DEFAULTS)
                    .withEqualProportions(extras.equalProportions() || n.gaussians().equalProportions())
                    .withDefaultPrior(extras.defaultPrior()), extras).problem(n, rows);
        }
        GaussianMixture m = (GaussianMixture) start;
        return estimator(m, EmOptions.DEFAULTS).withInit(new GmmInit.Given(m))
                .withEqualProportions(extras.equalProportions() || m.equalProportions())
                .problem(marginalise, extras.defaultPrior() ? GmmPrior.defaults(rows, m.components(), m.structure()) : null);
    }

    @Override
    public int classesOf(Object fitted) {
        return fitted instanceof NoiseMixture n ? n.components() : classes((GaussianMixture) fitted);
    }

    @Override
    public Object fitted(FittedModel file) {
        FittedGmm gmm = (FittedGmm) file;
        return gmm.noise() != null ? gmm.noise() : gmm.mixture();
    }

    @Override
    public com.fasterxml.jackson.databind.node.ObjectNode fittedNode(Object fitted, List<String> columns) {
        if (fitted instanceof NoiseMixture n) {
            return FittedGmm.KIND.codec().write(new FittedGmm(new GmmFile(n.gaussians(), columns, null, n)));
        }
        return modelNode((GaussianMixture) fitted, columns);
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
