package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.BadInputTest.assertUserError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.io.ModelJson;

/**
 * {@code mlem combine} end to end. Oracle: R's mclust 6.0 clustCombi on ex4.1
 * (fixtures/combi/clustcombi.json, tools/reference/mclust_combi.R), the model file holding mclust's
 * fitted EEV parameters: every merged pair equal, the two-cluster classification equal row for
 * row, the entropy plot written; a --clusters outside 1..k is one line and exit 2.
 */
class CombineEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void mergesAsClustCombiAndDrawsTheEntropyPlot() throws IOException {
        JsonNode c = ModelJson.mapper().readTree(getClass().getResourceAsStream("/fixtures/combi/clustcombi.json"))
                .get("cases").get(0);
        String data = Resources.copy(dir, "/fixtures/combi/ex4_1.csv");
        ObjectNode model = ModelJson.mapper().createObjectNode();
        model.put("model", "gmm");
        model.put("k", c.get("G").asInt());
        model.put("covariance", c.get("model").asText());
        model.set("weights", c.get("weights"));
        model.set("means", c.get("means"));
        model.set("covariances", c.get("sigma"));
        String file = Cli.file(dir, "ex41.json", ModelJson.toJson(model));
        String png = dir.resolve("entropy.png").toString();
        Cli.Run r = Cli.run("combine", "--plot", png, file, data);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(Path.of(png))).isGreaterThan(1000);
        String[] lines = r.out().split("\\R");
        for (JsonNode s : c.get("steps")) {
            int k = s.get("clusters").asInt();
            String row = lines[1 + c.get("G").asInt() - k].strip();
            String pair = s.get("merged").isNull() ? "-"
                    : (s.get("merged").get(0).asInt() - 1) + "+" + (s.get("merged").get(1).asInt() - 1);
            assertThat(row).startsWith(k + " ").contains(" " + pair + " ");
        }
        Cli.Run two = Cli.run("combine", "--clusters", "2", file, data);
        assertThat(two.status()).as(two.err()).isZero();
        String[] out = two.out().split("\\R");
        assertThat(out[0]).isEqualTo("label,p0,p1");
        JsonNode want = c.get("steps").get(c.get("G").asInt() - 2).get("classification");
        for (int i = 1; i < out.length; i++) {
            assertThat(Integer.parseInt(out[i].split(",")[0]) + 1).isEqualTo(want.get(i - 1).asInt());
        }
        assertUserError(Cli.run("combine", "--clusters", "9", file, data), "", "--clusters 9: give 1..6");
    }
}
