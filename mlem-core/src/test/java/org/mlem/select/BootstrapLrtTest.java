package org.mlem.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * The bootstrap LRT against R's mclust 6.0 {@code mclustBootstrapLRT} on Old Faithful (oracle:
 * fixtures/mclust/bootstrap_lrt.json from tools/reference/mclust_bootstrap_lrt.R, EM to tolerance
 * 1e-10, 199 replicates), tested from mclust's own fits (bootstrap_lrt_fits.json: mclustBIC from its
 * hc start; mlem's k-means++ starts find a higher VVV k=3 maximum on these data, which would change
 * the statistic). Tolerances: the log-likelihoods at mclust's parameters 1e-8 relative, the observed
 * statistics 1e-6 relative; the p-values within Monte Carlo error: |p − p_R| at most four binomial
 * standard errors of mlem's B replicates plus both resolutions 1/(B + 1).
 */
class BootstrapLrtTest {
    private static final JsonNode FIXTURE = Fixtures.json("mclust/bootstrap_lrt.json");
    private static final JsonNode FITS = Fixtures.json("mclust/bootstrap_lrt_fits.json");
    private static final DataMatrix FAITHFUL = Fixtures.csv("data/faithful.csv");
    private static final int B = 199;

    static Stream<Arguments> tests() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (JsonNode t : FIXTURE.get("tests")) {
            for (int i = 0; i < t.get("k").size(); i++) {
                out.add(Arguments.of(t.get("model").asText(), t.get("k").get(i).asInt(), t));
            }
        }
        return out.build();
    }

    private static GaussianMixtureEstimator estimator(String model) {
        EmOptions em = EmOptions.DEFAULTS.withTolerance(1e-10).withMaxIterations(5000);
        return GaussianMixtureEstimator.of(1).withCovariance(CovarianceStructure.parse(model, 2)).withRegCovar(0).withEm(em);
    }

    /** mclust's fitted mixture (mclustBIC from its hc start) of {@code model} with k components. */
    private static GaussianMixture mclustFit(String model, int k) {
        for (JsonNode f : FITS.get("fits")) {
            if (f.get("model").asText().equals(model) && f.get("k").asInt() == k) {
                return new MclustFixture(f).mixture();
            }
        }
        throw new IllegalArgumentException(model + " k=" + k);
    }

    @ParameterizedTest(name = "{0} {1} vs {1}+1")
    @MethodSource("tests")
    void observedStatisticIsMclustsAndPValueWithinMonteCarloError(String model, int k, JsonNode t) {
        GaussianMixture m0 = mclustFit(model, k);
        GaussianMixture m1 = mclustFit(model, k + 1);
        double ll0 = m0.logLikelihood(FAITHFUL);
        double ll1 = m1.logLikelihood(FAITHFUL);
        assertThat(Tolerances.relativeError(ll0, t.get("loglik").get(k - 1).asDouble(), 0)).isLessThan(1e-8);
        assertThat(Tolerances.relativeError(ll1, t.get("loglik").get(k).asDouble(), 0)).isLessThan(1e-8);
        BootstrapLrt.Step s = new BootstrapLrt(estimator(model), B).test(FAITHFUL, m0, ll0, m1, ll1, 7, 2);
        double obs = t.get("obs").get(k - 1).asDouble();
        assertThat(Tolerances.relativeError(s.observed(), obs, 1)).as("observed %s, mclust %s", s.observed(), obs)
                .isLessThan(1e-6);
        double pR = t.get("pValue").get(k - 1).asDouble();
        int nR = t.get("nboot").asInt();
        double p = Math.max(pR, 1.0 / (B + 1));
        double allowed = 4 * Math.sqrt(p * (1 - p) / B) + 1.0 / (B + 1) + 1.0 / (nR + 1);
        assertThat(Math.abs(s.pValue() - pR)).as("p %s, mclust %s", s.pValue(), pR).isLessThanOrEqualTo(allowed);
        assertThat(s.bootstrap()).hasSize(B);
    }

    @Test
    void sameBitsForAnyThreadCount() {
        GaussianMixture m1 = mclustFit("VVV", 1);
        GaussianMixture m2 = mclustFit("VVV", 2);
        double ll1 = m1.logLikelihood(FAITHFUL);
        double ll2 = m2.logLikelihood(FAITHFUL);
        BootstrapLrt lrt = new BootstrapLrt(estimator("VVV").withEm(EmOptions.DEFAULTS), 24);
        BootstrapLrt.Step one = lrt.test(FAITHFUL, m1, ll1, m2, ll2, 5, 1);
        BootstrapLrt.Step four = lrt.test(FAITHFUL, m1, ll1, m2, ll2, 5, 4);
        assertThat(four.bootstrap()).containsExactly(one.bootstrap());
        assertThat(four.pValue()).isEqualTo(one.pValue());
        // EM from the alternative's parameters never ends below the null's maximum by much: LRT ≥ 0 up to EM's tolerance
        for (double v : one.bootstrap()) {
            assertThat(v).isGreaterThan(-1e-3);
        }
    }

    @Test
    void fewerThanOneReplicateIsAUserError() {
        assertThatThrownBy(() -> new BootstrapLrt(estimator("VVV"), 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("at least 1");
    }
}
