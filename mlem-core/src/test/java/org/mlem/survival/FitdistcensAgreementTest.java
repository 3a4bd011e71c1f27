package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;

/**
 * Oracle: R's fitdistrplus::fitdistcens on its salinity, smokedfish and fluazinam data (left, right
 * and interval censoring), and truncated fits of an independent R likelihood
 * (tools/reference/censored_dist.R, fixture fixtures/survival/censored_dist.json; estimates
 * Newton-polished, standard errors by numDeriv's Richardson-extrapolated Hessian). Tolerances:
 * estimates and log-likelihood 1e-6 relative, standard errors 1e-5 relative.
 */
class FitdistcensAgreementTest {
    static final double ESTIMATE_RTOL = 1e-6;
    static final double SE_RTOL = 1e-5;

    static Stream<Arguments> references() throws IOException {
        return entries("/fixtures/survival/censored_dist.json");
    }

    /** A fixture's entries as (family, dataset, entry). */
    static Stream<Arguments> entries(String resource) throws IOException {
        try (InputStream in = FitdistcensAgreementTest.class.getResourceAsStream(resource)) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                out.add(Arguments.of(entry.get("family").asText(), entry.get("dataset").asText(), entry));
            }
            return out.stream();
        }
    }

    static double[] column(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return v;
    }

    static Truncation truncation(JsonNode ref) {
        JsonNode below = ref.get("truncateBelow");
        JsonNode above = ref.get("truncateAbove");
        return new Truncation(below.isNull() ? Double.NEGATIVE_INFINITY : below.asDouble(),
                above.isNull() ? Double.POSITIVE_INFINITY : above.asDouble());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("references")
    void agreesWithR(String family, String dataset, JsonNode ref) {
        CensoredSample s = CensoredSample.ofIntervals(column(ref.get("left")), column(ref.get("right")), null);
        CensoredFit.Result result = CensoredFit.fit(Families.byName(family), s, truncation(ref));
        FittedDistribution fit = result.fit();

        double loglik = ref.get("loglik").asDouble();
        assertThat(fit.logLikelihood()).as("log-likelihood").isCloseTo(loglik, within(ESTIMATE_RTOL * Math.abs(loglik)));
        ref.get("estimate").fields().forEachRemaining(e -> {
            double expected = e.getValue().asDouble();
            assertThat(fit.estimates().get(e.getKey())).as("estimate " + e.getKey())
                    .isCloseTo(expected, within(ESTIMATE_RTOL * Math.abs(expected)));
        });
        ref.get("se").fields().forEachRemaining(e -> {
            double expected = e.getValue().asDouble();
            assertThat(fit.standardErrors().get(e.getKey())).as("standard error " + e.getKey())
                    .isCloseTo(expected, within(SE_RTOL * Math.abs(expected)));
        });
    }
}
