package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;

/**
 * Oracle: R 4.2's {@code confint(fit)} (MASS 7.3's profile.glm and confint.profile.glm; written by
 * tools/reference/glm_confint.R) on binomial (0/1 and weighted proportions), Poisson (at level 0.9,
 * and intercept only), Gamma, gaussian with a factor, quasipoisson and glm.nb fits: every end to
 * 1e-6 relative to the larger of its size and the interval's width (an end near 0 has few
 * significant digits; glm.nb's differ by 3e-8 where theta's estimates differ at glm.nb's
 * tolerance); {@code confint.default} to 1e-9 relative for Wald's.
 */
class ConfidenceIntervalsAgainstRTest {
    private static final double PROFILE_RTOL = 1e-6;
    private static final double WALD_RTOL = 1e-9;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"binomial_mtcars", "poisson_warpbreaks", "gamma_clotting", "gaussian_mtcars",
        "wbinomial_budworm", "quasipoisson_warpbreaks", "negbin_quine", "intercept_warpbreaks"})
    void profileIntervalsAreMassConfint(String name) throws IOException {
        JsonNode r = Fixtures.json("glm_confint_" + name);
        GlmEstimator estimator = new GlmEstimator(Family.byName(r.get("family").asText()),
                Link.byName(r.get("link").asText()), null);
        DesignSpec spec = r.get("weights").isTextual() ? DesignSpec.DEFAULTS.withWeights(r.get("weights").asText())
                : DesignSpec.DEFAULTS;
        Design design = Design.build(r.get("formula").asText(), Fixtures.csv(r.get("data").asText(), Set.of()), spec);
        GlmFit fit = estimator.fit(design);
        double level = r.get("level").asDouble();
        List<ConfidenceIntervals.Interval> profile = ConfidenceIntervals.of(ConfidenceIntervals.Kind.PROFILE, estimator,
                design, fit, level);
        List<ConfidenceIntervals.Interval> wald = ConfidenceIntervals.of(ConfidenceIntervals.Kind.WALD, estimator,
                design, fit, level);
        assertThat(profile).extracting(ConfidenceIntervals.Interval::term)
                .containsExactlyElementsOf(Fixtures.texts(r.get("terms")));
        for (int j = 0; j < profile.size(); j++) {
            double width = r.get("upper").get(j).asDouble() - r.get("lower").get(j).asDouble();
            close(profile.get(j).lower(), r.get("lower").get(j), PROFILE_RTOL, width, name + " profile lower " + j);
            close(profile.get(j).upper(), r.get("upper").get(j), PROFILE_RTOL, width, name + " profile upper " + j);
            JsonNode w = r.get("wald").size() == profile.size() ? r.get("wald").get(j) : r.get("wald");
            close(wald.get(j).lower(), w.get(0), WALD_RTOL, 0, name + " wald lower " + j);
            close(wald.get(j).upper(), w.get(1), WALD_RTOL, 0, name + " wald upper " + j);
        }
    }

    /** The 95% Wald interval at level 0.95 is the summary's own (Coefficient.lower/upper), to the last bits. */
    @Test
    void waldAtTheDefaultLevelIsTheSummarys() throws IOException {
        GlmEstimator estimator = GlmEstimator.of(Family.byName("poisson"));
        Design design = Design.build("breaks ~ wool + tension", Fixtures.csv("warpbreaks", Set.of()), DesignSpec.DEFAULTS);
        GlmFit fit = estimator.fit(design);
        List<ConfidenceIntervals.Interval> wald = ConfidenceIntervals.wald(fit, 0.95);
        for (int j = 0; j < wald.size(); j++) {
            assertThat(wald.get(j).lower()).isEqualTo(fit.coefficients().get(j).lower());
            assertThat(wald.get(j).upper()).isEqualTo(fit.coefficients().get(j).upper());
        }
    }

    /** Closed form: the FMM end conditions make the spline through points of a cubic that cubic (1e-10). */
    @Test
    void fmmSplineReproducesACubic() {
        double[] x = {-1.5, -0.7, 0, 0.4, 1.1, 2.6};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = cubic(x[i]);
        }
        FmmSpline s = new FmmSpline(x, y);
        for (double u = -1.5; u <= 2.6; u += 0.05) {
            assertThat(s.value(u)).as("at " + u).isCloseTo(cubic(u), within(1e-10));
        }
    }

    private static double cubic(double u) {
        return 0.3 - 1.2 * u + 0.7 * u * u - 0.25 * u * u * u;
    }

    private static void close(double got, JsonNode want, double rtol, double scale, String what) {
        if (want.isNull()) {
            assertThat(got).as(what + " (NA in R)").isNaN();
        } else {
            assertThat(got).as(what).isCloseTo(want.asDouble(), within(rtol * Math.max(Math.abs(want.asDouble()), scale)));
        }
    }
}
