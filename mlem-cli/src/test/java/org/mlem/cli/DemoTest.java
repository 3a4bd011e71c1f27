package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/** The demo's claims, checked on the numbers it prints. */
class DemoTest {
    private static final DemoCommand.Result R = DemoCommand.compute();

    /**
     * Oracle: the definition of a strict local maximum. The badly placed start converges; EM run on
     * from there to a 1e-13 tolerance stays within 1e-3 of it (it does not escape); and moving any
     * one parameter (a weight, a mean, a standard deviation) by ±1e-3 of its scale from that
     * polished point lowers the log-likelihood, which is well below EM's maximum.
     */
    @Test
    void badlyPlacedStartConvergesToAWorseLocalMaximum() {
        assertThat(R.local().converged()).isTrue();
        assertThat(R.local().logLikelihood()).isLessThan(R.em().logLikelihood() - 100);
        GaussianMixture m = GaussianMixtureEstimator.of(2).withRegCovar(0).withInit(new GmmInit.Given(R.local().model()))
                .withEm(EmOptions.SKLEARN.withTolerance(1e-13).withMaxIterations(100_000)).fit(R.data(), 0).model();
        double base = m.logLikelihood(R.data());
        assertThat(base).isCloseTo(R.local().logLikelihood(), within(1e-3));
        for (int j = 0; j < 2; j++) {
            for (double step : new double[] {-1e-3, 1e-3}) {
                double[] w = m.weights();
                double[] mu = {DemoReport.mean(m, 0), DemoReport.mean(m, 1)};
                double[] sd = {DemoReport.sd(m, 0), DemoReport.sd(m, 1)};
                double[] w2 = w.clone();
                w2[j] += step * 0.1;
                w2[1 - j] -= step * 0.1;
                double[] mu2 = mu.clone();
                mu2[j] += step * sd[j];
                double[] sd2 = sd.clone();
                sd2[j] *= 1 + step;
                for (GaussianMixture moved : new GaussianMixture[] {DemoCommand.mixture(w2, mu, sd),
                        DemoCommand.mixture(w, mu2, sd), DemoCommand.mixture(w, mu, sd2)}) {
                    assertThat(moved.logLikelihood(R.data())).isLessThan(base);
                }
            }
        }
    }

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
