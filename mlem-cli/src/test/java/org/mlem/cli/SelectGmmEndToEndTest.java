package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.ModelJson;
import org.mlem.select.Candidate;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectionResult;

/**
 * {@code mlem select gmm} through {@code Main}. Oracle: {@link ModelSelection#gaussian} on the same
 * data and seed (the same fits, so 1e-9 covers only the JSON's decimals), including its
 * {@code bestByBic}; and the library's promise that a candidate does not depend on the rest of
 * the grid (a k list equals those rows of the full range).
 */
class SelectGmmEndToEndTest {
    static final String FAITHFUL = "../mlem-core/src/test/resources/fixtures/data/faithful.csv";

    @TempDir
    Path dir;


    @Test
    void candidatesAndBestEqualTheLibrary() throws IOException {
        Path best = dir.resolve("best.json");
        JsonNode j = json(Cli.run("select", "gmm", "--k", "1..3", "--reg-covar", "1e-6", "--json", "--out",
                best.toString(), FAITHFUL));
        CsvTable t = CsvReader.read(FAITHFUL, CsvFormat.DEFAULT);
        List<String> cols = List.of("eruptions", "waiting");
        DataMatrix x = t.matrix(cols, t.completeRows(cols, false).rows());
        SelectionResult<GaussianMixture> lib = ModelSelection.gaussian(1, 3).run(x, 0);
        assertThat(j.get("candidates").size()).isEqualTo(lib.candidates().size()).isEqualTo(12);
        for (int i = 0; i < 12; i++) {
            Candidate<GaussianMixture> c = lib.candidates().get(i);
            JsonNode r = j.get("candidates").get(i);
            assertThat(r.get("k").asInt()).isEqualTo(c.k());
            assertThat(r.get("variant").asText()).isEqualTo(c.variant());
            assertThat(r.get("logLikelihood").asDouble()).isCloseTo(c.logLikelihood(), within(1e-9));
            assertThat(r.get("bic").asDouble()).isCloseTo(c.bic(), within(1e-9));
            assertThat(r.get("aic").asDouble()).isCloseTo(c.aic(), within(1e-9));
            assertThat(r.get("icl").asDouble()).isCloseTo(c.icl(), within(1e-9));
        }
        assertThat(j.get("best").asInt()).isEqualTo(lib.bestByBic());
        // faithful: mclust 6.0 over VVV, VVI, EEE, VII and G = 1..3 picks EEE,3 (BIC -2314.316 in its sign; tools/reference/select_mclust.R writes it to fixtures/select/mclust_bic.json), and so
        // does the library now that EM runs to the maximum (scikit-learn's rule stopped tied k=3 short and picked k=2)
        assertThat(lib.best().k()).isEqualTo(3);
        assertThat(lib.best().variant()).isEqualTo("tied");
        // mlem's maximum is 0.01 higher than mclust's, whose relative tolerance 1e-5 stops it a little short
        assertThat(lib.best().bic()).isBetween(2314.316 - 0.05, 2314.316 + 1e-3);

        // --out writes the best model as a gmm file: score's total is its log-likelihood
        Cli.Run score = Cli.run("score", "--total", best.toString(), FAITHFUL);
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(Double.parseDouble(score.out().strip())).isCloseTo(lib.best().logLikelihood(), within(1e-8));

        // a list of k gives the same candidates as those rows of the range
        JsonNode some = json(Cli.run("select", "gmm", "--k", "3,1", "--covariance", "full,diag", "--reg-covar", "1e-6", "--json",
                FAITHFUL));
        assertThat(some.get("candidates").size()).isEqualTo(4);
        JsonNode k3diag = some.get("candidates").get(3);
        assertThat(k3diag.get("k").asInt()).isEqualTo(3);
        assertThat(k3diag.get("bic").asDouble()).isEqualTo(lib.get(3, "diag").bic());
    }

    @Test
    void badRangesExitTwo() {
        for (String k : List.of("3..1", "0..4", "a..b", "2,,3", "1..")) {
            Cli.Run r = Cli.run("select", "gmm", "--k", k, FAITHFUL);
            assertThat(r.status()).as(k).isEqualTo(2);
            assertThat(r.errLines()).as(k).hasSize(1);
            assertThat(r.err()).as(k).startsWith("mlem: select gmm: --k " + k);
        }
    }
}
