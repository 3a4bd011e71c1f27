package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlem.em.MixtureFit;
import org.mlem.glm.Family;
import org.mlem.testkit.Tolerances;

/**
 * Oracle: the parameters the data were simulated from ({@link Simulated}); tolerance rtol 0.1
 * (|estimate - truth| / max(|truth|, 0.5)). Components are put in a canonical order (by slope) first.
 */
class RecoveryTest {

    @Test
    void twoCrossingLines() {
        MixtureFit<RegressionMixture> fit = RegmixEstimator.of("y ~ x", 2)
                .withEm(RegmixEstimator.DEFAULT_EM.withRestarts(5)).fit(Simulated.crossingLines(1000, 11), 3);
        assertThat(fit.converged()).isTrue();
        RegressionMixture m = fit.model();
        int up = m.coefficients(0)[1] > m.coefficients(1)[1] ? 0 : 1;
        int down = 1 - up;
        assertClose(m.weights()[up], 0.6);
        assertClose(m.coefficients(up)[0], 1);
        assertClose(m.coefficients(up)[1], 2);
        assertClose(m.sd(up), 0.5);
        assertClose(m.coefficients(down)[0], 5);
        assertClose(m.coefficients(down)[1], -1.5);
        assertClose(m.sd(down), 0.8);
    }

    @Test
    void poissonRegressionMixture() {
        MixtureFit<RegressionMixture> fit = RegmixEstimator.of("y ~ x", 2).withFamily(Family.byName("poisson"))
                .withEm(RegmixEstimator.DEFAULT_EM.withRestarts(3)).fit(Simulated.poissonMixture(2000, 5), 9);
        RegressionMixture m = fit.model();
        int up = m.coefficients(0)[1] > m.coefficients(1)[1] ? 0 : 1;
        int down = 1 - up;
        assertClose(m.weights()[up], 0.5);
        assertClose(m.coefficients(up)[0], 0.5);
        assertClose(m.coefficients(up)[1], 0.8);
        assertClose(m.coefficients(down)[0], 3);
        assertClose(m.coefficients(down)[1], -0.5);
        assertThat(Double.isNaN(m.sd(0))).as("poisson components have no sd").isTrue();
        assertThat(fit.nParameters()).as("(k - 1) + k p").isEqualTo(5);
    }

    /** k-means on (x, y) separates two parallel lines 6 sd apart, so one start recovers them. */
    @Test
    void parallelLinesFromKMeans() {
        MixtureFit<RegressionMixture> fit = RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.KMeans(10))
                .fit(Simulated.parallelLines(400, 4), 1);
        RegressionMixture m = fit.model();
        int low = m.coefficients(0)[0] < m.coefficients(1)[0] ? 0 : 1;
        assertClose(m.weights()[low], 0.5);
        assertClose(m.coefficients(low)[0], 1);
        assertClose(m.coefficients(low)[1], 1);
        assertClose(m.coefficients(1 - low)[0], 7);
        assertClose(m.coefficients(1 - low)[1], 1);
        assertClose(m.sd(low), 1);
        assertClose(m.sd(1 - low), 1);
    }

    private static void assertClose(double estimate, double truth) {
        assertThat(Tolerances.relativeError(estimate, truth, 0.5)).as("%s vs %s", estimate, truth)
                .isLessThan(Tolerances.RECOVERY);
    }
}
