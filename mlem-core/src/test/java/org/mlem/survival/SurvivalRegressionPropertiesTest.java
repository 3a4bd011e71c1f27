package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;

/** Laws of survival regression, each against a closed form or the GLM. */
class SurvivalRegressionPropertiesTest {
    private static final String FORMULA = "affairs ~ age + yearsmarried + religiousness + occupation + rating";

    /**
     * A Tobit with no censored rows is the Gaussian linear model: coefficients and the maximised
     * log-likelihood equal glm's (oracle: org.mlem.glm's QR least squares; tolerance 1e-9 relative),
     * σ is the MLE √(RSS/n).
     */
    @Test
    void tobitWithNothingCensoredIsTheGaussianLinearModel() {
        Frame frame = SurvregAgreementTest.frame("affairs");
        SurvivalFit tobit = SurvivalFormula.tobit(FORMULA, frame, DesignSpec.DEFAULTS, -1, Double.POSITIVE_INFINITY,
                AftDistribution.GAUSSIAN);
        GlmFit glm = GlmEstimator.of(new Family.Gaussian()).fit(FORMULA, frame, DesignSpec.DEFAULTS);
        assertThat(tobit.censoring()).containsExactly(frame.rows(), 0, 0, 0);
        Map<String, Double> b = glm.coefficientMap();
        tobit.coefficientMap().forEach((name, value) ->
                assertThat(value).as(name).isCloseTo(b.get(name), within(1e-9 * Math.max(1, Math.abs(b.get(name))))));
        assertThat(tobit.logLikelihood()).isCloseTo(glm.logLikelihood(), within(1e-9 * Math.abs(glm.logLikelihood())));
        double sigma = Math.sqrt(glm.deviance() / glm.rows());
        assertThat(tobit.scale()).isCloseTo(sigma, within(1e-9 * sigma));
    }

    /** Oracle: the censored exponential's closed form, exp(β₀) = Σ t / events; tolerance 1e-10 relative. */
    @Test
    void interceptOnlyExponentialIsTheClosedForm() {
        Frame frame = SurvregAgreementTest.frame("ovarian");
        SurvivalFit fit = SurvivalFormula.survreg("Surv(futime, fustat) ~ 1", frame, DesignSpec.DEFAULTS,
                AftDistribution.EXPONENTIAL);
        double[] t = frame.numeric("futime");
        double[] d = frame.numeric("fustat");
        double total = 0;
        double events = 0;
        for (int i = 0; i < t.length; i++) {
            total += t[i];
            events += d[i];
        }
        assertThat(fit.coefficients()[0]).isCloseTo(Math.log(total / events), within(1e-10));
        assertThat(fit.standardErrors().get("(Intercept)")).isCloseTo(1 / Math.sqrt(events), within(1e-10));
    }

    @Test
    void aNonPositiveTimeOnALogScaleNamesItsRow() {
        Frame frame = Frame.builder().numeric("time", 5, 3, 0, 8).numeric("status", 1, 1, 1, 0)
                .numeric("x", 1, 2, 3, 4).build();
        assertThatThrownBy(() -> SurvivalFormula.survreg("Surv(time, status) ~ x", frame, DesignSpec.DEFAULTS,
                AftDistribution.WEIBULL))
                .isInstanceOf(RowException.class).hasMessageStartingWith("row 3: the weibull model is for positive times");
    }

    @Test
    void anUnknownEventCodeNamesItsRow() {
        Frame frame = Frame.builder().numeric("time", 5, 3, 4, 8).numeric("status", 1, 3, 1, 0)
                .numeric("x", 1, 2, 3, 4).build();
        assertThatThrownBy(() -> SurvivalFormula.survreg("Surv(time, status) ~ x", frame, DesignSpec.DEFAULTS,
                AftDistribution.WEIBULL))
                .isInstanceOf(RowException.class).hasMessageStartingWith("row 2: unknown censoring status 3.0");
    }

    @Test
    void aLeftHandSideThatIsNotSurvIsRefused() {
        Frame frame = Frame.builder().numeric("time", 5, 3, 4, 8).numeric("x", 1, 2, 3, 4).build();
        assertThatThrownBy(() -> SurvivalFormula.survreg("time ~ x", frame, DesignSpec.DEFAULTS,
                AftDistribution.WEIBULL))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("Surv(time, event) ~ terms");
    }
}
