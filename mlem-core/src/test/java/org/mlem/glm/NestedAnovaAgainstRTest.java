package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * Oracle: R 4.2's {@code anova(m0, m1, ..., test = ...)} between separately fitted glm models
 * (tools/reference/glm_anova_nested.R): Poisson (χ² and F, whose scale 1 gives F infinite
 * denominator df), binomial, gaussian (F, χ², and the big model first), Gamma (F) and three
 * quasipoisson models (F). Residual df exact; deviances, changes, statistics and p-values to 1e-8
 * relative.
 */
class NestedAnovaAgainstRTest {
    private static final double RTOL = 1e-8;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"poisson_warpbreaks", "poissonF_warpbreaks", "binomial_mtcars", "gaussian_mtcars",
        "gaussianChisq_mtcars", "gaussianReversed_mtcars", "gamma_clotting", "quasipoisson_warpbreaks"})
    void tableIsRs(String name) throws IOException {
        JsonNode r = Fixtures.json("glm_anova_nested_" + name);
        List<NestedAnova.Model> models = models(r.get("data").asText(), r.get("family").asText(), r.get("link").asText(),
                Fixtures.texts(r.get("formulas")));
        List<NestedAnova.Row> rows = NestedAnova.table(models, NestedAnova.Test.byName(r.get("test").asText()));
        assertThat(rows).hasSize(models.size());
        for (int i = 0; i < rows.size(); i++) {
            NestedAnova.Row row = rows.get(i);
            assertThat(row.residualDf()).isEqualTo(r.get("residualDf").get(i).asInt());
            close(row.residualDeviance(), r.get("residualDeviance").get(i), name + " resid. dev " + i);
            close(row.df(), r.get("df").get(i), name + " df " + i);
            close(row.deviance(), r.get("deviance").get(i), name + " deviance " + i);
            close(row.statistic(), r.get("statistic").get(i), name + " statistic " + i);
            close(row.pValue(), r.get("pValue").get(i), name + " p " + i);
        }
    }

    @Test
    void refusesModelsThatAreNotNestedOrNotOfTheSameData() throws IOException {
        List<NestedAnova.Model> crossed = models("mtcars", "gaussian", "identity", List.of("mpg ~ wt", "mpg ~ hp"));
        assertThatThrownBy(() -> NestedAnova.table(crossed, NestedAnova.Test.F)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("is not nested in").hasMessageContaining("wt");
        List<NestedAnova.Model> responses = models("mtcars", "gaussian", "identity", List.of("mpg ~ wt", "qsec ~ wt + hp"));
        assertThatThrownBy(() -> NestedAnova.table(responses, NestedAnova.Test.F)).hasMessageContaining("responses differ");
        List<NestedAnova.Model> families = new ArrayList<>(models("mtcars", "gaussian", "identity", List.of("mpg ~ wt")));
        families.addAll(models("mtcars", "gamma", "inverse", List.of("mpg ~ wt + hp")));
        assertThatThrownBy(() -> NestedAnova.table(families, NestedAnova.Test.F)).hasMessageContaining("families differ");
        assertThatThrownBy(() -> NestedAnova.Test.byName("Wald")).hasMessageContaining("use Chisq (or LRT) or F");
    }

    private static List<NestedAnova.Model> models(String data, String family, String link, List<String> formulas)
            throws IOException {
        Frame frame = Fixtures.csv(data, Set.of());
        GlmEstimator estimator = new GlmEstimator(Family.byName(family), Link.byName(link), null);
        List<NestedAnova.Model> out = new ArrayList<>();
        for (String f : formulas) {
            Design design = Design.build(f, frame, DesignSpec.DEFAULTS);
            out.add(NestedAnova.Model.of(f, estimator.fit(design), design, null, null));
        }
        return out;
    }

    private static void close(double got, JsonNode want, String what) {
        if (want.isNull()) {
            assertThat(got).as(what + " (NA in R)").isNaN();
        } else {
            assertThat(got).as(what).isCloseTo(want.asDouble(), within(RTOL * Math.abs(want.asDouble())));
        }
    }
}
