package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;

class TmixPlotTest {
    /**
     * Oracle: Hipparchus' standard t density, shifted and scaled: f((x − μ)/σ) / σ; 1e-10 relative
     * (the difference of log-gammas at ν = 1e4 loses a few digits on either side).
     */
    @Test
    void studentTDensityIsTheLocationScaleT() {
        double[][] cases = {{0.3, 0, 1, 3}, {-2, 1, 2.5, 0.7}, {55, 54, 5.5, 15}, {10, 0, 1, 1e4}};
        for (double[] c : cases) {
            double want = new TDistribution(c[3]).density((c[0] - c[1]) / c[2]) / c[2];
            assertThat(TmixPlot.studentT(c[0], c[1], c[2], c[3])).isCloseTo(want, within(1e-10 * want));
        }
    }
}
