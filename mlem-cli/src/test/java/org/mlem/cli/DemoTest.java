package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The demo's claims, checked on the numbers it prints. */
class DemoTest {
    private static final DemoCommand.Result R = DemoCommand.compute();

    @Test
    void symmetricStartEndsAtTheClosedFormOneGaussianFit() {
        // oracle: -n/2 (log(2π σ̂²) + 1), the maximised likelihood of one normal; relative 1e-10
        assertThat(R.symmetric().logLikelihood()).isCloseTo(R.oneGaussianLogLikelihood(),
                within(1e-10 * Math.abs(R.oneGaussianLogLikelihood())));
        assertThat(DemoReport.mean(R.symmetric().model(), 0)).isEqualTo(DemoReport.mean(R.symmetric().model(), 1));
        assertThat(R.symmetric().logLikelihood()).isLessThan(R.em().logLikelihood() - 100);
    }

    @Test
    void emClimbsAndEndsAboveTheTruthAndTheLabelledMle() {
        double[] t = R.em().trace();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1] - 1e-9);
        }
        assertThat(R.em().converged()).isTrue();
        assertThat(R.em().logLikelihood()).isGreaterThan(R.mle().model().logLikelihood(R.data()));
        assertThat(R.em().logLikelihood()).isGreaterThan(R.truth().logLikelihood(R.data()));
    }

    @Test
    void restartsReachEmsMaximum() {
        // both are converged to tolerance 1e-8 per point: agreement to 1e-4 in the total over 1000 points
        assertThat(R.restarts().logLikelihood()).isCloseTo(R.em().logLikelihood(), within(1e-4));
    }

    @Test
    void labelledMleRecoversTheTruthWithinSamplingError() {
        // recovery tier: rtol 0.1 on means ±2, weights 0.4/0.6
        int[] o = DemoReport.order(R.mle().model());
        assertThat(DemoReport.mean(R.mle().model(), o[0])).isCloseTo(-2, within(0.2));
        assertThat(DemoReport.mean(R.mle().model(), o[1])).isCloseTo(2, within(0.2));
        assertThat(R.mle().model().weights()[o[0]]).isCloseTo(0.4, within(0.04));
    }

    @Test
    void commandPrintsTheStoryWithoutAPlot() {
        Cli.Run r = Cli.run("demo", "--no-plot");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("MLE (labels)", "EM (no labels)", "iteration", "stationary point", "Restarts fix it");
        assertThat(r.err()).isEmpty();
    }
}
