package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.testkit.Fixtures;

/**
 * The starts of a Baum–Welch fit with several starts differ: the first is the k-means start, the
 * later draws seed k-means++ without Lloyd iterations or draw random posteriors, with random
 * transitions. Before, every start came out of Lloyd's iterations on the same partition.
 */
class RestartsExploreTest {

    @Test
    void laterDrawsStartFromDifferentParameters() {
        DataMatrix x = Fixtures.csv("restarts/discoveries.csv");
        SequenceData data = SequenceData.single(x);
        HiddenMarkovEstimator est = HiddenMarkovEstimator.of(2, EmissionSpec.byName("poisson", null));
        EmissionSpec spec = HiddenMarkovEstimator.validate(data, 2, est.emission());
        SplittableRandom seeds = new SplittableRandom(0);
        List<double[]> starts = new ArrayList<>();
        try (BlockReducer reducer = new BlockReducer(1)) {
            for (int draw = 0; draw < 6; draw++) {
                HiddenMarkovModel m = HmmStart.initial(est, spec, data, seeds.split(), reducer, draw);
                starts.add(new HmmModel(spec, java.util.Set.of(), data).parameterVector().toVector(m));
            }
        }
        for (int a = 0; a < starts.size(); a++) {
            for (int b = a + 1; b < starts.size(); b++) {
                assertThat(Arrays.equals(starts.get(a), starts.get(b))).as("draws %d and %d", a, b).isFalse();
            }
        }
    }

    @Test
    void theFirstDrawIsTheOneStartFit() {
        DataMatrix x = Fixtures.csv("restarts/discoveries.csv");
        SequenceData data = SequenceData.single(x);
        HiddenMarkovEstimator auto = HiddenMarkovEstimator.of(2, EmissionSpec.byName("poisson", null));
        HiddenMarkovEstimator one = auto.withEm(auto.em().withRestarts(1));
        HiddenMarkovEstimator ten = one.withEm(one.em().withRestarts(10));
        double alone = one.fit(data, 3).logLikelihood();
        assertThat(ten.fit(data, 3).startLogLikelihoods()[0]).isEqualTo(alone);
    }

    /**
     * Gaussian emissions without a ridge on a series with a value repeated three times: a start
     * whose state lands on the repeated value alone collapses (variance 0), counts as −∞, and the
     * fit keeps the best of the others.
     */
    @Test
    void aStartWithACollapsedStateIsFailedAndTheFitGoesOn() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 60;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i >= 20 && i < 23 ? 8 : rng.nextDouble(-2, 2);
        }
        SequenceData data = SequenceData.single(DataMatrix.of(v, n, 1, null));
        HiddenMarkovEstimator est = HiddenMarkovEstimator.of(2,
                new GaussianSpec(org.mlem.gmm.CovarianceStructure.FULL, 0));
        var fit = est.withEm(est.em().withRestarts(30)).fit(data, 0);
        assertThat(fit.startLogLikelihoods()).contains(Double.NEGATIVE_INFINITY);
        double top = Arrays.stream(fit.startLogLikelihoods()).max().orElseThrow();
        assertThat(fit.logLikelihood()).isFinite().isBetween(top - org.mlem.em.Restarts.tie(top), top);
        assertThat(fit.optima().failed()).isPositive();
    }
}
