package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * Oracle: R 4.2 {@code glm} / {@code MASS::glm.nb} via tools/reference/glm.R, and R's
 * {@code poisson(link = "sqrt")}, {@code inverse.gaussian}, statmod's {@code tweedie},
 * {@code MASS::negative.binomial(2)}, the quasi families, cbind and yes/no responses and formula
 * terms (offset, ns, poly, factor) via tools/reference/glm_families.R. A value R gives as NA
 * (the quasi and Tweedie likelihoods) must be NaN. Tolerance: 1e-6
 * relative (absolute floor 1e-9 for values near 0) on estimates, standard errors, deviance, null
 * deviance, log-likelihood, AIC, BIC, dispersion and theta; degrees of freedom and term names exact.
 */
class GlmAgreesWithRTest {
    private static final double RTOL = 1e-6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "glm_binomial_mtcars, mtcars, ''",
        "glm_probit_mtcars, mtcars, ''",
        "glm_cloglog_mtcars, mtcars, ''",
        "glm_poisson_warpbreaks, warpbreaks, ''",
        "glm_gaussian_warpbreaks, warpbreaks, ''",
        "glm_gaussian_mtcars, mtcars, ''",
        "glm_aliased_mtcars, mtcars, ''",
        "glm_nointercept_mtcars, mtcars, ''",
        "glm_gamma_clotting, clotting, ''",
        "glm_gammalog_clotting, clotting, ''",
        "glm_negbin_quine, quine, ''",
        "glm_offset_insurance, insurance, 'offset=logHolders'",
        "glm_weights_budworm, budworm, 'weights=total'",
        "glm_wgaussian_mtcars, mtcars, 'weights=carb'",
        "glm_sqrt_warpbreaks, warpbreaks, ''",
        "glm_invgauss_clotting, clotting, ''",
        "glm_invgausslog_clotting, clotting, ''",
        "glm_tweedie_sprays, insectsprays, ''",
        "glm_tweedieid_clotting, clotting, ''",
        "glm_negbin2_quine, quine, ''",
        "glm_quasipoisson_sprays, insectsprays, ''",
        "glm_quasibinomial_esoph, esoph, ''",
        "glm_cbind_esoph, esoph, ''",
        "glm_yesno_mtcars, mtcars_yn, ''",
        "glm_offsetterm_insurance, insurance, ''",
        "glm_splines_mtcars, mtcars, ''",
    })
    void matchesR(String fixture, String data, String extra) throws IOException {
        JsonNode r = Fixtures.json(fixture);
        Set<String> text = new HashSet<>();
        r.get("text").forEach(t -> text.add(t.asText()));
        Frame frame = Fixtures.csv(data, text);
        DesignSpec spec = DesignSpec.DEFAULTS;
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("levels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> order = new ArrayList<>();
            e.getValue().forEach(v -> order.add(v.asText()));
            spec = spec.withLevels(e.getKey(), order);
        }
        if (extra.startsWith("weights=")) {
            spec = spec.withWeights(extra.substring(8));
        }
        if (extra.startsWith("offset=")) {
            frame = withLogHolders(frame);
            spec = spec.withOffset("logHolders");
        }
        Family family = Family.byName(r.get("family").asText());
        GlmFit fit = new GlmEstimator(family, Link.byName(r.get("link").asText()), null)
                .fit(r.get("formula").asText(), frame, spec);

        List<String> names = new ArrayList<>();
        r.get("coefficients").fieldNames().forEachRemaining(names::add);
        assertThat(fit.coefficients()).extracting(Coefficient::term).containsExactlyElementsOf(names);
        for (Coefficient c : fit.coefficients()) {
            JsonNode est = r.get("coefficients").get(c.term());
            if (est.isNull()) {
                assertThat(c.aliased()).as(c.term() + " aliased as in R").isTrue();
                continue;
            }
            close(c.estimate(), est.asDouble(), c.term() + " estimate");
            close(c.standardError(), r.get("standardErrors").get(c.term()).asDouble(), c.term() + " se");
            close(c.statistic(), r.get("statistics").get(c.term()).asDouble(), c.term() + " statistic");
            close(c.pValue(), r.get("pValues").get(c.term()).asDouble(), c.term() + " p-value");
        }
        close(fit.deviance(), r.get("deviance").asDouble(), "deviance");
        close(fit.nullDeviance(), r.get("nullDeviance").asDouble(), "null deviance");
        assertThat(fit.dfResidual()).isEqualTo(r.get("dfResidual").asInt());
        assertThat(fit.dfNull()).isEqualTo(r.get("dfNull").asInt());
        close(fit.dispersion(), r.get("dispersion").asDouble(), "dispersion");
        close(fit.logLikelihood(), r.get("logLikelihood"), "log-likelihood");
        assertThat(fit.nParameters()).isEqualTo(r.get("df").asInt());
        close(fit.aic(), r.get("aic"), "AIC");
        close(fit.bic(), r.get("bic"), "BIC");
        assertThat(fit.converged()).isEqualTo(r.get("converged").asBoolean());
        assertThat(fit.iterations()).isEqualTo(r.get("iterations").asInt());
        if (r.has("theta")) {
            close(fit.theta(), r.get("theta").asDouble(), "theta");
            close(fit.thetaStandardError(), r.get("thetaSe").asDouble(), "SE theta");
        }
    }

    private static Frame withLogHolders(Frame f) {
        List<String> names = new ArrayList<>(f.names());
        List<Object> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(f.isNumeric(n) ? f.numeric(n) : f.text(n));
        }
        double[] holders = f.numeric("Holders");
        double[] log = new double[holders.length];
        for (int i = 0; i < log.length; i++) {
            log[i] = Math.log(holders[i]);
        }
        names.add("logHolders");
        cols.add(log);
        return Frame.of(names, cols);
    }

    static void close(double actual, JsonNode expected, String what) {
        if (expected.isNull()) {
            assertThat(actual).as(what + " (NA in R)").isNaN();
        } else {
            close(actual, expected.asDouble(), what);
        }
    }

    static void close(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(RTOL * Math.abs(expected) + 1e-9));
    }
}
