package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * mclust's conjugate prior on every model mclust gives one for: EII, VII, EEI, VEI, EVI, VVI,
 * EEE, EEV, VEV, VVV on iris, Old Faithful and diabetes, and E and V on the galaxies velocities.
 * Oracle: fixtures/mclust/prior_models.json, made by tools/reference/mclust_prior_models.R (R
 * mclust 6.0 {@code mstep} and {@code me} with {@code prior = priorControl()} from hc partitions,
 * quantile classes in one column, G = 2..4; {@code Mclust(prior = priorControl())}).
 * Tolerances: the M-step alone 1e-9 relative (1e-7 for VEI and VEV, whose {@code mstep} stops its
 * inner iteration at emControl()'s sqrt(ε)); EM replayed from the M-step of the same partition
 * for {@code me}'s iterations less one, log-likelihood 1e-8, parameters 1e-6 relative (floor: each
 * array's largest magnitude); the selection, both run to convergence, log-likelihood and BIC 1e-7.
 */
class GmmPriorModelsTest {
    private static final JsonNode FIXTURE = Fixtures.json("mclust/prior_models.json");
    /** mclust's {@code mstep} differs from the M-step its {@code me} iterates for these (GmmPrior's Javadoc). */
    private static final Set<String> MSTEP_IS_NOT_ME = Set.of("EII", "EEI", "EVI", "EEV");

    static Stream<Arguments> cases() {
        return HierarchicalStartTest.cases(FIXTURE);
    }

    @ParameterizedTest(name = "{0} {1} G={2}")
    @MethodSource("cases")
    void mapMStepMatchesMstep(String dataset, String model, int k, JsonNode c) {
        Assumptions.assumeFalse(c.path("failed").asBoolean(), "mclust: NA");
        Assumptions.assumeFalse(MSTEP_IS_NOT_ME.contains(model), "mclust's mstep is not its me's M-step here");
        DataMatrix x = MclustModelsTest.data(dataset);
        GaussianMixture got = MclustModelsTest.mStep(c, prior(model, k, x), x);
        MclustModelsTest.assertMatches(got, c.get("mstep"), model.equals("VEI") || model.equals("VEV") ? 1e-7 : 1e-9);
        assertThat(got.nParameters()).isEqualTo(c.get("df").asInt());
    }

    @ParameterizedTest(name = "{0} {1} G={2}")
    @MethodSource("cases")
    void mapEmFromThePartitionMatchesMe(String dataset, String model, int k, JsonNode c) {
        Assumptions.assumeFalse(c.path("failed").asBoolean(), "mclust: NA");
        DataMatrix x = MclustModelsTest.data(dataset);
        JsonNode me = c.get("me");
        GaussianMixture start = MclustModelsTest.mStep(c, prior(model, k, x), x);
        EmOptions em = EmOptions.DEFAULTS.withThreads(1).withAcceleration(Acceleration.NONE).withRestarts(1)
                .withTolerance(0).withMaxIterations(Math.max(1, me.get("iterations").asInt() - 1));
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(k).withCovariance(structure(model, x))
                .withRegCovar(0).withInit(new GmmInit.Given(start)).withEm(em).withDefaultPrior(true).fit(x, 0);
        double got = fit.model().logLikelihood(x);
        double want = me.get("loglikAtParameters").asDouble();
        assertThat(Tolerances.relativeError(got, want, 0)).as("log-likelihood %s, mclust %s", got, want).isLessThan(1e-8);
        MclustModelsTest.assertMatches(fit.model(), me, 1e-6);
        assertThat(fit.model().nParameters()).isEqualTo(c.get("df").asInt());
    }

    static Stream<Arguments> convergedSelections() {
        return FIXTURE.findValues("dataset").stream().map(JsonNode::asText)
                .map(ds -> Arguments.of(ds, FIXTURE.get("datasets").get(index(ds)).get("mclustConverged")));
    }

    /**
     * Every model with a prior × G = 1..9, each from mclust's start (hc partitions, or the quantile
     * classes in one column) and run to convergence, by BIC (the data's log-likelihood at the MAP
     * estimate): the pick of Mclust with {@code me} run to convergence too. With its default
     * tolerance (1e-5 relative) Mclust's own pick is the same on iris, Old Faithful and diabetes;
     * on the galaxies it stops E G=6 on a plateau 3.96 below that fit's maximum and picks V G=4
     * (BIC −1583.47 against E G=6's −1579.96).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convergedSelections")
    void selectionUnderThePriorPicksWhatMclustPicks(String dataset, JsonNode mclust) {
        DataMatrix x = MclustModelsTest.data(dataset);
        JsonNode starts = startsOf(dataset); // the quantile classes in one column; null: mlem's hc
        List<String> models = x.cols() == 1 ? List.of("E", "V")
                : List.of("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "EEV", "VEV", "VVV");
        Pick best = select(x, models, (model, k) -> starts == null ? GmmInit.Hierarchical.withSeed(0)
                : new GmmInit.Given(MclustModelsTest.mStep(labelled(starts.get(k - 1), k), prior(model, k, x), x)));
        double bestLl = best.logLikelihood();
        double bestBic = best.bic();
        assertThat(best.name()).isEqualTo(mclust.get("model").asText() + " G=" + mclust.get("k").asInt());
        double want = mclust.get("loglik").asDouble();
        assertThat(Tolerances.relativeError(bestLl, want, 0)).as("log-likelihood %s, mclust %s", bestLl, want).isLessThan(1e-7);
        assertThat(Tolerances.relativeError(-bestBic, mclust.get("bic").asDouble(), 0)).isLessThan(1e-7);
    }

    /** A selection's pick: "model G=k", its log-likelihood and BIC. */
    record Pick(String name, double logLikelihood, double bic) {}

    /** Every model × G = 1..9 under the default prior, each from {@code init}'s start run to convergence, by BIC. */
    static Pick select(DataMatrix x, List<String> models, java.util.function.BiFunction<String, Integer, GmmInit> init) {
        Pick best = null;
        for (String model : models) {
            for (int k = 1; k <= 9; k++) {
                MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(k).withCovariance(structure(model, x))
                        .withRegCovar(0).withInit(init.apply(model, k)).withEm(EmOptions.DEFAULTS.withThreads(1).withRestarts(1))
                        .withDefaultPrior(true).fit(x, 0);
                double bic = -2 * fit.logLikelihood() + fit.model().nParameters() * Math.log(x.rows());
                if (best == null || bic < best.bic()) {
                    best = new Pick(model + " G=" + k, fit.logLikelihood(), bic);
                }
            }
        }
        return best;
    }

    @Test
    void theModelsMclustGivesNoPriorForAreRefusedInOneLine() {
        DataMatrix x = MclustModelsTest.data("faithful");
        for (CovarianceStructure s : List.of(CovarianceStructure.VEE, CovarianceStructure.EVE, CovarianceStructure.VVE,
                CovarianceStructure.EVV)) {
            assertThatThrownBy(() -> GaussianMixtureEstimator.of(2).withCovariance(s).withDefaultPrior(true).fit(x, 0))
                    .isInstanceOf(MlemUserException.class).hasMessageContaining(s.mclustName(2))
                    .hasMessageContaining("drop --prior").hasMessageNotContaining("\n");
        }
        assertThat(GmmPrior.supports(CovarianceStructure.EVV, 1)).as("every structure is E or V in one column").isTrue();
    }

    private static int index(String dataset) {
        JsonNode all = FIXTURE.get("datasets");
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).get("dataset").asText().equals(dataset)) {
                return i;
            }
        }
        throw new IllegalArgumentException(dataset);
    }

    private static JsonNode startsOf(String dataset) {
        return FIXTURE.get("datasets").get(index(dataset)).get("starts");
    }

    /** A case node holding {@code labels} and {@code k}, for {@link MclustModelsTest#mStep}. */
    private static JsonNode labelled(JsonNode labels, int k) {
        com.fasterxml.jackson.databind.node.ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("k", k);
        n.set("labels", labels);
        return n;
    }

    private static CovarianceStructure structure(String model, DataMatrix x) {
        return CovarianceStructure.parse(model, x.cols());
    }

    private static GmmModel prior(String model, int k, DataMatrix x) {
        CovarianceStructure s = structure(model, x);
        return new GmmModel(s, 0.0).withPrior(GmmPrior.defaults(x, k, s));
    }
}
