package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;

/**
 * Fixed parameter groups come out bit-identical (oracle: the start's bits), the free ones move,
 * EM stays monotone (exact conditional maximisation), and fixed parameters are not counted.
 */
class FixedParametersTest {
    private static final Frame DATA = Simulated.crossingLines(300, 21);
    private static final RegressionMixture START = new RegressionMixture(Family.byName("gaussian"), null,
            List.of("(Intercept)", "x"), new double[] {0.3, 0.7}, new double[][] {{0.5, 1.7}, {4, -1}},
            new double[] {0.9, 1.3});

    private static MixtureFit<RegressionMixture> fit(FixedParameters fixed) {
        return RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.Given(START)).withFixed(fixed)
                .withEm(new EmOptions(30, 0, 1, 1)).fit(DATA, 1);
    }

    @Test
    void weightsAndOneComponentStayBitIdentical() {
        MixtureFit<RegressionMixture> fit = fit(FixedParameters.NONE.withWeights().withCoefficients(0).withSd(0));
        RegressionMixture m = fit.model();
        assertThat(bits(m.weights())).isEqualTo(bits(START.weights()));
        assertThat(bits(m.coefficients(0))).isEqualTo(bits(START.coefficients(0)));
        assertThat(Double.doubleToRawLongBits(m.sd(0))).isEqualTo(Double.doubleToRawLongBits(START.sd(0)));
        assertThat(m.coefficients(1)[1]).as("free slope moved").isNotEqualTo(START.coefficients(1)[1]);
        assertThat(m.sd(1)).as("free sd moved").isNotEqualTo(START.sd(1));
        assertThat(fit.nParameters()).as("2 coefficients + 1 sd of component 2").isEqualTo(3);
        double[] trace = fit.trace();
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
        }
    }

    @Test
    void coefficientsFixedAloneKeepTheirBitsAndFreeTheRest() {
        MixtureFit<RegressionMixture> fit = fit(FixedParameters.NONE.withCoefficients(1));
        RegressionMixture m = fit.model();
        assertThat(bits(m.coefficients(1))).isEqualTo(bits(START.coefficients(1)));
        assertThat(m.weights()[0]).isNotEqualTo(START.weights()[0]);
        assertThat(m.sd(1)).isNotEqualTo(START.sd(1));
        assertThat(fit.nParameters()).isEqualTo(START.nParameters() - 2);
    }

    @Test
    void fixingNeedsAStartAndAnExistingComponent() {
        RegmixEstimator e = RegmixEstimator.of("y ~ x", 2);
        assertThatThrownBy(() -> e.withFixed(FixedParameters.NONE.withWeights()))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("starting model");
        assertThatThrownBy(() -> e.withInit(new RegmixInit.Given(START)).withFixed(FixedParameters.NONE.withCoefficients(2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("k = 2");
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
