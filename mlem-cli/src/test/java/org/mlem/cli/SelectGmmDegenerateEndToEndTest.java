package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.RegCovar;
import org.mlem.io.ModelJson;

/**
 * {@code select gmm} and {@code fit gmm} on degenerate candidates, one-dimensional data, the
 * selection flags and bad input, through {@code Main}. Oracles: mclust 6.0's choice on iris
 * (fixtures/select/mclust_choice.json, tools/reference/select_degenerate_mclust.R: VVV with two
 * components); the planted row of a single-row cluster; and each flag's definition.
 */
class SelectGmmDegenerateEndToEndTest {
    static final String DATA = "../mlem-core/src/test/resources/fixtures/data/";
    static final String IRIS = DATA + "iris.csv";
    static final String GALAXIES = DATA + "galaxies.csv";

    @TempDir
    Path dir;


    /** The bug: iris k = 1..9 chose six components; now k = 6 full is marked degenerate and two are chosen, as mclust. */
    @Test
    void irisPicksTwoFullAndMarksTheSpike() throws IOException {
        JsonNode j = json(Cli.run("select", "gmm", "--k", "1..9", "--json", IRIS));
        JsonNode rows = j.get("candidates");
        JsonNode best = rows.get(j.get("best").asInt());
        assertThat(best.get("k").asInt()).isEqualTo(2);
        assertThat(best.get("variant").asText()).isEqualTo("full");
        assertThat(best.get("mclustModel").asText()).isEqualTo("VVV");
        assertThat(best.get("degenerate").asBoolean()).isFalse();
        assertThat(j.get("criterion").asText()).isEqualTo("bic");
        JsonNode six = rows.get((6 - 1) * 4); // k-major, full first
        assertThat(six.get("k").asInt()).isEqualTo(6);
        assertThat(six.get("degenerate").asBoolean()).isTrue();
        JsonNode c = six.get("degenerateComponents").get(0);
        assertThat(c.get("reasons").toString()).contains("covariance-floor");
        assertThat(c.get("reason").asText()).contains("regCovar floor");
        assertThat(six.get("excluded").asText()).startsWith("component " + c.get("component").asInt() + " is degenerate");
        for (JsonNode r : rows) {
            assertThat(six.get("bic").asDouble()).isLessThanOrEqualTo(r.get("bic").asDouble());
        }
        // the ridge is the data-scaled default: 1e-6 x the mean column variance
        CsvTable t = CsvReader.read(IRIS, CsvFormat.DEFAULT);
        DataMatrix x = t.matrix(t.names(), t.completeRows(t.names(), false).rows());
        assertThat(j.get("regCovar").asDouble()).isCloseTo(RegCovar.scaled(x), within(1e-18));

        Cli.Run table = Cli.run("select", "gmm", "--k", "6", "--covariance", "full,tied", IRIS);
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("6\\s+full.*degenerate").contains("never chosen:")
                .contains("best by BIC: k=6, tied covariance");
    }

