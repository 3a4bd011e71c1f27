package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.dist.Families;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilySelection;
import org.mlem.dist.FittedDistribution;
import org.mlem.select.Criterion;
import org.mlem.testkit.Fixtures;

/**
 * {@link CensoredFamilySelection}. Oracles: R's fitdistrplus::fitdistcens on its salinity and
 * smokedfish data (tools/reference/censored_select.R, fixture fixtures/survival/censored_select.json):
 * each family's log-likelihood, AIC and BIC to 1e-6 relative (an external optimiser), the parameter
 * count and the family each criterion picks exactly; and {@link CensoredFit} run family by family on
 * the same rows, weights and truncation: estimates, log-likelihood, AIC and BIC bit for bit, the pick
 * the lowest BIC.
 */
class CensoredFamilySelectionTest {
    private static final List<String> SIX = List.of("normal", "lognormal", "exponential", "gamma", "weibull", "logistic");

    static Stream<Arguments> datasets() {
        List<Arguments> out = new ArrayList<>();
        Fixtures.json("survival/censored_select.json").forEach(d -> out.add(Arguments.of(d.get("dataset").asText(), d)));
        return out.stream();
    }

    private static CensoredSample rows(JsonNode d) {
        return CensoredSample.ofIntervals(FitdistcensAgreementTest.column(d.get("left")),
                FitdistcensAgreementTest.column(d.get("right")), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void agreesWithFitdistcensAndPicksItsFamily(String dataset, JsonNode d) {
        CensoredSample s = rows(d);
        CensoredFamilySelection.Result bic = CensoredFamilySelection.fit(FamilySelection.named(SIX, Criterion.BIC), s,
                Truncation.NONE);
        assertThat(bic.ranked().n()).isEqualTo(d.get("n").asInt());
        for (JsonNode ref : d.get("families")) {
            FamilyCandidate c = bic.ranked().candidates().stream()
                    .filter(x -> x.family().equals(ref.get("family").asText())).findFirst().orElseThrow();
            FittedDistribution fit = c.fit();
            assertThat(c.goodnessOfFit()).as("no gofstat for censored rows").isNull();
            assertThat(fit.nParameters()).isEqualTo(ref.get("nParameters").asInt());
            for (String[] m : new String[][] {{"loglik", "" + fit.logLikelihood()}, {"aic", "" + fit.aic()},
                {"bic", "" + fit.bic()}}) {
                double expected = ref.get(m[0]).asDouble();
                assertThat(Double.parseDouble(m[1])).as(c.family() + " " + m[0])
                        .isCloseTo(expected, within(1e-6 * Math.abs(expected)));
            }
        }
        assertThat(bic.ranked().best().family()).isEqualTo(d.get("bestByBic").asText());
        assertThat(bic.ranked().candidates().get(bic.ranked().bestBy(Criterion.AIC)).family())
                .isEqualTo(d.get("bestByAic").asText());
    }

    /** Salinity with weights 1..3 and truncation below 3 (every value is above 3.2): the selection is the fits one by one. */
    @Test
    void eachCandidateIsTheCensoredFitOfItsFamilyBitForBit() {
        JsonNode d = Fixtures.json("survival/censored_select.json").get(0);
        double[] left = FitdistcensAgreementTest.column(d.get("left"));
        double[] w = new double[left.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
        }
        CensoredSample s = CensoredSample.ofIntervals(left, FitdistcensAgreementTest.column(d.get("right")), w);
        Truncation t = new Truncation(3, Double.POSITIVE_INFINITY);
        List<String> families = List.of("lognormal", "weibull", "gamma");
        CensoredFamilySelection.Result r = CensoredFamilySelection.fit(FamilySelection.named(families, Criterion.BIC), s, t);
        double lowest = Double.POSITIVE_INFINITY;
        for (String f : families) {
            CensoredFit.Result one = CensoredFit.fit(Families.byName(f), s, t);
            FittedDistribution fit = r.fits().get(f).fit();
            assertThat(fit.distribution().parameterValues()).as(f).containsExactly(one.fit().distribution().parameterValues());
            assertThat(Double.doubleToLongBits(fit.logLikelihood())).as(f)
                    .isEqualTo(Double.doubleToLongBits(one.fit().logLikelihood()));
            assertThat(fit.bic()).isEqualTo(one.fit().bic());
            assertThat(fit.aic()).isEqualTo(one.fit().aic());
            assertThat(r.fits().get(f).converged()).isEqualTo(one.converged());
            lowest = Math.min(lowest, one.fit().bic());
        }
        assertThat(r.ranked().best().fit().bic()).isEqualTo(lowest);
        assertThat(r.best().fit()).isSameAs(r.ranked().best().fit());
    }

    @Test
    void aFamilyWhoseSupportExcludesARowIsNotApplicable() {
        CensoredSample s = CensoredSample.ofIntervals(new double[] {-1, 0.5, 2, 3, Double.NaN},
                new double[] {-1, 0.5, 2, Double.NaN, 4}, null);
        CensoredFamilySelection.Result r = CensoredFamilySelection.fit(
                FamilySelection.named(List.of("weibull", "normal"), Criterion.BIC), s, Truncation.NONE);
        assertThat(r.ranked().best().family()).isEqualTo("normal");
        FamilyCandidate weibull = r.ranked().candidates().get(1);
        assertThat(weibull.status()).isEqualTo(FamilyCandidate.Status.NOT_APPLICABLE);
        assertThat(weibull.reason()).contains("-1");
        FamilyCandidate poisson = CensoredFamilySelection.fit(FamilySelection.named(List.of("poisson"), Criterion.BIC), s,
                Truncation.NONE).ranked().candidates().get(0);
        assertThat(poisson.status()).as("-1 is no count").isEqualTo(FamilyCandidate.Status.NOT_APPLICABLE);
        assertThatThrownBy(() -> CensoredFamilySelection.fit(FamilySelection.named(List.of("normal"), Criterion.BIC), s,
                new Truncation(0, 10))).isInstanceOf(RowException.class).hasMessageContaining("row 1:");
    }
}
