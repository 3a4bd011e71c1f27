package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.io.ModelJson;

/**
 * Spark's Gaussian mixture names the degenerate components that the single-machine fit names.
 * Oracle: {@link GaussianMixtureEstimator#degenerateComponents} on the same rows and fit; data:
 * {@link SameAnswerTest#data()}'s three clusters plus one row far from them, which a fourth
 * component takes alone (n_k = 1, its covariance at the regCovar floor). Two starts on both sides
 * (the automatic ten took 47 s of CI: every later start's screening is a Spark job).
 */
class DegenerateOnSparkTest {
    @TempDir
    Path dir;

    @Test
    void aComponentOnOnePlantedRowIsNamedAsOnOneMachine() throws IOException {
        DataMatrix clusters = SameAnswerTest.data();
        double[] v = java.util.Arrays.copyOf(clusters.values(), clusters.values().length + 3);
        v[v.length - 3] = 40;
        v[v.length - 2] = 40;
        v[v.length - 1] = 40;
        DataMatrix x = DataMatrix.of(v, clusters.rows() + 1, 3, null);
        GaussianMixtureEstimator estimator = GaussianMixtureEstimator.of(4).withEm(EmOptions.DEFAULTS.withRestarts(2));
        MixtureFit<org.mlem.gmm.GaussianMixture> local = estimator.fit(x, 5);
        List<DegenerateComponent> expected = estimator.degenerateComponents(local.model(), x);
        assertThat(expected).hasSize(1);
        assertThat(expected.get(0).effectiveCount()).isCloseTo(1, within(1e-3));

        GaussianMixtureModel spark = new GaussianMixture().setK(4).setNInit(2).setSeed(5).fit(SparkTestKit.frame(x, 3));
        List<DegenerateComponent> got = spark.degenerateComponents();
        assertThat(got).hasSize(1);
        assertThat(got.get(0).component()).isEqualTo(expected.get(0).component());
        assertThat(got.get(0).reasons()).isEqualTo(expected.get(0).reasons());
        assertThat(got.get(0).effectiveCount()).isCloseTo(expected.get(0).effectiveCount(), within(1e-9));

        Path saved = dir.resolve("model");
        spark.write().save(saved.toString());
        JsonNode file = ModelJson.readTree(saved.resolve(GaussianMixtureModel.MIXTURE_FILE));
        assertThat(file.get("degenerateComponents").get(0).get("component").asInt()).isEqualTo(expected.get(0).component());
        assertThat(Files.exists(saved)).isTrue();
    }
}
