package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.dist.FamilyCandidate.Status;
import org.mlem.select.Criterion;
import org.mlem.testkit.Fixtures;

/**
 * {@link FamilySelection}: the ranking is fitdistrplus's (fixture fixtures/r/select_dist.json,
 * tools/reference/select_dist_reference.R: the order of R's AIC and BIC over the families it
 * fitted), and every family is accounted for (fitted, failed or not applicable, with a reason).
 */
class FamilySelectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"groundbeef$serving", "faithful$eruptions", "precip", "discoveries", "warpbreaks$breaks"})
    void ranksAsFitdistrplusByBicAndAic(String dataset) {
        List<JsonNode> ref = new ArrayList<>();
        Fixtures.json("r/select_dist.json").forEach(c -> {
            if (c.get("dataset").asText().equals(dataset)) {
                ref.add(c);
            }
        });
        double[] x = GofstatAgreementTest.values(ref.get(0).get("x"));
        List<String> names = ref.stream().map(c -> c.get("family").asText()).toList();
        for (Criterion c : List.of(Criterion.BIC, Criterion.AIC)) {
            String field = c.id();
            List<String> rOrder = ref.stream().sorted(Comparator.comparingDouble(r -> r.get(field).asDouble()))
                    .map(r -> r.get("family").asText()).toList();
            FamilySelectionResult result = FamilySelection.named(names, c).fit(x);
            assertThat(result.candidates()).extracting(FamilyCandidate::family).containsExactlyElementsOf(rOrder);
            assertThat(result.bestIndex()).isZero();
            assertThat(result.bestBy(c)).isZero();
        }
    }

    @Test
    void defaultsForPositiveDataListTheFamiliesWhoseSupportExcludesThemAsNotApplicable() {
        double[] x = {0.5, 1.5, 2.25, 3.0, 4.5, 0.75, 2.0, 1.25};
        FamilySelectionResult r = FamilySelection.defaults(FamilyKind.guess(x), Criterion.BIC).fit(x);
        assertThat(FamilyKind.guess(x)).isEqualTo(FamilyKind.CONTINUOUS);
        assertThat(r.candidates()).extracting(FamilyCandidate::family)
                .containsExactlyInAnyOrderElementsOf(FamilyKind.CONTINUOUS.defaultFamilies());
        FamilyCandidate beta = r.candidates().stream().filter(c -> c.family().equals("beta")).findFirst().orElseThrow();
        assertThat(beta.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(beta.reason()).isEqualTo("the value 1.5 is outside its support (0 < x < 1)");
        assertThat(r.candidates().get(r.candidates().size() - 1).status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void countsAreDiscreteAndNegativeValuesExcludeThePositiveFamilies() {
        assertThat(FamilyKind.guess(new double[] {0, 3, 2, 7})).isEqualTo(FamilyKind.DISCRETE);
        assertThat(FamilyKind.guess(new double[] {0, 3, -2})).isEqualTo(FamilyKind.CONTINUOUS);
        double[] x = {-1.5, 0.25, 2, 3.5, -0.75, 1};
        FamilySelectionResult r = FamilySelection.named(List.of("gamma", "normal", "exponential"), Criterion.AIC).fit(x);
        assertThat(r.candidates()).extracting(FamilyCandidate::family, FamilyCandidate::status)
                .containsExactly(Tuple.tuple("normal", Status.FITTED),
                        Tuple.tuple("gamma", Status.NOT_APPLICABLE),
                        Tuple.tuple("exponential", Status.NOT_APPLICABLE));
        assertThat(r.candidates().get(1).reason()).isEqualTo("the value -1.5 is outside its support (x > 0)");
    }

    @Test
    void aFamilyThatCannotBeFittedIsListedAsFailedWithItsReason() {
        double[] x = {2, 2, 2, 2};
        FamilySelectionResult r = FamilySelection.named(List.of("normal", "exponential"), Criterion.BIC).fit(x);
        assertThat(r.candidates()).extracting(FamilyCandidate::family).containsExactly("exponential", "normal");
        FamilyCandidate normal = r.candidates().get(1);
        assertThat(normal.status()).isEqualTo(Status.FAILED);
        assertThat(normal.fit()).isNull();
        assertThat(normal.reason()).startsWith("all values (of positive weight) equal 2");
        assertThat(r.best().fit().estimates().get("rate")).isEqualTo(0.5);
    }

    @Test
    void noFamilyFittedGivesOneLineNamingEachReason() {
        double[] x = {2, 2, 2, 2};
        FamilySelectionResult r = FamilySelection.named(List.of("normal", "beta"), Criterion.BIC).fit(x);
        assertThat(r.bestIndex()).isEqualTo(-1);
        assertThat(r.bestBy(Criterion.AIC)).isEqualTo(-1);
        assertThat(r.candidates()).extracting(FamilyCandidate::status).containsExactly(Status.FAILED, Status.NOT_APPLICABLE);
        assertThat(r.noneFitted()).startsWith("no family could be fitted: normal failed (all values")
                .contains("; beta not applicable (the value 2 is outside its support (0 < x < 1))")
                .doesNotContain("\n");
    }

    @Test
    void refusesMixedKindsIclUnknownAndRepeatedFamilies() {
        assertThatThrownBy(() -> FamilySelection.named(List.of("normal", "poisson"), Criterion.BIC))
                .isInstanceOf(MlemUserException.class)
                .hasMessage("the families mix densities (normal) and probability masses (poisson), whose log-likelihoods "
                        + "are not comparable; compare families of one kind");
        assertThatThrownBy(() -> FamilySelection.named(List.of("normal"), Criterion.ICL))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("ranked by bic or aic");
        assertThatThrownBy(() -> FamilySelection.named(List.of("gama"), Criterion.BIC))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("unknown distribution family 'gama'");
        assertThatThrownBy(() -> FamilySelection.named(List.of("normal", "gaussian"), Criterion.BIC))
                .isInstanceOf(MlemUserException.class).hasMessage("the family normal is named twice; name each family once");
    }

    @Test
    void aBinomialKeepsItsSizeInItsNameAndTwoSizesAreTwoFamilies() {
        double[] x = {0, 1, 2, 1, 0, 3, 1, 2};
        FamilySelectionResult r = FamilySelection.named(List.of("binomial:5", "binomial:10", "poisson"), Criterion.BIC)
                .fit(x);
        assertThat(r.candidates()).extracting(FamilyCandidate::family)
                .containsExactlyInAnyOrder("binomial:5", "binomial:10", "poisson");
        FamilyCandidate five = r.candidates().stream().filter(c -> c.family().equals("binomial:5")).findFirst().orElseThrow();
        assertThat(five.fit().estimates().get("prob")).isEqualTo(10.0 / 40); // closed form: mean / size
        assertThatThrownBy(() -> FamilySelection.named(List.of("binomial:5", "binomial:5"), Criterion.BIC))
                .hasMessage("the family binomial:5 is named twice; name each family once");
    }
}
