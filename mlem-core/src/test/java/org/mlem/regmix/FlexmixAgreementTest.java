package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Oracle: R's flexmix 2.3 (tools/reference/regmix_flexmix.R) from the same initial hard assignment
 * (flexmix's {@code cluster=}), no component removal ({@code minprior = 0}). flexmix's iteration N
 * returns the parameters after N M-steps, our start plus N - 1 EM iterations. Same iterates agree
 * to 1e-8 relative (both run weighted IRLS to R's glm.fit convergence, so not to rounding); fits
 * converged by each program's own rule agree to 1e-6 relative. flexmix's binomial case is fitted
 * with its own formula too, {@code cbind(s, m - s) ~ x} (no trials column): the same fit to the
 * last bits as {@code s ~ x} with trials {@code m}, so the same agreement with flexmix.
 */
class FlexmixAgreementTest {
    private static final JsonNode CASES = Fixtures.json("regmix/regmix_flexmix.json");

    static Stream<String> cases() {
        List<String> names = new ArrayList<>();
        CASES.forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    private static JsonNode named(String name) {
        for (JsonNode c : CASES) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** A case's reference, data and estimator. */
    private record Case(JsonNode ref, Frame frame, RegmixEstimator estimator) {
        static Case named(String name) {
            JsonNode c = FlexmixAgreementTest.named(name);
            Frame f = RegmixFixtures.frame(c.get("data").asText());
            return new Case(c, f, FlexmixAgreementTest.estimator(c, f));
        }
    }

    private static RegmixEstimator estimator(JsonNode c, Frame f) {
        String family = c.get("family").asText();
        RegmixEstimator e = RegmixEstimator.of(c.get("formula").asText(), 2).withFamily(Family.byName(family))
                .withInit(new RegmixInit.Assignment(RegmixFixtures.initLabels(f)));
        if (family.equals("binomial")) {
            e = new RegmixEstimator("s ~ x", 2, e.family(), null, e.sd(), "m", e.init(), e.fixed(), e.em(), e.design());
        }
        return e.withSd(c.get("sd").asText().equals("flexmix") ? SdEstimator.FLEXMIX : SdEstimator.MLE);
    }

    /** Our fit after flexmix's iteration count {@code flexmixIterations} (>= 2), tolerance 0. */
    private static MixtureFit<RegressionMixture> afterIterations(RegmixEstimator e, Frame f, int flexmixIterations) {
        return e.withEm(new EmOptions(flexmixIterations - 1, 0, 1, 1)).fit(f, 1);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void firstIterationIsTheMStepOfTheAssignment(String name) {
        Case k = Case.named(name);
        JsonNode c = k.ref();
        Frame f = k.frame();
        RegmixEstimator e = k.estimator();
        RegressionMixture start = e.initialise(e.prepare(f), new SplittableRandom(1), 0);
        JsonNode ref = c.get("after").get(0);
        assertAgrees(start, ref, Tolerances.EXTERNAL);
        MixtureFit<RegressionMixture> one = afterIterations(e, f, 2);
        assertThat(Tolerances.relativeError(one.trace()[0], ref.get("logLikelihood").asDouble(), 1))
                .as("logLik after flexmix iteration 1").isLessThan(Tolerances.EXTERNAL);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameIteratesAsFlexmix(String name) {
        Case k = Case.named(name);
        JsonNode c = k.ref();
        Frame f = k.frame();
        RegmixEstimator e = k.estimator();
        for (int n = 2; n <= 3; n++) {
            JsonNode ref = c.get("after").get(n - 1);
            MixtureFit<RegressionMixture> fit = afterIterations(e, f, n);
            assertAgrees(fit.model(), ref, Tolerances.EXTERNAL);
            assertThat(Tolerances.relativeError(fit.logLikelihood(), ref.get("logLikelihood").asDouble(), 1))
                    .as("logLik after flexmix iteration %d", n).isLessThan(Tolerances.EXTERNAL);
        }
        JsonNode conv = c.get("converged");
        MixtureFit<RegressionMixture> fit = afterIterations(e, f, conv.get("iterations").asInt());
        assertAgrees(fit.model(), conv, 1e-6);
        assertThat(Tolerances.relativeError(fit.logLikelihood(), conv.get("logLikelihood").asDouble(), 1))
                .isLessThan(Tolerances.EXTERNAL);
        assertThat(fit.nParameters()).as("flexmix's df").isEqualTo(conv.get("df").asInt());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void convergedFitsAgree(String name) {
        Case k = Case.named(name);
        JsonNode c = k.ref();
        Frame f = k.frame();
        MixtureFit<RegressionMixture> fit = k.estimator().withEm(new EmOptions(5000, 1e-15, 1, 1)).fit(f, 1);
        JsonNode conv = c.get("converged");
        assertThat(fit.converged()).isTrue();
        assertAgrees(fit.model(), conv, 1e-6);
        assertThat(Tolerances.relativeError(fit.logLikelihood(), conv.get("logLikelihood").asDouble(), 1))
                .isLessThan(1e-6);
        assertThat(Tolerances.relativeError(fit.bic(), -2 * conv.get("logLikelihood").asDouble()
                + conv.get("df").asInt() * Math.log(fit.rows()), 1)).isLessThan(1e-6);
    }

    @org.junit.jupiter.api.Test
    void cbindResponseIsFlexmixsBinomialFit() {
        JsonNode c = named("binom_binomial");
        Frame f = RegmixFixtures.frame(c.get("data").asText());
        RegmixEstimator trials = estimator(c, f);
        RegmixEstimator cbind = new RegmixEstimator("cbind(s, m - s) ~ x", 2, trials.family(), null, trials.sd(), null,
                trials.init(), trials.fixed(), trials.em(), trials.design());
        JsonNode conv = c.get("converged");
        int iterations = conv.get("iterations").asInt();
        MixtureFit<RegressionMixture> a = afterIterations(trials, f, iterations);
        MixtureFit<RegressionMixture> b = afterIterations(cbind, f, iterations);
        assertAgrees(b.model(), conv, 1e-6);
        assertThat(Tolerances.relativeError(b.logLikelihood(), conv.get("logLikelihood").asDouble(), 1))
                .isLessThan(Tolerances.EXTERNAL);
        assertThat(b.logLikelihood()).isEqualTo(a.logLikelihood());
        for (int j = 0; j < 2; j++) {
            assertThat(b.model().coefficients(j)).containsExactly(a.model().coefficients(j));
        }
        assertThat(b.nParameters()).isEqualTo(a.nParameters());
    }

    private static void assertAgrees(RegressionMixture m, JsonNode ref, double tol) {
        for (int j = 0; j < 2; j++) {
            assertThat(Tolerances.relativeError(m.weights()[j], ref.get("weights").get(j).asDouble(), 1e-3))
                    .as("weight %d", j).isLessThan(tol);
            JsonNode comp = ref.get("components").get(j);
            double[] beta = m.coefficients(j);
            List<String> terms = m.terms();
            for (int t = 0; t < terms.size(); t++) {
                double expected = comp.get("coefficients").get(terms.get(t)).asDouble();
                assertThat(Tolerances.relativeError(beta[t], expected, 1e-3)).as("component %d %s: %s vs %s", j,
                        terms.get(t), beta[t], expected).isLessThan(tol);
            }
            if (comp.has("sd")) {
                assertThat(Tolerances.relativeError(m.sd(j), comp.get("sd").asDouble(), 1e-3)).as("sd %d", j)
                        .isLessThan(tol);
            }
        }
    }
}
