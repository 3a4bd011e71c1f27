package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.testkit.Tolerances;

/**
 * Integer frequency weights are repeated rows (oracle: the same fit on the expanded data, from the
 * same assignment), to 1e-9 relative: the weighted and repeated sums differ only in rounding.
 */
class WeightsProperties {

    @Property(tries = 10)
    void integerWeightsAreRepeatedRows(@ForAll @IntRange(min = 40, max = 120) int n, @ForAll long seed) {
        Frame base = Simulated.crossingLines(n, seed);
        double[] x = base.numeric("x");
        double[] y = base.numeric("y");
        double[] w = new double[n];
        int[] labels = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 + Math.floorMod(seed + 7L * i, 3);
            labels[i] = (int) base.numeric("class")[i];
            total += (int) w[i];
        }
        double[] xr = new double[total];
        double[] yr = new double[total];
        int[] lr = new int[total];
        for (int i = 0, r = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++, r++) {
                xr[r] = x[i];
                yr[r] = y[i];
                lr[r] = labels[i];
            }
        }
        EmOptions em = new EmOptions(10, 0, 1, 1);
        MixtureFit<RegressionMixture> weighted = RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.Assignment(labels))
                .withDesign(DesignSpec.DEFAULTS.withWeights("w")).withEm(em)
                .fit(Frame.builder().numeric("x", x).numeric("y", y).numeric("w", w).build(), 1);
        MixtureFit<RegressionMixture> repeated = RegmixEstimator.of("y ~ x", 2).withInit(new RegmixInit.Assignment(lr))
                .withEm(em).fit(Frame.builder().numeric("x", xr).numeric("y", yr).build(), 1);
        assertThat(Tolerances.relativeError(weighted.logLikelihood(), repeated.logLikelihood(), 1)).isLessThan(1e-9);
        assertThat(weighted.totalWeight()).isEqualTo(total);
        for (int j = 0; j < 2; j++) {
            assertThat(Tolerances.relativeError(weighted.model().weights()[j], repeated.model().weights()[j], 1))
                    .isLessThan(1e-9);
            assertThat(Tolerances.relativeError(weighted.model().sd(j), repeated.model().sd(j), 1)).isLessThan(1e-9);
            for (int t = 0; t < 2; t++) {
                assertThat(Tolerances.relativeError(weighted.model().coefficients(j)[t],
                        repeated.model().coefficients(j)[t], 1)).isLessThan(1e-9);
            }
        }
    }
}
