package org.mlem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;

/** Laws of the count models, on the bioChemists data (tools/reference/count_pscl.R exported it). */
class CountPropertiesTest {
    private static final String FORMULA = "art ~ fem + mar + kid5 + phd + ment";

    /**
     * With the inflation fixed at zero the zero-inflated Poisson is the Poisson GLM. Oracle: glm's
     * IRLS (an independent fit). Tolerance 1e-8 relative on coefficients and log-likelihood; the
     * zero-inflated log-likelihood at a zero-part intercept of -40 (pi = 4e-18) at the GLM's
     * coefficients equals the GLM's to 1e-10 relative.
     */
    @Test
    void zeroInflationFixedAtZeroIsThePoissonGlm() throws Exception {
        zeroInflationFixedAtZeroIsTheGlm(CountDistribution.POISSON, "poisson", 1e-8);
    }

    /**
     * The same law for the negative binomial: the plain count model is glm.nb (oracle: org.mlem.glm's
     * IRLS alternating with theta's ML, an independent fit; 1e-6 relative on coefficients, theta and
     * log-likelihood, glm.nb's own convergence), and the zero-inflated negative binomial's
     * log-likelihood at a zero-part intercept of -40 at the plain fit's coefficients and log theta is
     * the plain fit's to 1e-10 relative.
     */
    @Test
    void zeroInflationFixedAtZeroIsTheNegativeBinomialGlm() throws Exception {
        zeroInflationFixedAtZeroIsTheGlm(CountDistribution.NEGBIN, "negbin", 1e-6);
    }

    private static void zeroInflationFixedAtZeroIsTheGlm(CountDistribution dist, String family, double rtol) throws Exception {
        Frame frame = CountAgreesWithPsclTest.frame("biochemists.csv");
        GlmFit glm = GlmEstimator.of(Family.byName(family)).fit(FORMULA, frame, DesignSpec.DEFAULTS);
        CountFormula.Designs d = CountFormula.parse(FORMULA + " | 1").designs(frame, DesignSpec.DEFAULTS);
        CountFit plain = new CountEstimator(CountModelKind.PLAIN, dist, CountOptions.DEFAULTS)
                .fit(d.y(), d.x(), d.countTerms(), null, List.of());
        double[] beta = plain.countCoefficients();
        for (int j = 0; j < beta.length; j++) {
            double g = glm.coefficient(d.countTerms().get(j)).estimate();
            assertThat(beta[j]).as(d.countTerms().get(j)).isCloseTo(g, within(rtol * Math.max(Math.abs(g), 1e-2)));
        }
        assertThat(plain.logLikelihood()).isCloseTo(glm.logLikelihood(), within(rtol * Math.abs(glm.logLikelihood())));
        boolean negbin = dist == CountDistribution.NEGBIN;
        if (negbin) {
            assertThat(plain.theta()).isCloseTo(glm.theta(), within(rtol * glm.theta()));
        }

        CountLikelihood zi = new CountLikelihood(CountModelKind.ZEROINFL, dist, d.y(), d.x(), d.z());
        double[] par = java.util.Arrays.copyOf(beta, beta.length + (negbin ? 2 : 1));
        par[beta.length] = -40;
        if (negbin) {
            par[beta.length + 1] = Math.log(plain.theta());
        }
        assertThat(zi.value(par, null, null)).isCloseTo(plain.logLikelihood(), within(1e-10 * Math.abs(plain.logLikelihood())));
    }

    /** Analytic gradient = central finite differences (step 1e-6, tolerance 1e-5 relative to the gradient's scale) for every model. */
    @Test
    void gradientIsTheFiniteDifference() throws Exception {
        CountFormula.Designs d = CountFormula.parse(FORMULA + " | ment + kid5")
                .designs(CountAgreesWithPsclTest.frame("biochemists.csv"), DesignSpec.DEFAULTS);
        for (CountModelKind kind : CountModelKind.values()) {
            for (CountDistribution dist : CountDistribution.values()) {
                CountLikelihood f = new CountLikelihood(kind, dist, d.y(), d.x(), d.z());
                double[] par = new double[f.parameters()];
                for (int j = 0; j < par.length; j++) {
                    par[j] = 0.05 * ((j % 3) - 1);
                }
                double[] grad = new double[par.length];
                f.value(par, grad, null);
                double scale = java.util.Arrays.stream(grad).map(Math::abs).max().orElseThrow();
                for (int j = 0; j < par.length; j++) {
                    double[] p = par.clone();
                    p[j] += 1e-6;
                    double up = f.value(p, null, null);
                    p[j] -= 2e-6;
                    double down = f.value(p, null, null);
                    assertThat(grad[j]).as(kind + " " + dist + " " + j).isCloseTo((up - down) / 2e-6, within(1e-5 * scale));
                }
            }
        }
    }

