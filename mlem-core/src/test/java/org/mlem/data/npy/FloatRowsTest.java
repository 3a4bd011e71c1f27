package org.mlem.data.npy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.testkit.Mixtures;

/** Single-precision storage ({@link FloatRows}). */
class FloatRowsTest {

    /**
     * Oracle: the double-precision fit of the values rounded to float, which is exactly what the
     * blocks hold; equal bit for bit (tolerance 0) on 2 threads, over 3 blocks with a short last one.
     */
    @Test
    void fitEqualsTheDoubleFitOfTheRoundedValues() {
        DataMatrix data = Mixtures.wellSeparated(3, 5, CovarianceStructure.FULL, 2).sample(5_000, 4, null).data();
        double[] rounded = data.values();
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = (float) rounded[i];
        }
        DataMatrix oracle = DataMatrix.of(rounded, data.rows(), data.cols(), null);
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(3).withEm(EmOptions.DEFAULTS.withThreads(2));
        FloatRows rows = FloatRows.of(data);
        assertThat(rows.blockCount()).isEqualTo(3);
        MixtureFit<GaussianMixture> single = est.fit(rows, 9, EmListener.NONE);
        MixtureFit<GaussianMixture> expected = est.fit(oracle, 9);
        assertThat(single.trace()).containsExactly(expected.trace());
        assertThat(single.model().mean(2)).containsExactly(expected.model().mean(2));
    }
}
