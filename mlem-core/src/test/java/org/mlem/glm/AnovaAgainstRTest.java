package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;

/**
 * Oracle: R's {@code anova(fit, test = "Chisq")} (tools/reference/glm_anova.R) on Poisson with an
 * interaction, binomial, gaussian with a factor and quasipoisson fits: term names and residual
 * degrees of freedom exact; deviances, residual deviances and p-values to 1e-6 relative (p-values
 * down to 1e-33, so the upper tail must be computed as such).
 */
class AnovaAgainstRTest {
    private static final double RTOL = 1e-6;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"poisson_warpbreaks", "binomial_mtcars", "gaussian_mtcars", "quasipoisson_sprays"})
    void sequentialTableIsRs(String name) throws IOException {
        JsonNode r = Fixtures.json("glm_anova_" + name);
        GlmEstimator estimator = new GlmEstimator(Family.byName(r.get("family").asText()),
                Link.byName(r.get("link").asText()), null);
        Design design = Design.build(r.get("formula").asText(), Fixtures.csv(r.get("data").asText(), Set.of()),
                DesignSpec.DEFAULTS);
        List<Anova.Row> rows = Anova.sequential(estimator, design, estimator.fit(design));
        assertThat(rows).hasSize(r.get("terms").size());
        for (int i = 0; i < rows.size(); i++) {
            Anova.Row row = rows.get(i);
            assertThat(row.term() == null ? "NULL" : row.term()).isEqualTo(r.get("terms").get(i).asText());
            assertThat(row.residualDf()).isEqualTo(r.get("residualDf").get(i).asInt());
            close(row.residualDeviance(), r.get("residualDeviance").get(i), name + " resid. dev " + i);
            close(row.deviance(), r.get("deviance").get(i), name + " deviance " + i);
            close(row.df(), r.get("df").get(i), name + " df " + i);
            close(row.pValue(), r.get("pValue").get(i), name + " p " + i);
        }
    }

    private static void close(double got, JsonNode want, String what) {
        if (want.isNull()) {
            assertThat(got).as(what + " (NA in R)").isNaN();
        } else {
            assertThat(got).as(what).isCloseTo(want.asDouble(), within(RTOL * Math.abs(want.asDouble())));
        }
    }
}
