package org.mlem.realdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.FamilySpec;
import org.mlem.hmm.GaussianSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameters;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegressionMixture;
import org.mlem.testkit.Fixtures;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;

/**
 * One (data set, model, k) case of {@code fixtures/realdata/reference.json}, written by
 * {@code tools/reference/realdata_reference.py} over the CSVs of {@code tools/reference/export_realdata.R}
 * (and the older {@code fixtures/data/} sets): the data, the mlem estimator of that model with
 * every setting at its default, and the independent implementation's best log-likelihood.
 */
final class RealDataCase {
    private final JsonNode ref;

    private RealDataCase(JsonNode ref) {
        this.ref = ref;
    }

    /** Every case of the fixture, in its order. */
    static List<RealDataCase> all() {
        List<RealDataCase> out = new ArrayList<>();
        for (JsonNode c : Fixtures.json("realdata/reference.json").get("cases")) {
            out.add(new RealDataCase(c));
        }
        return out;
    }

    String name() {
        return ref.get("case").asText();
    }

    String model() {
        return ref.get("model").asText();
    }

    int k() {
        return ref.get("k").asInt();
    }

    /** The reference's best non-degenerate log-likelihood over its random starts, polished. */
    double referenceLogLikelihood() {
        return ref.get("bestLogLikelihood").asDouble();
    }

    /** How much more the reference's polishing expected to gain (Aitken's estimate). */
    double referenceRemainingGain() {
        return ref.get("estimatedRemainingGain").asDouble();
    }

    /** The reference's starts, and how many of them ended within 1e-6 relative of its best. */
    String referenceSummary() {
        return ref.get("startsReachingBest").asInt() + " of " + ref.get("starts").asInt() + " reference starts reached "
                + referenceLogLikelihood() + "; distinct optima " + ref.get("optima");
    }

    /** The case's columns of its CSV fixture, in the fixture's column order. */
    DataMatrix data() {
        DataMatrix all = Fixtures.csv(ref.get("data").asText());
        List<String> names = new ArrayList<>();
        ref.get("columns").forEach(c -> names.add(c.asText()));
        int[] at = names.stream().mapToInt(n -> all.columns().indexOf(n)).toArray();
        double[] v = new double[all.rows() * at.length];
        for (int i = 0; i < all.rows(); i++) {
            for (int j = 0; j < at.length; j++) {
                if (at[j] < 0) {
                    throw new IllegalStateException(ref.get("data").asText() + " has no column " + names.get(j));
                }
                v[i * at.length + j] = all.get(i, at[j]);
            }
        }
        return DataMatrix.of(v, all.rows(), at.length, names);
    }

    private Frame frame() {
        return Fixtures.frame(data());
    }

    private List<String> families() {
        List<String> f = new ArrayList<>();
        ref.get("families").forEach(n -> f.add(n.asText()));
        return f;
    }

    private EmissionSpec emission() {
        return model().equals("hmm-poisson") ? new FamilySpec(Families.byName("poisson"))
                : new GaussianSpec(CovarianceStructure.FULL, GaussianSpec.DEFAULT_REG_COVAR);
    }

    /** The default EM options of this model's estimator. */
    EmOptions defaultEm() {
        return switch (model()) {
            case "gmm", "gmm-missing" -> GaussianMixtureEstimator.of(k()).em();
            case "mvn-missing" -> MvnMissingEstimator.defaults().em();
            case "tmix" -> TMixtureEstimator.of(k()).em();
            case "mixture" -> ProductMixtureEstimator.perColumn(k(), families()).em();
            case "regmix" -> RegmixEstimator.of(ref.get("formula").asText(), k()).em();
            case "hmm-poisson", "hmm-gaussian" -> HiddenMarkovEstimator.of(k(), emission()).em();
            default -> throw new IllegalStateException("unknown model " + model());
        };
    }

