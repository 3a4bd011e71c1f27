package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Oracle: R 4.2.2's fitdistrplus 1.1-8 ({@code fitdist}, then {@code gofstat} at the estimate
 * polished by Newton steps) on groundbeef$serving, faithful$eruptions, precip (normal, lognormal,
 * gamma, weibull, exponential, logistic), discoveries and warpbreaks$breaks (Poisson, negative
 * binomial, geometric): tools/reference/select_dist_reference.R, fixture
 * fixtures/r/select_dist.json.
 * <ul>
 *   <li>mlem's own fit: estimates, log-likelihood, AIC, BIC and the statistics to 1e-6 relative
 *       (the external-optimiser tier: both maxima are independently found);</li>
 *   <li>the statistic formulas at R's own parameters: 1e-10 relative (closed-form tier), the
 *       chi-squared cells' breaks and observed counts exactly.</li>
 * </ul>
 */
class GofstatAgreementTest {
    static final double OPTIMISER_RTOL = 1e-6;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Fixtures.json("r/select_dist.json")) {
            out.add(Arguments.of(c.get("family").asText(), c.get("dataset").asText(), c));
        }
        return out.stream();
    }

    static double[] values(JsonNode a) {
        double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(i).asDouble();
        }
        return x;
    }

    private static void close(double actual, JsonNode expected, double rtol, String what) {
        double e = expected.asDouble();
        assertThat(actual).as(what).isCloseTo(e, within(rtol * Math.abs(e)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void mlemFitAgreesWithFitdistAndGofstat(String family, String dataset, JsonNode ref) {
        double[] x = values(ref.get("x"));
        FittedDistribution fit = Families.byName(family).fit(x);

        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("estimate").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            close(fit.estimates().get(e.getKey()), e.getValue(), OPTIMISER_RTOL, e.getKey());
        }
        close(fit.logLikelihood(), ref.get("loglik"), OPTIMISER_RTOL, "log-likelihood");
        close(fit.aic(), ref.get("aic"), OPTIMISER_RTOL, "AIC");
        close(fit.bic(), ref.get("bic"), OPTIMISER_RTOL, "BIC");
        GoodnessOfFit gof = GoodnessOfFit.of(fit.distribution(), x);
        checkStatistics(gof, ref, OPTIMISER_RTOL);
        if (gof instanceof EdfStatistics edf) { // fit dist's weighted KS, which groups ties, is the same number
            assertThat(edf.ks()).isCloseTo(fit.ksStatistic(), within(1e-14));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void statisticsAtRsParametersAgreeToClosedFormTolerance(String family, String dataset, JsonNode ref) {
        double[] x = values(ref.get("x"));
        UnivariateFamily f = Families.byName(family);
        double[] theta = new double[f.parameterNames().size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = ref.get("estimate").get(f.parameterNames().get(i)).asDouble();
        }
        GoodnessOfFit gof = GoodnessOfFit.of(f.of(theta), x);
        checkStatistics(gof, ref, Tolerances.CLOSED_FORM);
        if (gof instanceof ChiSquaredStatistic chi) {
            assertThat(chi.breaks()).containsExactly(values(ref.get("chisqbreaks")));
            assertThat(chi.observed()).containsExactly(values(ref.get("observed")));
            double[] expected = values(ref.get("theoretical"));
            for (int j = 0; j < expected.length; j++) {
                assertThat(chi.expected()[j]).as("expected count " + j)
                        .isCloseTo(expected[j], within(Tolerances.CLOSED_FORM * expected[j]));
            }
        }
    }

    private static void checkStatistics(GoodnessOfFit gof, JsonNode ref, double rtol) {
        if (ref.get("discrete").asBoolean()) {
            ChiSquaredStatistic chi = (ChiSquaredStatistic) gof;
            close(chi.chisq(), ref.get("chisq"), rtol, "chi-squared");
            assertThat(chi.df()).isEqualTo(ref.get("chisqdf").asInt());
            // an error e in chisq moves log p by about e/2: the p-value's relative error is chisq/2 times the statistic's
            close(chi.pValue(), ref.get("chisqpvalue"), rtol * Math.max(1, chi.chisq()), "p-value");
        } else {
            EdfStatistics edf = (EdfStatistics) gof;
            close(edf.ks(), ref.get("ks"), rtol, "Kolmogorov-Smirnov");
            close(edf.cvm(), ref.get("cvm"), rtol, "Cramer-von Mises");
            close(edf.ad(), ref.get("ad"), rtol, "Anderson-Darling");
        }
    }
}
