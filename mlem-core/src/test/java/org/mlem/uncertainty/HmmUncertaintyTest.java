package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.GaussianSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;

/** The bootstrap of hidden Markov models: sequences are the units. */
class HmmUncertaintyTest {
    static final HiddenMarkovModel TRUTH = HiddenMarkovModel.of(new double[] {0.6, 0.4},
            new double[][] {{0.9, 0.1}, {0.2, 0.8}},
            GaussianEmission.full(new double[][] {{0}, {3}}, new double[][][] {{{1}}, {{0.5}}}));
    static final HiddenMarkovEstimator EST = HiddenMarkovEstimator.of(2, new GaussianSpec(CovarianceStructure.FULL, 1e-6))
            .withEm(EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12));

    static SequenceData data(int[] lengths, long seed) {
        return TRUTH.sample(lengths, seed).sequences();
    }

    @Test
    void bootstrapIsTheSameBitsOnOneAndTwoThreads() {
        SequenceData x = data(new int[] {60, 40, 80, 50, 70}, 3);
        HiddenMarkovModel fit = EST.fit(x, 1).model();
        BootstrapChecks.sameBitsOnOneAndTwoThreads(HmmUncertainty.bootstrap(EST), x, fit, 5);
        assertThat(HmmUncertainty.names(fit, x.matrix().columns())).containsExactly("start[0]", "start[1]",
                "transition[0][0]", "transition[0][1]", "transition[1][0]", "transition[1][1]", "mean[0]", "sd[0]",
                "mean[1]", "sd[1]");
    }

    /**
     * Oracle: the truth. 40 sequences of 100 steps, 100 non-parametric replicates (sequences
     * resampled): each 95% percentile interval of the emission means and transition
     * probabilities covers the true value, and states stay matched (no interval spans both means).
     */
    @Test
    void percentileIntervalsCoverTheTruth() {
        int[] lengths = new int[40];
        java.util.Arrays.fill(lengths, 100);
        SequenceData x = data(lengths, 4);
        HiddenMarkovModel fit = EST.fit(x, 1).model();
        int[] order = fit.emissions().parameters(0).get("mean") instanceof Double m0 && m0 > 1.5 ? new int[] {1, 0}
                : new int[] {0, 1};
        HiddenMarkovModel ordered = HiddenMarkovModel.of(new double[] {fit.startProbabilities()[order[0]],
                fit.startProbabilities()[order[1]]}, fit.transitionMatrix(), fit.emissions());
        BootstrapResult r = new Bootstrap(100, BootstrapKind.NONPARAMETRIC, 0.95, 0).run(HmmUncertainty.bootstrap(EST), x,
                fit, 8);
        assertThat(r.failures()).isEmpty();
        java.util.List<String> names = r.estimates().names();
        double[][] truth = TRUTH.transitionMatrix();
        for (int a = 0; a < 2; a++) {
            int q = names.indexOf("mean[" + order[a] + "]");
            double trueMean = a == 0 ? 0 : 3;
            assertThat(r.lower()[q]).isLessThan(trueMean);
            assertThat(r.upper()[q]).isGreaterThan(trueMean).isLessThan(trueMean + 1);
            int t = names.indexOf("transition[" + order[a] + "][" + order[a] + "]");
            assertThat(r.lower()[t]).isLessThan(truth[a][a]);
            assertThat(r.upper()[t]).isGreaterThan(truth[a][a]);
        }
        assertThat(ordered.states()).isEqualTo(2);
    }
}