    /** Fits the case's model with its default settings, EM options changed by {@code em}, from {@code seed}. */
    Fit fit(UnaryOperator<EmOptions> em, long seed) {
        EmOptions o = em.apply(defaultEm());
        DataMatrix x = data();
        return switch (model()) {
            case "gmm" -> Fit.of(GaussianMixtureEstimator.of(k()).withEm(o).fit(x, seed), RealDataCase::parameters);
            case "gmm-missing" -> Fit.of(GaussianMixtureEstimator.of(k()).withMissingEm(true).withEm(o).fit(x, seed),
                    RealDataCase::parameters);
            case "mvn-missing" -> Fit.of(new MvnMissingEstimator(o).fit(x));
            case "tmix" -> Fit.of(TMixtureEstimator.of(k()).withEm(o).fit(x, seed), RealDataCase::parameters);
            case "mixture" -> Fit.of(ProductMixtureEstimator.perColumn(k(), families()).withEm(o).fit(x, seed),
                    RealDataCase::parameters);
            case "regmix" -> Fit.of(RegmixEstimator.of(ref.get("formula").asText(), k()).withEm(o).fit(frame(), seed),
                    RealDataCase::parameters);
            case "hmm-poisson", "hmm-gaussian" -> Fit.of(HiddenMarkovEstimator.of(k(), emission()).withEm(o)
                    .fit(SequenceData.single(x), seed), RealDataCase::parameters);
            default -> throw new IllegalStateException("unknown model " + model());
        };
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * What the tests read from a fit: its log-likelihood and EM diagnostics, and its parameters in
     * named groups (weights, means, ...), each flattened, in the fit's own component order.
     */
    record Fit(double logLikelihood, boolean converged, int iterations, double[] trace, double[] startLogLikelihoods,
            List<String> groupNames, List<double[]> groups) {

        static <M> Fit of(MixtureFit<M> f, java.util.function.BiConsumer<M, Groups> params) {
            Groups g = new Groups();
            params.accept(f.model(), g);
            return new Fit(f.logLikelihood(), f.converged(), f.iterations(), f.trace(), f.startLogLikelihoods(),
                    g.names, g.values);
        }

        static Fit of(MvnFit f) {
            Groups g = new Groups();
            MvnParameters p = f.parameters();
            g.add("mean", p.mean());
            g.add("covariance", flat(p.covariance()));
            return new Fit(f.logLikelihood(), f.converged(), f.iterations(), f.trace(),
                    new double[] {f.logLikelihood()}, g.names, g.values);
        }
    }

    /** Named parameter groups being collected. */
    static final class Groups {
        final List<String> names = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        void add(String name, double[] v) {
            names.add(name);
            values.add(v.clone());
        }
    }

    private static void parameters(GaussianMixture m, Groups g) {
        g.add("weights", m.weights());
        g.add("means", flat(m.means()));
        List<double[][]> covs = new ArrayList<>();
        for (int j = 0; j < m.components(); j++) {
            covs.add(m.covariance(j));
        }
        g.add("covariances", flat(covs.toArray(double[][][]::new)));
    }

    private static void parameters(TMixture m, Groups g) {
        g.add("weights", m.weights());
        List<double[]> means = new ArrayList<>();
        List<double[][]> scales = new ArrayList<>();
        for (int j = 0; j < m.weights().length; j++) {
            means.add(m.mean(j));
            scales.add(m.scale(j));
        }
        g.add("means", flat(means.toArray(double[][]::new)));
        g.add("scales", flat(scales.toArray(double[][][]::new)));
        g.add("df", m.degreesOfFreedom());
    }

    /**
     * A product mixture's weights, then one group per column factor holding every component's
     * values of it (component after component), so a value at a boundary (a Poisson mean tending
     * to 0) is compared on the scale of the same parameter in the other components.
     */
    private static void parameters(ProductMixture m, Groups g) {
        g.add("weights", m.weights());
        int parts = m.component(0).parts().size();
        for (int c = 0; c < parts; c++) {
            List<double[]> values = new ArrayList<>();
            for (int j = 0; j < m.k(); j++) {
                ComponentPart part = m.component(j).parts().get(c);
                values.add(part.parameterValues());
            }
            g.add("factor " + (c + 1) + " (components in turn)", flat(values.toArray(double[][]::new)));
        }
    }

    private static void parameters(RegressionMixture m, Groups g) {
        g.add("weights", m.weights());
        for (int j = 0; j < m.weights().length; j++) {
            g.add("coefficients " + (j + 1), m.coefficients(j));
        }
        if (m.hasSd()) {
            g.add("sd", m.sds());
        }
    }

    private static void parameters(HiddenMarkovModel m, Groups g) {
        g.add("start", m.startProbabilities());
        g.add("transitions", flat(m.transitionMatrix()));
        g.add("emissions", m.emissions().toVector());
    }

    static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] flat(double[][][] a) {
        return java.util.Arrays.stream(a).map(RealDataCase::flat).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
