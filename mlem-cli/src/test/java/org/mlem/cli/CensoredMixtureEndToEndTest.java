package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * {@code fit mixture} with {@code --interval} and {@code --status} end to end. Oracle: the numpy
 * EM of mlem-core's CensoredMixtureTest (tools/reference/censored_mixture_numpy.py), from the same
 * start given as a model file, run to numpy's iteration count: log-likelihood to 1e-8 relative,
 * parameters to 1e-6. Bad rows exit 2 with one line at file:line.
 */
class CensoredMixtureEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void intervalColumnsAgreeWithTheNumpyEm() throws IOException {
        JsonNode fx = Fixtures.json("censmix/weibull_right.json");
        JsonNode last = fx.get("states").get(fx.get("states").size() - 1);
        String data = Resources.copy(dir, "/fixtures/censmix/weibull_right.csv");
        JsonNode s = fx.get("start");
        String start = Cli.file(dir, "start.json", "{\"model\": \"mixture\", \"family\": \"weibull\", \"k\": 2,"
                + " \"columns\": [\"lo\"], \"weights\": " + s.get("weights") + ", \"components\": ["
                + component(s.get("parameters").get(0)) + ", " + component(s.get("parameters").get(1)) + "]}");
        JsonNode j = json(Cli.run("fit", "mixture", "--interval", "lo,hi", "--init", start, "--tol", "0", "--acceleration", "none", "--max-iter",
                last.get("iterations").asText(), "--standard-errors", "louis", "--json", data));
        assertThat(j.get("model").asText()).isEqualTo("mixture");
        assertThat(j.get("family").asText()).isEqualTo("weibull");
        assertThat(Tolerances.relativeError(j.get("logLikelihood").asDouble(), last.get("logLikelihood").asDouble(), 1e-12))
                .isLessThan(Tolerances.EXTERNAL);
        for (int c = 0; c < 2; c++) {
            assertThat(Tolerances.relativeError(j.get("weights").get(c).asDouble(), last.get("weights").get(c).asDouble(),
                    1e-12)).isLessThan(1e-6);
            assertThat(Tolerances.relativeError(j.get("components").get(c).get("shape").asDouble(),
                    last.get("parameters").get(c).get(0).asDouble(), 1e-12)).isLessThan(1e-6);
        }
        assertThat(j.get("censoring").get("right").asInt()).isEqualTo(fx.get("counts").get("right").asInt());
        assertThat(j.get("censoring").get("exact").asInt()).isEqualTo(fx.get("counts").get("exact").asInt());
        assertThat(j.get("standardErrors").get("shape[0][lo]").asDouble()).isPositive().isFinite();
        assertThat(j.get("nParameters").asInt()).isEqualTo(5);
    }

    @Test
    void statusColumnFitsAndTheModelFileScores() throws IOException {
        String lung = Resources.copy(dir, "/fixtures/survival/lung.csv");
        Path model = dir.resolve("m.json");
        Cli.Run r = Cli.run("fit", "mixture", "--family", "lognormal", "--k", "2", "--column", "time", "--status",
                "status", "--seed", "1", "--n-init", "2", "--out", model.toString(), lung);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("63 right-censored");
        JsonNode m = Fixtures.JSON.readTree(model.toFile());
        assertThat(m.get("columns").get(0).asText()).isEqualTo("time");
        Cli.Run score = Cli.run("score", model.toString(), lung);
        assertThat(score.status()).as(score.err()).isZero();
        // with the fit's censoring option each right-censored row scores its survival: the total is the fit's
        Cli.Run total = Cli.run("score", "--status", "status", "--total", model.toString(), lung);
        assertThat(total.status()).as(total.err()).isZero();
        assertThat(Double.parseDouble(total.out().strip())).isEqualTo(m.get("logLikelihood").asDouble());
        Cli.Run rows = Cli.run("score", "--status", "status", model.toString(), lung);
        Cli.Run exact = Cli.run("score", model.toString(), lung);
        List<String> censored = rows.out().lines().toList();
        List<String> asExact = exact.out().lines().toList();
        assertThat(censored).hasSize(229);
        // an event row (status 2) scores alike either way; a censored one (status 1) scores log S(t) > log f(t) here
        assertThat(censored.get(1)).isEqualTo(asExact.get(1));
        Cli.Run predict = Cli.run("predict", "--status", "status", model.toString(), lung);
        assertThat(predict.status()).as(predict.err()).isZero();
        assertThat(predict.out().lines().count()).isEqualTo(229);
        Cli.Run wrong = Cli.run("score", "--status", "status", model.toString(), lung, "--interval", "time,time");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err().strip().lines()).hasSize(1);
    }

    @Test
    void badRowsExitTwoWithOneLineAtTheirLine() throws IOException {
        String status = Cli.file(dir, "s.csv", "x,s\n1,1\n2,0\n3,7\n4,1\n");
        Cli.Run r = Cli.run("fit", "mixture", "--family", "weibull", "--k", "2", "--column", "x", "--status", "s", status);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("s.csv:4:").contains("unknown censoring status 7");

        String swapped = Cli.file(dir, "i.csv", "lo,hi\n1,2\n5,3\n4,4\n6,\n");
        r = Cli.run("fit", "mixture", "--family", "lognormal", "--k", "2", "--interval", "lo,hi", swapped);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("i.csv:3:").contains("exceeds the upper bound");

        String negative = Cli.file(dir, "n.csv", "lo,hi\n1,2\n3,3\n-4,\n6,\n7,7\n");
        r = Cli.run("fit", "mixture", "--family", "weibull", "--k", "2", "--interval", "lo,hi", negative);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("n.csv:4:").contains("is negative");

        r = Cli.run("fit", "mixture", "--family", "poisson", "--k", "2", "--interval", "lo,hi", negative);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("continuous families");
    }

    private static String component(JsonNode p) {
        return "{\"shape\": " + p.get(0) + ", \"scale\": " + p.get(1) + "}";
    }
}
