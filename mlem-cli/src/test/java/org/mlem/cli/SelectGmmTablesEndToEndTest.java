package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code select gmm}'s mclust-style BIC and ICL tables. Oracle: the same run's candidates (each
 * cell is its candidate's criterion, mlem's sign; the top entry is the best by that criterion)
 * and the text naming mclust's sign convention. Exact: the tables only move values.
 */
class SelectGmmTablesEndToEndTest {
    private static final String FAITHFUL = "../examples/faithful.csv";

    @Test
    void tablesHoldEveryCandidateAndTheTopIsTheBest() throws IOException {
        JsonNode j = json(Cli.run("select", "gmm", "--k", "1..3", "--covariance", "full,tied,EII", "--json", FAITHFUL));
        for (String name : new String[] {"bic", "icl"}) {
            JsonNode t = j.get(name + "Table");
            assertThat(t.get("models").toString()).isEqualTo("[\"VVV\",\"EEE\",\"EII\"]");
            assertThat(t.get("k").toString()).isEqualTo("[1,2,3]");
            for (JsonNode c : j.get("candidates")) {
                int row = c.get("k").asInt() - 1;
                int col = java.util.List.of("VVV", "EEE", "EII").indexOf(c.get("mclustModel").asText());
                JsonNode cell = t.get("values").get(row).get(col);
                if (c.has("excluded") && !c.get("excluded").isNull() || !c.has(name)) {
                    continue;
                }
                assertThat(cell.asDouble()).as("%s k=%d %s", name, row + 1, c.get("mclustModel")).isEqualTo(c.get(name).asDouble());
            }
            assertThat(t.get("top").size()).isEqualTo(3);
            assertThat(t.get("top").get(0).get("value").asDouble()).isLessThanOrEqualTo(t.get("top").get(1).get("value").asDouble());
        }
        JsonNode best = j.get("candidates").get(j.get("best").asInt());
        JsonNode top = j.get("bicTable").get("top").get(0);
        assertThat(top.get("k").asInt()).isEqualTo(best.get("k").asInt());
        assertThat(top.get("model").asText()).isEqualTo(best.get("mclustModel").asText());
        Cli.Run text = Cli.run("select", "gmm", "--k", "1..2", "--covariance", "full,tied", FAITHFUL);
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("BIC by k and model (lower is better; mclust's BIC is minus these")
                .contains("top 3 by ICL:");
    }

    /**
     * {@code --bootstrap-lrt}: the observed statistics are twice the differences of the grid's own
     * log-likelihoods (exact), the replicates the same bits on 1 and 3 threads, and bad input one line, exit 2.
     */
    @Test
    void bootstrapLrtFromTheGridsFits() throws IOException {
        JsonNode one = json(Cli.run("select", "gmm", "--k", "1..3", "--covariance", "VVV", "--bootstrap-lrt", "19",
                "--threads", "1", "--json", FAITHFUL));
        JsonNode three = json(Cli.run("select", "gmm", "--k", "1..3", "--covariance", "VVV", "--bootstrap-lrt", "19",
                "--threads", "3", "--json", FAITHFUL));
        JsonNode tests = one.get("bootstrapLrt").get("tests");
        assertThat(tests.size()).isEqualTo(2);
        JsonNode c = one.get("candidates");
        for (int i = 0; i < 2; i++) {
            double want = 2 * (c.get(i + 1).get("logLikelihood").asDouble() - c.get(i).get("logLikelihood").asDouble());
            assertThat(tests.get(i).get("observed").asDouble()).isEqualTo(want);
            assertThat(tests.get(i).get("bootstrap").size()).isEqualTo(19);
            double p = tests.get(i).get("pValue").asDouble();
            assertThat(p).isBetween(1 / 20.0, 1.0);
        }
        assertThat(three.get("bootstrapLrt")).isEqualTo(one.get("bootstrapLrt"));
        String[][] bad = {
            {"select", "gmm", "--k", "1..3", "--covariance", "VVV", "--bootstrap-lrt", "0", FAITHFUL},
            {"select", "gmm", "--k", "1..3", "--covariance", "all", "--bootstrap-lrt", "9", FAITHFUL},
            {"select", "gmm", "--k", "1..3", "--bootstrap-lrt", "9", FAITHFUL},
            {"select", "gmm", "--k", "2", "--covariance", "VVV", "--bootstrap-lrt", "9", FAITHFUL},
        };
        for (String[] args : bad) {
            Cli.Run r = Cli.run(args);
            assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains("--bootstrap-lrt");
        }
    }
}