    /** A planted single-row cluster: the candidate that isolates it is reported degenerate and not chosen. */
    @Test
    void plantedOutlierIsReportedAndNotChosen() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(DATA + "faithful.csv")));
        lines.add("40,400");
        Path csv = dir.resolve("outlier.csv");
        Files.write(csv, lines);
        JsonNode j = json(Cli.run("select", "gmm", "--k", "1..3", "--covariance", "full,spherical", "--json", csv.toString()));
        int flagged = 0;
        for (JsonNode r : j.get("candidates")) {
            if (r.get("degenerate").asBoolean()) {
                flagged++;
                assertThat(r.get("degenerateComponents").get(0).get("effectiveCount").asDouble()).isCloseTo(1, within(1e-3));
            }
        }
        assertThat(flagged).isPositive();
        JsonNode best = j.get("candidates").get(j.get("best").asInt());
        assertThat(best.get("degenerate").asBoolean()).isFalse();

        // fit gmm names the same component in its summary and JSON
        JsonNode fit = json(Cli.run("fit", "gmm", "--k", "3", "--seed", "1", "--json", csv.toString()));
        JsonNode dc = fit.get("degenerateComponents");
        assertThat(dc.size()).isEqualTo(1);
        int comp = dc.get(0).get("component").asInt();
        assertThat(fit.get("means").get(comp).get(1).asDouble()).isCloseTo(400, within(1e-6));
        Cli.Run summary = Cli.run("fit", "gmm", "--k", "3", "--seed", "1", csv.toString());
        assertThat(summary.out()).contains("warning: 1 degenerate component").contains("component " + comp + ": it holds n_k");
    }

    /** One column: E and V once per k; full, diag and spherical asked for together are fit once, with a note. */
    @Test
    void oneDimensionListsEAndVOnce() throws IOException {
        JsonNode j = json(Cli.run("select", "gmm", "--k", "1..3", "--json", GALAXIES));
        List<String> seen = new ArrayList<>();
        for (JsonNode r : j.get("candidates")) {
            seen.add(r.get("k").asInt() + r.get("variant").asText() + "/" + r.get("covariance").asText());
        }
        assertThat(seen).containsExactly("1E/tied", "1V/full", "2E/tied", "2V/full", "3E/tied", "3V/full");

        Cli.Run merged = Cli.run("select", "gmm", "--k", "1..3", "--covariance", "full,diag,tied,spherical", GALAXIES);
        assertThat(merged.status()).as(merged.err()).isZero();
        assertThat(merged.err()).contains("one model, V; fitting it once (diag, spherical merged)");
        assertThat(merged.out()).contains("E (tied)").contains("V (full)").doesNotContain("diag");

        JsonNode v = json(Cli.run("fit", "gmm", "--k", "2", "--covariance", "V", "--json", GALAXIES));
        assertThat(v.get("covariance").asText()).isEqualTo("full");
        assertThat(v.get("mclustModel").asText()).isEqualTo("V");
        JsonNode e = json(Cli.run("fit", "gmm", "--k", "2", "--covariance", "E", "--json", GALAXIES));
        assertThat(e.get("covariance").asText()).isEqualTo("tied");
        Cli.Run wrong = Cli.run("fit", "gmm", "--k", "2", "--covariance", "V", IRIS);
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.errLines()).hasSize(1);
        assertThat(wrong.err()).contains("one-dimensional model").contains("4 columns");
    }

    /** Every candidate fails (three distinct rows, k = 4..5): exit 2 and one line naming the problem and the fix. */
    @Test
    void everyCandidateFailingExitsTwo() throws IOException {
        Path csv = dir.resolve("three.csv");
        Files.writeString(csv, "a,b\n0,0\n1,0\n0,1\n0,0\n");
        Cli.Run r = Cli.run("select", "gmm", "--k", "4..5", csv.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: select gmm: every candidate failed; first, k=4 full: ")
                .contains("only 3 distinct rows").contains("try smaller k");
    }

    /** --criterion icl picks the lowest ICL (galaxies: k=3 E, where BIC picks k=6 E) and is reported. */
    @Test
    void criterionFlag() throws IOException {
        // Old Faithful: BIC picks tied k = 3 (mclust's EEE 3), ICL full k = 2
        String faithful = DATA + "faithful.csv";
        JsonNode bic = json(Cli.run("select", "gmm", "--k", "1..3", "--json", faithful));
        JsonNode icl = json(Cli.run("select", "gmm", "--k", "1..3", "--criterion", "icl", "--json", faithful));
        assertThat(icl.get("criterion").asText()).isEqualTo("icl");
        assertThat(icl.get("best").asInt()).isEqualTo(icl.get("bestByIcl").asInt()).isNotEqualTo(bic.get("best").asInt());
        JsonNode b = icl.get("candidates").get(icl.get("best").asInt());
        assertThat(b.get("k").asInt() + b.get("variant").asText()).isEqualTo("2full");
        Cli.Run table = Cli.run("select", "gmm", "--k", "1..3", "--criterion", "aic", GALAXIES);
        assertThat(table.out()).contains("best by AIC:");
        Cli.Run bad = Cli.run("select", "gmm", "--k", "1..3", "--criterion", "dic", GALAXIES);
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
    }

    /** --max-iter, --tol, --reg-covar, --n-init and --init reach every candidate's fit. */
    @Test
    void emFlagsAreHonoured() throws IOException {
        JsonNode one = json(Cli.run("select", "gmm", "--k", "2..3", "--max-iter", "1", "--tol", "0", "--reg-covar", "0.001",
                "--n-init", "2", "--json", IRIS));
        assertThat(one.get("regCovar").asDouble()).isEqualTo(0.001);
        assertThat(one.get("nInit").asInt()).isEqualTo(2);
        assertThat(one.get("maxIter").asInt()).isEqualTo(1);
        assertThat(one.get("tol").asDouble()).isZero();
        for (JsonNode r : one.get("candidates")) {
            assertThat(r.get("iterations").asInt()).isEqualTo(1);
        }
        JsonNode kmeans = json(Cli.run("select", "gmm", "--k", "3", "--covariance", "full", "--json", IRIS));
        JsonNode random = json(Cli.run("select", "gmm", "--k", "3", "--covariance", "full", "--init", "random", "--json", IRIS));
        assertThat(random.get("init").asText()).isEqualTo("random");
        assertThat(random.get("candidates").get(0).get("logLikelihood").asDouble())
                .isNotEqualTo(kmeans.get("candidates").get(0).get("logLikelihood").asDouble());
        Cli.Run file = Cli.run("select", "gmm", "--k", "3", "--init", "model.json", IRIS);
        assertThat(file.status()).isEqualTo(2);
        assertThat(file.err()).contains("fit gmm --init FILE.json");
    }

    /**
     * fit gmm --reg-covar scaled uses 1e-6 x the mean column variance (oracle: RegCovar.scaled on
     * the same rows, exactly) and records the value; a word that is not a number or scaled exits 2.
     */
    @Test
    void fitGmmTakesTheScaledRidge() throws IOException {
        String faithful = DATA + "faithful.csv";
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--reg-covar", "scaled", "--json", faithful));
        CsvTable t = CsvReader.read(faithful, CsvFormat.DEFAULT);
        DataMatrix x = t.matrix(t.names(), t.completeRows(t.names(), false).rows());
        assertThat(j.get("regCovar").asDouble()).isEqualTo(RegCovar.scaled(x)).isGreaterThan(1e-5);
        assertThat(j.get("degenerateComponents").size()).isZero();
        Cli.Run bad = Cli.run("fit", "gmm", "--k", "2", "--reg-covar", "abc", faithful);
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).contains("--reg-covar 'abc' is not a number or scaled");
    }
}
