package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.em.MixtureFit;

/**
 * A few known states decide which fitted state is which from the k-means start too: with 5% of
 * steps known, state j of the fit is the generating state j. Oracle: the generating model; the
 * means are recovered within 0.25 (their standard errors are about 0.04).
 */
class KnownStatesStartTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fewKnownStatesNameTheStates(long seed) {
        HiddenMarkovModel truth = HiddenMarkovModel.of(new double[] {0.5, 0.5},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                GaussianEmission.full(new double[][] {{3.0}, {0.0}}, new double[][][] {{{1.0}}, {{1.0}}}));
        HiddenMarkovModel.Sample sample = truth.sample(new int[] {2000}, seed);
        int[] known = new int[2000];
        for (int t = 0; t < known.length; t++) {
            known[t] = t % 20 == 0 ? sample.states()[t] : -1;
        }
        SequenceData data = sample.sequences().withKnownStates(known);
        MixtureFit<HiddenMarkovModel> fit = HiddenMarkovEstimator.of(2, EmissionSpec.byName("gaussian", "full"))
                .fit(data, seed);
        GaussianEmission e = (GaussianEmission) fit.model().emissions();
        assertThat(e.means()[0][0]).isCloseTo(3.0, org.assertj.core.api.Assertions.within(0.25));
        assertThat(e.means()[1][0]).isCloseTo(0.0, org.assertj.core.api.Assertions.within(0.25));
    }
}
