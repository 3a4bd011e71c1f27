package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/** SQUAREM on Baum–Welch reaches plain EM's optimum in fewer EM maps, never lowering the likelihood. */
class HmmSquaremTest {

    /**
     * Oracle: plain Baum–Welch from the same start to a 1e-10 tolerance. Tolerance: final mean
     * log-likelihood within 1e-7, start and transition probabilities within 1e-4.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "poisson"})
    void reachesThePlainOptimumInFewerMaps(String emission) {
        HiddenMarkovModel truth = truth(emission);
        SequenceData data = truth.sample(new int[] {1500, 1000, 800}, 3).sequences();
        EmissionSpec spec = EmissionSpec.byName(emission, emission.equals("gaussian") ? "full" : null);
        HiddenMarkovModel start = HiddenMarkovEstimator.of(3, spec).withEm(EmOptions.SKLEARN.withMaxIterations(2))
                .fit(data, 8).model();
        EmOptions tight = EmOptions.SKLEARN.withTolerance(1e-10).withMaxIterations(20_000);
        HiddenMarkovEstimator est = HiddenMarkovEstimator.of(3, spec).withInit(new HmmInit.Given(start));
        MixtureFit<HiddenMarkovModel> plain = est.withEm(tight).fit(data, 0);
        MixtureFit<HiddenMarkovModel> sq = est.withEm(tight.withAcceleration(Acceleration.SQUAREM)).fit(data, 0);
        assertThat(plain.converged()).isTrue();
        assertThat(sq.converged()).isTrue();
        assertThat(sq.meanLogLikelihood()).isGreaterThanOrEqualTo(plain.meanLogLikelihood() - 1e-7);
        assertThat(sq.iterations()).isLessThan(plain.iterations());
        double[] t = sq.trace();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1] - 1e-9 * Math.max(1, Math.abs(t[i - 1])));
        }
        double[][] a = plain.model().transitionMatrix();
        double[][] b = sq.model().transitionMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(Math.abs(a[i][j] - b[i][j])).isLessThan(1e-4);
            }
        }
    }

    static HiddenMarkovModel truth(String emission) {
        double[] start = {0.5, 0.3, 0.2};
        double[][] trans = {{0.90, 0.07, 0.03}, {0.05, 0.90, 0.05}, {0.10, 0.10, 0.80}};
        Emission e = emission.equals("gaussian")
                ? GaussianEmission.full(new double[][] {{0, 0}, {2, 1}, {-1, 3}},
                        new double[][][] {{{1, 0.3}, {0.3, 1}}, {{0.5, 0}, {0, 0.8}}, {{1.5, -0.4}, {-0.4, 1}}})
                : FamilyEmission.of(org.mlem.dist.Families.poisson(), new double[][] {{1}, {4}, {9}});
        return HiddenMarkovModel.of(start, trans, e);
    }

}
