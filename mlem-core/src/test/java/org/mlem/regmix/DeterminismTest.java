package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlem.data.BlockSource;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;

/** Oracle: the fit itself. The same seed gives the same bits on 1 and 3 threads over two groups of blocks. */
class DeterminismTest {

    @Test
    void sameBitsOnAnyThreadCount() {
        int n = 4 * BlockSource.BLOCK_ROWS + 500;
        Frame data = Simulated.crossingLines(n, 8);
        RegmixEstimator e = RegmixEstimator.of("y ~ x", 2);
        MixtureFit<RegressionMixture> one = e.withEm(new EmOptions(4, 0, 2, 1)).fit(data, 42);
        MixtureFit<RegressionMixture> three = e.withEm(new EmOptions(4, 0, 2, 3)).fit(data, 42);
        assertThat(one.trace()).isEqualTo(three.trace());
        assertThat(one.model().weights()).isEqualTo(three.model().weights());
        for (int j = 0; j < 2; j++) {
            assertThat(one.model().coefficients(j)).isEqualTo(three.model().coefficients(j));
            assertThat(one.model().sd(j)).isEqualTo(three.model().sd(j));
        }
        assertThat(Arrays.stream(one.startLogLikelihoods()).distinct().count()).as("restarts differ").isEqualTo(2);
    }
}
