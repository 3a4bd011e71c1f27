package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;

/**
 * Scores and posteriors of rows with missing cells from a gmm (full and diagonal) and a tmix file
 * (issue 11). Oracle: scipy's multivariate_normal / multivariate_t on each row's observed
 * sub-vector ({@code tools/reference/score_missing.py} → {@code fixtures/missing/score_missing.json});
 * tolerance 1e-10 relative on log densities (closed forms, two implementations of one formula),
 * 1e-10 absolute on posteriors. A row with no cell observed: exactly 0 and the weights.
 */
class MissingCellScoresTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode fixture() throws Exception {
        try (InputStream in = MissingCellScoresTest.class.getResourceAsStream("/fixtures/missing/score_missing.json")) {
            return MAPPER.readTree(in);
        }
    }

    private static DataMatrix rows(JsonNode f) {
        JsonNode r = f.get("rows");
        double[] v = new double[r.size() * 3];
        for (int i = 0; i < r.size(); i++) {
            for (int a = 0; a < 3; a++) {
                v[i * 3 + a] = r.get(i).get(a).isNull() ? Double.NaN : r.get(i).get(a).asDouble();
            }
        }
        return DataMatrix.of(v, r.size(), 3, DataMatrix.defaultNames(3));
    }

    private static ObjectNode model(JsonNode f, String kind) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("model", kind);
        node.put("k", 2);
        node.set("weights", f.get("weights"));
        node.set("means", f.get("means"));
        return node;
    }

    private static void check(FittedModel model, JsonNode want, DataMatrix x) {
        double[] ll = ((RowScores) model).logDensities(Rows.frame(x));
        double[][] p = ((LatentClasses) model).posteriors(Rows.frame(x));
        for (int i = 0; i < x.rows(); i++) {
            double w = want.get("logDensities").get(i).asDouble();
            assertThat(ll[i]).as("row %d", i).isCloseTo(w, within(1e-10 * Math.max(1, Math.abs(w))));
            for (int j = 0; j < 2; j++) {
                assertThat(p[i][j]).as("row %d, component %d", i, j)
                        .isCloseTo(want.get("posteriors").get(i).get(j).asDouble(), within(1e-10));
            }
        }
        assertThat(ll[7]).isEqualTo(0.0); // every cell missing
    }

    /** The fixture's Gaussian mixture with {@code covariance} full or diag. */
    private static FittedModel gmm(JsonNode f, String covariance) {
        ObjectNode node = model(f, "gmm");
        node.put("covariance", covariance);
        node.set("covariances", covariance.equals("full") ? f.get("gmmFull").get("covariances") : f.get("gmmDiag").get("variances"));
        return ModelKinds.read(node, "gmm");
    }

    @Test
    void gaussianFullMatchesScipyOnTheObservedSubVector() throws Exception {
        JsonNode f = fixture();
        check(gmm(f, "full"), f.get("gmmFull"), rows(f));
    }

    @Test
    void gaussianDiagonalMatchesScipyOnTheObservedSubVector() throws Exception {
        JsonNode f = fixture();
        check(gmm(f, "diag"), f.get("gmmDiag"), rows(f));
    }

    @Test
    void tMixtureMatchesScipyOnTheObservedSubVector() throws Exception {
        JsonNode f = fixture();
        ObjectNode node = model(f, "tmix");
        node.set("scales", f.get("tmix").get("scales"));
        node.set("df", f.get("tmix").get("df"));
        check(ModelKinds.read(node, "tmix"), f.get("tmix"), rows(f));
    }

    /** Complete rows among rows with holes: the same bits as those rows scored alone (no holes anywhere). */
    @Test
    void completeRowsScoreBitForBitAsWithoutHoles() throws Exception {
        JsonNode f = fixture();
        FittedModel model = gmm(f, "diag");
        DataMatrix x = rows(f);
        int[] complete = {0, 8};
        double[] v = new double[complete.length * 3];
        for (int r = 0; r < complete.length; r++) {
            System.arraycopy(x.row(complete[r]), 0, v, r * 3, 3);
        }
        DataMatrix alone = DataMatrix.of(v, complete.length, 3, x.columns());
        double[] all = ((RowScores) model).logDensities(Rows.frame(x));
        double[] only = ((RowScores) model).logDensities(Rows.frame(alone));
        double[][] pAll = ((LatentClasses) model).posteriors(Rows.frame(x));
        double[][] pOnly = ((LatentClasses) model).posteriors(Rows.frame(alone));
        for (int r = 0; r < complete.length; r++) {
            assertThat(all[complete[r]]).isEqualTo(only[r]);
            assertThat(pAll[complete[r]]).isEqualTo(pOnly[r]);
        }
        assertThat(Arrays.stream(pAll[7]).boxed().toList()).containsExactly(0.35, 0.65);
    }
}
