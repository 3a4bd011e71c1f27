package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --init hc} (mclust's hierarchical start) through {@code Main} on Old Faithful. Oracle:
 * mlem-core's fixtures/mclust/hc.json (tools/reference/mclust_hc.R, R mclust 6.0): {@code fit gmm
 * --init hc} reaches {@code me()}'s log-likelihood from the same start (1e-8 relative; mlem's
 * default stopping rule is tighter than the fixture's 1e-11), and {@code select gmm --covariance
 * all --init hc} picks {@code Mclust()}'s model and k. Bad input: one line, exit 2.
 */
class HierarchicalStartEndToEndTest {
    private static final String FAITHFUL = "../examples/faithful.csv";

    @TempDir
    Path dir;

    private static JsonNode faithful() throws IOException {
        JsonNode all = new ObjectMapper().readTree(Path.of("../mlem-core/src/test/resources/fixtures/mclust/hc.json").toFile());
        for (JsonNode ds : all.get("datasets")) {
            if (ds.get("dataset").asText().equals("faithful")) {
                return ds;
            }
        }
        throw new IllegalStateException("no faithful in hc.json");
    }

    @Test
    void fitFromHcReachesMclustsMe() throws IOException {
        JsonNode want = null;
        for (JsonNode c : faithful().get("cases")) {
            if (c.get("model").asText().equals("VVV") && c.get("k").asInt() == 3) {
                want = c;
            }
        }
        JsonNode fit = json(Cli.run("fit", "gmm", "--k", "3", "--covariance", "VVV", "--init", "hc", "--n-init", "1",
                "--reg-covar", "0", "--json", FAITHFUL));
        double ll = want.get("loglikAtParameters").asDouble();
        assertThat(Math.abs(fit.get("logLikelihood").asDouble() - ll)).as("mclust %s", ll).isLessThan(1e-8 * Math.abs(ll));
    }

    @Test
    void selectAllWithHcPicksMclustsModel() throws IOException {
        JsonNode mclust = faithful().get("mclust");
        JsonNode r = json(Cli.run("select", "gmm", "--k", "1..9", "--covariance", "all", "--init", "hc", "--n-init", "1",
                "--json", FAITHFUL));
        JsonNode best = r.get("candidates").get(r.get("best").asInt());
        assertThat(best.get("mclustModel").asText() + " G=" + best.get("k").asInt())
                .isEqualTo(mclust.get("model").asText() + " G=" + mclust.get("k").asInt());
        assertThat(r.get("init").asText()).isEqualTo("hc");
    }

    /** {@code --prior default}: mclust's {@code me(prior = priorControl())} from the hc start (fixtures/mclust/prior.json). */
    @Test
    void fitWithTheDefaultPriorReachesMclustsMe() throws IOException {
        JsonNode all = new ObjectMapper().readTree(Path.of("../mlem-core/src/test/resources/fixtures/mclust/prior.json").toFile());
        JsonNode want = null;
        for (JsonNode ds : all.get("datasets")) {
            for (JsonNode c : ds.get("cases")) {
                if (ds.get("dataset").asText().equals("faithful") && c.get("model").asText().equals("VVV") && c.get("k").asInt() == 3) {
                    want = c.get("me");
                }
            }
        }
        JsonNode fit = json(Cli.run("fit", "gmm", "--k", "3", "--covariance", "VVV", "--init", "hc", "--n-init", "1",
                "--reg-covar", "0", "--prior", "default", "--json", FAITHFUL));
        double ll = want.get("loglikAtParameters").asDouble();
        assertThat(Math.abs(fit.get("logLikelihood").asDouble() - ll)).as("mclust %s", ll).isLessThan(1e-8 * Math.abs(ll));
    }

    /**
     * {@code --prior default} on the models added after the first four (fixtures/mclust/prior_models.json):
     * EEV G=2 reaches mclust's {@code me}; {@code select gmm --covariance all} compares the ten models
     * mclust gives a prior for, names the four it drops, and picks what {@code Mclust(prior = priorControl())} picks.
     */
    @Test
    void thePriorOnEveryModelMclustGivesOneFor() throws IOException {
        JsonNode all = new ObjectMapper().readTree(Path.of("../mlem-core/src/test/resources/fixtures/mclust/prior_models.json").toFile());
        JsonNode faithful = null;
        for (JsonNode ds : all.get("datasets")) {
            if (ds.get("dataset").asText().equals("faithful")) {
                faithful = ds;
            }
        }
        JsonNode want = null;
        for (JsonNode c : faithful.get("cases")) {
            if (c.get("model").asText().equals("EEV") && c.get("k").asInt() == 2) {
                want = c.get("me");
            }
        }
        JsonNode fit = json(Cli.run("fit", "gmm", "--k", "2", "--covariance", "EEV", "--init", "hc", "--n-init", "1",
                "--reg-covar", "0", "--prior", "default", "--json", FAITHFUL));
        double ll = want.get("loglikAtParameters").asDouble();
        assertThat(Math.abs(fit.get("logLikelihood").asDouble() - ll)).as("mclust %s", ll).isLessThan(1e-8 * Math.abs(ll));

        Cli.Run select = Cli.run("select", "gmm", "--k", "1..9", "--covariance", "all", "--init", "hc", "--n-init", "1",
                "--reg-covar", "0", "--prior", "default", "--json", FAITHFUL);
        assertThat(select.err()).contains("VEE, EVE, VVE, EVV");
        JsonNode r = json(select);
        JsonNode best = r.get("candidates").get(r.get("best").asInt());
        JsonNode mclust = faithful.get("mclust");
        assertThat(best.get("mclustModel").asText() + " G=" + best.get("k").asInt())
                .isEqualTo(mclust.get("model").asText() + " G=" + mclust.get("k").asInt());
        assertThat(r.get("candidates")).hasSize(10 * 9);
    }

    @Test
    void priorBadInputIsOneLine() {
        Cli.Run eve = Cli.run("fit", "gmm", "--k", "2", "--covariance", "EVE", "--prior", "default", FAITHFUL);
        assertThat(eve.status()).isEqualTo(2);
        assertThat(eve.errLines()).hasSize(1);
        assertThat(eve.err()).contains("EVE").contains("drop --prior");
        Cli.Run unknown = Cli.run("select", "gmm", "--k", "1..2", "--prior", "flat", FAITHFUL);
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.errLines()).hasSize(1);
        assertThat(unknown.err()).contains("--prior default");
    }

    @Test
    void hcWithMoreClustersThanRowsIsOneLine() throws IOException {
        Path tiny = dir.resolve("tiny.csv");
        Files.writeString(tiny, "a,b\n1,2\n2,1\n3,3\n");
        Cli.Run r = Cli.run("fit", "gmm", "--k", "4", "--init", "hc", tiny.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("k <= 3");
    }

    @Test
    void unknownInitNamesHc() {
        Cli.Run r = Cli.run("select", "gmm", "--k", "1..2", "--init", "ward", FAITHFUL);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("hc");
    }
}
