package org.mlem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;

/** Model files: a written mixture reads back to the same parameters bit for bit (Jackson writes round-trip doubles). */
class ModelJsonTest {
    @TempDir
    Path dir;

    private static GaussianMixture fitted(CovarianceStructure s) {
        GaussianMixture truth = GaussianMixture.of(new double[] {0.3, 0.7}, new double[][] {{0, 0}, {4, 1}},
                CovarianceStructure.FULL.fromShape(new double[][][] {{{1, 0.3}, {0.3, 0.5}}, {{0.7, -0.2}, {-0.2, 1.2}}}, 2, 2));
        DataMatrix x = truth.sample(300, 5, List.of("a", "b")).data();
        return GaussianMixtureEstimator.of(2).withCovariance(s).fit(x, 1).model();
    }

    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void writtenModelReadsBackExactly(CovarianceStructure s) {
        GaussianMixture m = fitted(s);
        ObjectNode node = ModelJson.gmmNode(m);
        node.set("columns", ModelJson.mapper().valueToTree(List.of("a", "b")));
        Path file = dir.resolve("m.json");
        ModelJson.write(node, file);
        GmmFile back = ModelJson.readGmm(file);
        assertThat(back.columns()).containsExactly("a", "b");
        assertThat(back.mixture().structure()).isEqualTo(s);
        assertThat(back.mixture().weights()).containsExactly(m.weights());
        assertThat(back.mixture().means()).isDeepEqualTo(m.means());
        for (int j = 0; j < 2; j++) {
            assertThat(back.mixture().covariance(j)).isDeepEqualTo(m.covariance(j));
        }
    }

    @Test
    void handWrittenFileWithOnlyTheParametersIsAccepted() throws IOException {
        Path file = dir.resolve("hand.json");
        Files.writeString(file, "{\"model\":\"gmm\",\"k\":2,\"covariance\":\"spherical\",\"weights\":[0.5,0.5],"
                + "\"means\":[[0],[3]],\"covariances\":[1,2]}");
        GmmFile f = ModelJson.readGmm(file);
        assertThat(f.columns()).isNull();
        assertThat(f.mixture().covariance(1)[0][0]).isEqualTo(2.0);
    }

    @Test
    void missingOrMisshapenFieldsNameTheFileAndTheField() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"model\":\"gmm\",\"k\":2,\"covariance\":\"diag\",\"weights\":[0.5,0.5],\"means\":[[0],[3]]}");
        assertThatThrownBy(() -> ModelJson.readGmm(file))
                .isInstanceOf(MlemUserException.class)
                .satisfies(e -> assertThat(((MlemUserException) e).oneLine()).startsWith(file + ": field 'covariances' is missing"));
        Files.writeString(file, "{\"model\":\"gmm\",\"k\":2,\"covariance\":\"diag\",\"weights\":[0.5],\"means\":[[0],[3]],"
                + "\"covariances\":[[1],[1]]}");
        assertThatThrownBy(() -> ModelJson.readGmm(file)).hasMessageContaining("field 'weights' must be an array of 2 numbers");
        Files.writeString(file, "{\"model\":\"gmm\",\"k\":1,\"covariance\":\"full\",\"weights\":[1],\"means\":[[0,0]],"
                + "\"covariances\":[[[1,2],[2,1]]]}");
        assertThatThrownBy(() -> ModelJson.readGmm(file)).hasMessageContaining("field 'covariances' is not valid");
        Files.writeString(file, "{\"model\": gmm}");
        assertThatThrownBy(() -> ModelJson.readGmm(file))
                .satisfies(e -> assertThat(((MlemUserException) e).line()).isEqualTo(1))
                .hasMessageContaining("not valid JSON");
    }
}
