package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * Oracle: survival::survreg on lung and ovarian (weibull, exponential, lognormal, loglogistic, and
 * gaussian, logistic, extreme on lung; left censoring on ovarian) and AER::tobit on Affairs (left = 0,
 * and left = 0 with right = 4; gaussian and logistic), run with rel.tolerance 1e-13
 * (tools/reference/survreg.R, fixtures/survival/survreg.json). Tolerances: coefficients, scale and
 * log-likelihood 1e-6 relative; standard errors (survreg's analytic vcov) 1e-5 relative.
 */
class SurvregAgreementTest {
    static final double ESTIMATE_RTOL = 1e-6;
    static final double SE_RTOL = 1e-5;

    static Stream<Arguments> references() throws IOException {
        try (InputStream in = SurvregAgreementTest.class.getResourceAsStream("/fixtures/survival/survreg.json")) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode e : new ObjectMapper().readTree(in)) {
                String label = e.get("dataset").asText() + " " + e.get("dist").asText()
                        + (e.has("left") ? " tobit right=" + e.get("right") : "") + " " + e.get("formula").asText();
                out.add(Arguments.of(label, e));
            }
            return out.stream();
        }
    }

    static Frame frame(String dataset) {
        try {
            return Frame.readCsv(Path.of(SurvregAgreementTest.class.getResource("/fixtures/survival/" + dataset + ".csv")
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void agreesWithSurvreg(String label, JsonNode ref) {
        Frame frame = frame(ref.get("dataset").asText());
        AftDistribution dist = AftDistribution.byName(ref.get("dist").asText());
        String formula = ref.get("formula").asText();
        SurvivalFit fit = ref.has("left")
                ? SurvivalFormula.tobit(formula, frame, DesignSpec.DEFAULTS, ref.get("left").asDouble(),
                        ref.get("right").isNull() ? Double.POSITIVE_INFINITY : ref.get("right").asDouble(), dist)
                : SurvivalFormula.survreg(formula, frame, DesignSpec.DEFAULTS, dist);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.rows()).isEqualTo(ref.get("n").asInt());
        close(fit.logLikelihood(), ref.get("loglik").asDouble(), ESTIMATE_RTOL, "log-likelihood");
        close(fit.scale(), ref.get("scale").asDouble(), ESTIMATE_RTOL, "scale");
        ref.get("coefficients").fields().forEachRemaining(e ->
                close(fit.coefficientMap().get(e.getKey()), e.getValue().asDouble(), ESTIMATE_RTOL, e.getKey()));
        assertThat(fit.standardErrors().keySet()).containsExactlyElementsOf(() -> ref.get("se").fieldNames());
        ref.get("se").fields().forEachRemaining(e ->
                close(fit.standardErrors().get(e.getKey()), e.getValue().asDouble(), SE_RTOL, "SE " + e.getKey()));
    }

    static void close(double actual, double expected, double rtol, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(rtol * Math.abs(expected)));
    }
}
