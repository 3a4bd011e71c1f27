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
}
