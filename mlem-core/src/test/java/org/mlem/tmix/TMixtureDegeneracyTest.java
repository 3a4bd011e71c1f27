package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.gmm.DegeneracyTestAccess;

/**
 * {@link TMixtureDegeneracy} on Old Faithful plus one planted row (40, 400). Oracle: the planted
 * row. A third component placed on that row with scale 2e-6·I (twice the ridge) holds it alone:
 * n_k = 1 (1e-3, the posterior leakage allowance), fewer than the d + 1 = 3 rows a free scale
 * needs, at the floor, a spike; the two components on the clusters are not degenerate.
 */
class TMixtureDegeneracyTest {

    @Test
    void aComponentOnOnePlantedRowIsDegenerate() {
        DataMatrix x = DegeneracyTestAccess.faithfulWithOutlier();
        TMixture healthy = TMixture.of(new double[] {0.36, 0.64}, new double[][] {{2.04, 54.5}, {4.29, 80.0}},
                new double[][][] {{{0.07, 0.44}, {0.44, 33.7}}, {{0.17, 0.94}, {0.94, 36.0}}}, new double[] {30, 30});
        assertThat(TMixtureDegeneracy.of(healthy, x, 1e-6)).isEmpty();

        TMixture spiked = TMixture.of(new double[] {0.36, 0.635, 0.005}, new double[][] {{2.04, 54.5}, {4.29, 80.0}, {40, 400}},
                new double[][][] {{{0.07, 0.44}, {0.44, 33.7}}, {{0.17, 0.94}, {0.94, 36.0}}, {{2e-6, 0}, {0, 2e-6}}},
                new double[] {30, 30, 30});
        List<DegenerateComponent> found = TMixtureDegeneracy.of(spiked, x, 1e-6);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).component()).isEqualTo(2);
        assertThat(found.get(0).effectiveCount()).isCloseTo(1, offset(1e-3));
        assertThat(found.get(0).reasons()).containsExactly(DegenerateComponent.FEW_POINTS,
                DegenerateComponent.COVARIANCE_FLOOR, DegenerateComponent.SPIKE);
    }
}
