package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;

/**
 * Oracle: an independent R log-likelihood for censored and truncated counts, bounds inclusive
 * ([l, u] is l ≤ X ≤ u) and truncation a &lt; X ≤ b (tools/reference/censored_count.R, fixture
 * fixtures/survival/censored_count.json; optim then Newton-polished, standard errors by numDeriv's
 * Richardson Hessian; cross-checked there against fitdistcens on the shifted rows). The
 * zero-truncated fits also against VGAM's vglm (pospoisson, posnegbinomial) and the zero-truncated
 * Poisson against its closed-form root and information. Tolerances: estimates and log-likelihood
 * 1e-6 relative, standard errors 1e-5 relative (the tiers).
 */
class CensoredCountAgreementTest {
    static Stream<Arguments> references() throws IOException {
        return FitdistcensAgreementTest.entries("/fixtures/survival/censored_count.json");
    }

    static CensoredFit.Result fit(String family, JsonNode ref) {
        String name = ref.get("size").isNull() ? family : family + ":" + ref.get("size").asInt();
        CensoredSample s = CensoredSample.ofIntervals(FitdistcensAgreementTest.column(ref.get("left")),
                FitdistcensAgreementTest.column(ref.get("right")), null);
        return CensoredFit.fit(Families.byName(name), s, FitdistcensAgreementTest.truncation(ref));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("references")
    void agreesWithTheRLikelihood(String family, String dataset, JsonNode ref) {
        FittedDistribution fit = fit(family, ref).fit();
        close("log-likelihood", fit.logLikelihood(), ref.get("loglik").asDouble(), FitdistcensAgreementTest.ESTIMATE_RTOL);
        closeEach("estimate", fit.estimates(), ref.get("estimate"), FitdistcensAgreementTest.ESTIMATE_RTOL);
        closeEach("standard error", fit.standardErrors(), ref.get("se"), FitdistcensAgreementTest.SE_RTOL);
        if (ref.has("vgam")) {
            JsonNode vgam = ref.get("vgam");
            close("VGAM log-likelihood", fit.logLikelihood(), vgam.get("loglik").asDouble(),
                    FitdistcensAgreementTest.ESTIMATE_RTOL);
            closeEach("VGAM estimate", fit.estimates(), vgam.get("estimate"), FitdistcensAgreementTest.ESTIMATE_RTOL);
            if (vgam.has("se")) {
                closeEach("VGAM standard error", fit.standardErrors(), vgam.get("se"), FitdistcensAgreementTest.SE_RTOL);
            }
        }
        if (ref.has("closedForm")) {
            closeEach("closed-form root", fit.estimates(), ref.get("closedForm").get("estimate"), 1e-8);
            closeEach("closed-form standard error", fit.standardErrors(), ref.get("closedForm").get("se"),
                    FitdistcensAgreementTest.SE_RTOL);
        }
    }

    private static void closeEach(String what, Map<String, Double> actual, JsonNode expected, double rtol) {
        expected.fields().forEachRemaining(e -> close(what + " " + e.getKey(), actual.get(e.getKey()),
                e.getValue().asDouble(), rtol));
    }

    private static void close(String what, double actual, double expected, double rtol) {
        assertThat(actual).as(what).isCloseTo(expected, within(rtol * Math.abs(expected)));
    }
}
