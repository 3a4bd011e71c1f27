package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.mlem.dist.Families;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Tolerances;

/**
 * Recovery of known parameters from 20,000+ simulated steps (oracle: the simulating model;
 * tolerance {@link Tolerances#RECOVERY} = 0.1 relative, with a floor: 1 for means near 0, 0.5 for
 * covariances, 0.1 for probabilities, i.e. 0.01 absolute for small ones), after putting
 * the fitted states in the truth's order (label switching).
 */
class HmmRecoveryTest {

    static final double[][] TRANS = {{0.90, 0.07, 0.03}, {0.05, 0.85, 0.10}, {0.10, 0.10, 0.80}};

    static HiddenMarkovModel gaussianTruth() {
        GaussianEmission e = GaussianEmission.full(new double[][] {{-3, 0}, {2, 2}, {4, -3}},
                new double[][][] {{{1.0, 0.4}, {0.4, 0.8}}, {{0.6, -0.2}, {-0.2, 1.5}}, {{1.2, 0}, {0, 0.5}}});
        return HiddenMarkovModel.of(new double[] {0.5, 0.3, 0.2}, TRANS, e);
    }

    static int[] lengths(int sequences, int length) {
        int[] l = new int[sequences];
        Arrays.fill(l, length);
        return l;
    }

    @Test
    void gaussianFullFrom24000Steps() {
        HiddenMarkovModel truth = gaussianTruth();
        SequenceData data = truth.sample(lengths(24, 1000), 1).sequences();
        MixtureFit<HiddenMarkovModel> fit = HiddenMarkovEstimator.of(3, truth.emissions().spec())
                .withEm(HiddenMarkovEstimator.DEFAULT_EM.withRestarts(2)).fit(data, 2);
        HiddenMarkovModel m = fit.model();
        int[] order = orderBy(m, j -> ((GaussianEmission) m.emissions()).means()[j][0]);
        GaussianEmission fe = (GaussianEmission) m.emissions();
        GaussianEmission te = (GaussianEmission) truth.emissions();
        for (int j = 0; j < 3; j++) {
            int f = order[j];
            for (int a = 0; a < 2; a++) {
                assertThat(Tolerances.relativeError(fe.means()[f][a], te.means()[j][a], 1.0)).isLessThan(Tolerances.RECOVERY);
                for (int b = 0; b < 2; b++) {
                    assertThat(Tolerances.relativeError(fe.covariance(f)[a][b], te.covariance(j)[a][b], 0.5))
                            .isLessThan(Tolerances.RECOVERY);
                }
            }
            for (int i = 0; i < 3; i++) {
                assertThat(Tolerances.relativeError(m.transitionMatrix()[f][order[i]], TRANS[j][i], 0.1))
                        .as("A[%d][%d]", j, i).isLessThan(Tolerances.RECOVERY);
            }
        }
        assertThat(fit.converged()).isTrue();
        assertThat(fit.logLikelihood()).isEqualTo(Arrays.stream(fit.startLogLikelihoods()).max().getAsDouble());
    }

    @Test
    void poissonFrom20000Steps() {
        double[][] a = {{0.95, 0.05}, {0.1, 0.9}};
        HiddenMarkovModel truth = HiddenMarkovModel.of(new double[] {0.5, 0.5}, a,
                FamilyEmission.of(Families.poisson(), new double[][] {{1.5}, {7.0}}));
        SequenceData data = truth.sample(lengths(10, 2000), 3).sequences();
        HiddenMarkovModel m = HiddenMarkovEstimator.of(2, truth.emissions().spec()).fit(data, 4).model();
        FamilyEmission e = (FamilyEmission) m.emissions();
        int[] order = orderBy(m, j -> e.distribution(j).parameter("lambda"));
        assertThat(Tolerances.relativeError(e.distribution(order[0]).parameter("lambda"), 1.5, 0)).isLessThan(Tolerances.RECOVERY);
        assertThat(Tolerances.relativeError(e.distribution(order[1]).parameter("lambda"), 7.0, 0)).isLessThan(Tolerances.RECOVERY);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(Tolerances.relativeError(m.transitionMatrix()[order[i]][order[j]], a[i][j], 0))
                        .isLessThan(Tolerances.RECOVERY);
            }
        }
    }

    @Test
    void categoricalFrom20000Steps() {
        double[][] a = {{0.9, 0.1}, {0.15, 0.85}};
        double[][] p = {{0.7, 0.2, 0.05, 0.05}, {0.05, 0.1, 0.35, 0.5}};
        HiddenMarkovModel truth = HiddenMarkovModel.of(new double[] {0.5, 0.5}, a, CategoricalEmission.of(p));
        SequenceData data = truth.sample(lengths(20, 1000), 5).sequences();
        HiddenMarkovModel m = HiddenMarkovEstimator.of(2, EmissionSpec.categorical())
                .withEm(HiddenMarkovEstimator.DEFAULT_EM.withRestarts(3)).fit(data, 6).model();
        CategoricalEmission e = (CategoricalEmission) m.emissions();
        int[] order = orderBy(m, j -> -e.probabilities()[j][0]);
        for (int j = 0; j < 2; j++) {
            for (int c = 0; c < 4; c++) {
                assertThat(Tolerances.relativeError(e.probabilities()[order[j]][c], p[j][c], 0.1)).isLessThan(Tolerances.RECOVERY);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(Tolerances.relativeError(m.transitionMatrix()[order[j]][order[i]], a[j][i], 0))
                        .isLessThan(Tolerances.RECOVERY);
            }
        }
    }

    /** Fitted state indices sorted by a key: order[j] is the fitted state matching the truth's j-th. */
    static int[] orderBy(HiddenMarkovModel m, java.util.function.IntToDoubleFunction key) {
        Integer[] idx = new Integer[m.states()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, Comparator.comparingDouble(key::applyAsDouble));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

}
