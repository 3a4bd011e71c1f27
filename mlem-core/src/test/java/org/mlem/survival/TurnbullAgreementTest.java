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

/**
 * Oracle: tools/reference/turnbull.R (fixture fixtures/survival/turnbull.json) on fitdistrplus's
 * salinity and smokedfish: innermost intervals exactly; masses and log-likelihood to 1e-8 against an
 * independent self-consistency iteration run in R until no mass moves by 1e-15; and survival's
 * survfit(Surv(l, r, type = "interval2") ~ 1) curve at its times outside the innermost intervals to
 * 1e-3 (survfit stops its own iteration when the curve moves by under 5e-5), and to 1e-8 against
 * the curve of survfit's own iteration (survival:::survfitTurnbull) with that stopping rule lowered
 * to 1e-13 ({@code survfitConvergedSurv}; the script checks it within 1e-10 of the NPMLE).
 */
class TurnbullAgreementTest {
    static Stream<Arguments> references() throws IOException {
        try (InputStream in = TurnbullAgreementTest.class.getResourceAsStream("/fixtures/survival/turnbull.json")) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode e : new ObjectMapper().readTree(in)) {
                out.add(Arguments.of(e.get("dataset").asText(), e));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void agreesWithTheSelfConsistentNpmleAndSurvfit(String dataset, JsonNode ref) {
        CensoredSample s = CensoredSample.ofIntervals(FitdistcensAgreementTest.column(ref.get("left")),
                FitdistcensAgreementTest.column(ref.get("right")), null);
        Turnbull.Fit fit = Turnbull.fit(s, 1e-15, 1_000_000);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.lower()).containsExactly(infinite(FitdistcensAgreementTest.column(ref.get("q")), -1));
        assertThat(fit.upper()).containsExactly(infinite(FitdistcensAgreementTest.column(ref.get("p")), 1));
        double[] mass = FitdistcensAgreementTest.column(ref.get("mass"));
        for (int j = 0; j < mass.length; j++) {
            assertThat(fit.mass()[j]).as("mass " + j).isCloseTo(mass[j], within(1e-8));
        }
        assertThat(fit.logLikelihood()).isCloseTo(ref.get("loglik").asDouble(), within(1e-8));
        double[] times = FitdistcensAgreementTest.column(ref.get("survfitTime"));
        double[] surv = FitdistcensAgreementTest.column(ref.get("survfitSurv"));
        double[] converged = FitdistcensAgreementTest.column(ref.get("survfitConvergedSurv"));
        for (int k = 0; k < times.length; k++) {
            if (!inside(fit, times[k])) {
                assertThat(fit.survival(times[k])).as("S(" + times[k] + ")").isCloseTo(surv[k], within(1e-3));
                assertThat(fit.survival(times[k])).as("S(" + times[k] + ") vs survfit's converged iteration")
                        .isCloseTo(converged[k], within(1e-8));
            }
        }
    }

    private static boolean inside(Turnbull.Fit fit, double t) {
        for (int j = 0; j < fit.mass().length; j++) {
            if (fit.lower()[j] < t && t < fit.upper()[j]) {
                return true;
            }
        }
        return false;
    }

    /** The fixture writes ±∞ as null (NaN here). */
    private static double[] infinite(double[] v, int sign) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = sign * Double.POSITIVE_INFINITY;
            }
        }
        return out;
    }
}
