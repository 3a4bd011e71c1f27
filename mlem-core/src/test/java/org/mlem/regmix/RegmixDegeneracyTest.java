package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.em.DegenerateComponent;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;

/**
 * {@link RegmixDegeneracy} through {@link RegmixEstimator#degenerateComponents}: a component placed
 * on a few planted rows far from the rest is named, with the reason its figures give. Oracle: the
 * planted rows' count (every other row lies hundreds of sds from that component, so its posterior
 * there is 0 to double precision, and the planted rows' posterior for the other component is as
 * small), and the rules' thresholds by hand: p = 2 coefficients and a sd need 3 rows.
 */
class RegmixDegeneracyTest {

    /** 100 rows on y = 2x + N(0, 1), x in [0, 10], then rows at x = 30, 31, ... within 0.001 of y = 2x + 40. */
    private static Frame planted(int plantedRows) {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 100 + plantedRows;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < 100; i++) {
            x[i] = 10 * rng.nextDouble();
            y[i] = 2 * x[i] + rng.nextGaussian();
        }
        for (int i = 100; i < n; i++) {
            x[i] = 30 + (i - 100);
            y[i] = 2 * x[i] + 40 + (i % 2 == 0 ? 1e-3 : -1e-3);
        }
        return Frame.builder().numeric("x", x).numeric("y", y).build();
    }

    private static RegressionMixture twoLines(double plantedSd, double plantedWeight) {
        return new RegressionMixture(new Family.Gaussian(), null, List.of("(Intercept)", "x"),
                new double[] {1 - plantedWeight, plantedWeight}, new double[][] {{0, 2}, {40, 2}},
                new double[] {1, plantedSd});
    }

    @Test
    void aComponentOnTwoRowsHoldsFewerThanItsParametersNeed() {
        List<DegenerateComponent> d = RegmixEstimator.of("y ~ x", 2).degenerateComponents(twoLines(1e-3, 0.02), planted(2));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).component()).isEqualTo(1);
        assertThat(d.get(0).effectiveCount()).isCloseTo(2, within(1e-9));
        assertThat(d.get(0).reasons()).containsExactly(DegenerateComponent.FEW_POINTS, DegenerateComponent.SPIKE);
        assertThat(d.get(0).smallestVariance()).isEqualTo(1e-6);
    }

    @Test
    void aNarrowComponentOnThreeRowsIsASpike() {
        List<DegenerateComponent> d = RegmixEstimator.of("y ~ x", 2).degenerateComponents(twoLines(1e-3, 0.03), planted(3));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).component()).isEqualTo(1);
        assertThat(d.get(0).effectiveCount()).isCloseTo(3, within(1e-9));
        assertThat(d.get(0).reasons()).containsExactly(DegenerateComponent.SPIKE);
    }

    @Test
    void aComponentOnEnoughRowsOrWideEnoughIsNotNamed() {
        // seven planted rows: more than twice the three the component needs, so narrow is no spike
        assertThat(RegmixEstimator.of("y ~ x", 2).degenerateComponents(twoLines(1e-3, 0.07), planted(7))).isEmpty();
        // three rows with a sd of 1: as wide as the main line's, not a spike (variance ratio above 1e-4)
        assertThat(RegmixEstimator.of("y ~ x", 2).degenerateComponents(twoLines(1, 0.03), planted(3))).isEmpty();
    }
}