    /**
     * Lambert's EM never lowers the observed log-likelihood (tolerance 1e-9 relative for rounding),
     * and Newton from the EM's estimates reaches the same optimum as from pscl's starts (1e-7
     * relative, coefficients on the scale of their standard errors; logLik 1e-10).
     */
    @Test
    void lambertEmClimbsAndLeadsToTheSameOptimum() throws Exception {
        CountFormula.Designs d = CountFormula.parse(FORMULA + " | ment + kid5")
                .designs(CountAgreesWithPsclTest.frame("biochemists.csv"), DesignSpec.DEFAULTS);
        double[] start = new double[d.x()[0].length + d.z()[0].length];
        LambertEm.Result em = LambertEm.run(d.y(), d.x(), d.z(), null, start, 500, 1e-12);
        List<Double> trace = em.trace();
        assertThat(trace.size()).isGreaterThan(5);
        for (int i = 1; i < trace.size(); i++) {
            assertThat(trace.get(i)).as("EM step " + i).isGreaterThanOrEqualTo(trace.get(i - 1) - 1e-9 * Math.abs(trace.get(i - 1)));
        }
        CountFit direct = new CountEstimator(CountModelKind.ZEROINFL, CountDistribution.POISSON, CountOptions.DEFAULTS)
                .fit(d.y(), d.x(), d.countTerms(), d.z(), d.zeroTerms());
        CountFit viaEm = new CountEstimator(CountModelKind.ZEROINFL, CountDistribution.POISSON,
                CountOptions.DEFAULTS.withEmStart(true)).fit(d.y(), d.x(), d.countTerms(), d.z(), d.zeroTerms());
        assertThat(viaEm.converged()).isTrue();
        assertThat(viaEm.logLikelihood()).isCloseTo(direct.logLikelihood(), within(1e-10 * Math.abs(direct.logLikelihood())));
        assertThat(trace.get(trace.size() - 1)).isLessThanOrEqualTo(direct.logLikelihood() + 1e-9);
        for (int j = 0; j < direct.zeroTerms().size(); j++) {
            double se = direct.zeroStandardErrors()[j];
            assertThat(viaEm.zeroCoefficients()[j]).isCloseTo(direct.zeroCoefficients()[j], within(1e-7 * se));
        }
        assertThatThrownBy(() -> new CountEstimator(CountModelKind.HURDLE, CountDistribution.POISSON,
                CountOptions.DEFAULTS.withEmStart(true))).isInstanceOf(MlemUserException.class).hasMessageContaining("--em");
    }

    /** A negative, fractional count, or no zero at all: a user error naming the row (or the fix). */
    @Test
    void badCountsAreUserErrors() {
        double[][] x = {{1}, {1}, {1}};
        CountEstimator zip = new CountEstimator(CountModelKind.ZEROINFL, CountDistribution.POISSON, CountOptions.DEFAULTS);
        assertThatThrownBy(() -> zip.fit(new double[] {0, -1, 2}, x, List.of("(Intercept)"), x, List.of("(Intercept)")))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("data row 2: the count -1");
        assertThatThrownBy(() -> zip.fit(new double[] {0, 1.5, 2}, x, List.of("(Intercept)"), x, List.of("(Intercept)")))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("data row 2: the count 1.5");
        assertThatThrownBy(() -> zip.fit(new double[] {3, 1, 2}, x, List.of("(Intercept)"), x, List.of("(Intercept)")))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("no count is 0");
    }

    /** The two-part formula: "|" splits count and zero parts; without it both take the same terms. */
    @Test
    void formulaSplitsAtTheBar() {
        CountFormula two = CountFormula.parse("y ~ a + log(b) | c");
        assertThat(two.count()).isEqualTo("y ~ a + log(b)");
        assertThat(two.zero()).isEqualTo("y ~ c");
        CountFormula one = CountFormula.parse("y ~ a");
        assertThat(one.zero()).isEqualTo("y ~ a");
        assertThatThrownBy(() -> CountFormula.parse("y ~ a |")).isInstanceOf(MlemUserException.class);
    }
}
