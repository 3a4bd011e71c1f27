package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.mlem.spark.example.LocalExample;

/** The documented example runs and recovers its clusters. Oracle: the generating means (0,0), (5,5), variances 1; tolerance 0.15 (2000 draws). */
class LocalExampleTest {

    @Test
    void exampleRecoversTheTwoClusters() {
        GaussianMixtureModel model = LocalExample.run(SparkTestKit.spark());
        org.mlem.gmm.GaussianMixture m = model.mixture();
        double[][] means = m.means();
        Integer[] order = {0, 1};
        Arrays.sort(order, Comparator.comparingDouble(j -> means[j][0]));
        assertThat(means[order[0]][0]).isCloseTo(0, within(0.15));
        assertThat(means[order[0]][1]).isCloseTo(0, within(0.15));
        assertThat(means[order[1]][0]).isCloseTo(5, within(0.15));
        assertThat(m.weights()[0]).isCloseTo(0.5, within(0.05));
        assertThat(m.covariance(order[1])[1][1]).isCloseTo(1, within(0.15));
        assertThat(model.summary().converged()).isTrue();
    }
}
