package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;

/** User mistakes are reported as {@link MlemUserException}s that name the problem and the fix. */
class BadInputTest {
    private static final Frame DATA = Simulated.crossingLines(40, 2);

    @Test
    void formulaNamingAMissingColumn() {
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ z", 2).fit(DATA, 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("'z'");
    }

    @Test
    void kBelowOne() {
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ x", 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("k must be at least 1");
    }

    @Test
    void familyWithoutMixtureSupport() {
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ x", 2).withFamily(Family.byName("gamma")))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("gaussian, poisson and binomial");
    }

    @Test
    void responseTheFamilyCannotTake() {
        Frame f = Frame.builder().numeric("x", 1, 2, 3, 4).numeric("y", 1, -2, 3, 0).build();
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ x", 2).withFamily(Family.byName("poisson")).fit(f, 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("data row 2")
                .hasMessageContaining("count");
    }

    @Test
    void binomialTrialsMissingOrTooFew() {
        Frame f = Frame.builder().numeric("x", 1, 2, 3, 4).numeric("s", 1, 5, 3, 0).numeric("m", 4, 4, 4, 4).build();
        RegmixEstimator e = RegmixEstimator.of("s ~ x", 2).withFamily(Family.byName("binomial"));
        assertThatThrownBy(() -> e.withTrials("n").fit(f, 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("'n'");
        assertThatThrownBy(() -> e.withTrials("m").fit(f, 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("data row 2: 5.0 successes of 4.0 trials");
    }

    @Test
    void componentWithTooLittleWeightIsReportedWithTheFix() {
        int[] labels = new int[DATA.rows()];
        labels[7] = 1;
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.Assignment(labels)).fit(DATA, 1))
                .isInstanceOf(DegenerateRegressionException.class)
                .hasMessageContaining("component 1").hasMessageContaining("reduce k");
    }

    @Test
    void componentThatFitsTwoRowsExactlyCollapses() {
        int[] labels = new int[DATA.rows()];
        labels[3] = 1;
        labels[9] = 1;
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.Assignment(labels))
                .withEm(new EmOptions(5, 0, 1, 1)).fit(DATA, 1))
                .isInstanceOf(DegenerateRegressionException.class).hasMessageContaining("sd collapsed");
    }

    @Test
    void startThatDoesNotMatchTheFormula() {
        RegressionMixture start = new RegressionMixture(Family.byName("gaussian"), null, List.of("(Intercept)"),
                new double[] {0.5, 0.5}, new double[][] {{0}, {1}}, new double[] {1, 1});
        assertThatThrownBy(() -> RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.Given(start)).fit(DATA, 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("make them agree");
    }
}
