package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.em.DegenerateComponent;
import org.mlem.gmm.DegeneracyTestAccess;

/**
 * {@link HmmDegeneracy} on Old Faithful's rows as one sequence plus one planted step (40, 400).
 * Oracle: the planted step. A third state with emission mean on that step and covariance 2e-6·I
 * (twice the ridge) is occupied for n_k = 1 expected step (1e-3, the posterior leakage
 * allowance): fewer than d + 1 = 3, at the floor, a spike; the two states on the clusters are not.
 */
class HmmDegeneracyTest {

    @Test
    void aStateOnOnePlantedStepIsDegenerate() {
        SequenceData x = SequenceData.single(DegeneracyTestAccess.faithfulWithOutlier());
        double[][] means = {{2.04, 54.5}, {4.29, 80.0}};
        double[][][] covs = {{{0.07, 0.44}, {0.44, 33.7}}, {{0.17, 0.94}, {0.94, 36.0}}};
        HiddenMarkovModel healthy = HiddenMarkovModel.of(new double[] {0.5, 0.5},
                new double[][] {{0.5, 0.5}, {0.5, 0.5}}, GaussianEmission.full(means, covs));
        assertThat(HmmDegeneracy.of(healthy, x, 1e-6)).isEmpty();

        double[][] means3 = {means[0], means[1], {40, 400}};
        double[][][] covs3 = {covs[0], covs[1], {{2e-6, 0}, {0, 2e-6}}};
        double[][] t = {{0.49, 0.49, 0.02}, {0.49, 0.49, 0.02}, {0.49, 0.49, 0.02}};
        HiddenMarkovModel spiked = HiddenMarkovModel.of(new double[] {0.5, 0.49, 0.01}, t, GaussianEmission.full(means3, covs3));
        List<DegenerateComponent> found = HmmDegeneracy.of(spiked, x, 1e-6);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).component()).isEqualTo(2);
        assertThat(found.get(0).effectiveCount()).isCloseTo(1, offset(1e-3));
        assertThat(found.get(0).reasons()).containsExactly(DegenerateComponent.FEW_POINTS,
                DegenerateComponent.COVARIANCE_FLOOR, DegenerateComponent.SPIKE);
    }
}
