package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;

/**
 * Oracle: {@code sandwich::vcovHC(fit, type = "HC0".."HC3")} on R's glm fits
 * (tools/reference/glm_sandwich.R): binomial, Poisson, gaussian with a factor, Gamma and
 * quasipoisson, both fits run to epsilon 1e-14. Every covariance entry to 1e-5 relative to the largest entry of its row and column
 * (the standard-error tier of the issue); standard errors (square roots of the diagonal) likewise.
 */
class SandwichAgainstRTest {
    private static final double RTOL = 1e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"binomial_mtcars", "poisson_warpbreaks", "gaussian_mtcars", "gamma_clotting",
            "quasipoisson_sprays"})
    void vcovHcIsSandwichs(String name) throws IOException {
        JsonNode r = Fixtures.json("glm_sandwich_" + name);
        Family family = Family.byName(r.get("family").asText());
        Link link = Link.byName(r.get("link").asText());
        Design design = Design.build(r.get("formula").asText(), Fixtures.csv(r.get("data").asText(), Set.of()),
                DesignSpec.DEFAULTS);
        GlmFit fit = new GlmEstimator(family, link, new GlmOptions(100, 1e-14)).fit(design);
        List<String> columns = new ArrayList<>();
        r.get("columns").forEach(c -> columns.add(c.asText()));
        assertThat(design.columnNames()).containsExactlyElementsOf(columns);
        int p = columns.size();
        for (Sandwich.Type type : Sandwich.Type.values()) {
            double[] v = Sandwich.covariance(design, fit, family, link, type);
            JsonNode want = r.get(type.name());
            for (int a = 0; a < p; a++) {
                double scale = Math.sqrt(want.get(a).get(a).asDouble());
                double se = Math.sqrt(v[a * p + a]);
                assertThat(se).as(type + " se " + columns.get(a)).isCloseTo(scale, within(RTOL * scale));
                for (int b = 0; b < p; b++) {
                    double bound = RTOL * scale * Math.sqrt(want.get(b).get(b).asDouble());
                    assertThat(v[a * p + b]).as(type + " " + columns.get(a) + "," + columns.get(b))
                            .isCloseTo(want.get(b).get(a).asDouble(), within(bound));
                }
            }
        }
    }
}
