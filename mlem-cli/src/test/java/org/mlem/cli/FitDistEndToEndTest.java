package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.io.ModelJson;
import org.mlem.testkit.Fixtures;

/**
 * {@code mlem fit dist} end to end. Oracles: R 4.2's {@code MASS::fitdistr} on R's data sets
 * (fixtures/r/fitdistr.json, made by tools/reference): estimates, standard errors and log-likelihood
 * to 1e-6 relative as in mlem-core's FitdistrAgreementTest; the library's own fit of the same values
 * (same computation: 1e-12); closed forms for the binomial and categorical (proportions).
 */
class FitDistEndToEndTest {
    @TempDir
    Path dir;


    private static JsonNode case_(String family) {
        for (JsonNode c : Fixtures.json("r/fitdistr.json")) {
            if (c.get("family").asText().equals(family)) {
                return c;
            }
        }
        throw new IllegalArgumentException(family);
    }

    private String column(String name, JsonNode x) throws IOException {
        StringBuilder sb = new StringBuilder(name).append('\n');
        x.forEach(v -> sb.append(v.asText()).append('\n'));
        Path p = dir.resolve(name + ".csv");
        Files.writeString(p, sb.toString());
        return p.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "lognormal", "exponential", "poisson", "geometric", "gamma", "weibull", "negbin", "t",
        "logistic"})
    void jsonEqualsFitdistrAndTheLibrary(String family) throws IOException {
        JsonNode r = case_(family);
        String csv = column("x", r.get("x"));
        JsonNode j = json(Cli.run("fit", "dist", "--family", family, "--json", csv));
        double[] x = new double[r.get("x").size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.get("x").get(i).asDouble();
        }
        FittedDistribution lib = Families.byName(family).fit(x);

        assertThat(j.get("model").asText()).isEqualTo("distribution");
        assertThat(j.get("family").asText()).isEqualTo(lib.distribution().family().name());
        assertThat(j.get("n").asInt()).isEqualTo(r.get("n").asInt());
        assertThat(j.get("columns").toString()).isEqualTo("[\"x\"]");
        double ll = j.get("logLikelihood").asDouble();
        assertThat(ll).isCloseTo(r.get("loglik").asDouble(), within(1e-6 * Math.abs(ll)));
        assertThat(ll).isCloseTo(lib.logLikelihood(), within(1e-12 * Math.abs(ll)));
        int p = j.get("nParameters").asInt();
        assertThat(j.get("aic").asDouble()).isCloseTo(-2 * ll + 2 * p, within(1e-9));
        assertThat(j.get("bic").asDouble()).isCloseTo(-2 * ll + p * Math.log(x.length), within(1e-9));
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("estimate").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            double est = j.get("parameters").get(e.getKey()).asDouble();
            double se = j.get("standardErrors").get(e.getKey()).asDouble();
            assertThat(est).as(e.getKey()).isCloseTo(e.getValue().asDouble(), within(1e-6 * Math.abs(est)));
            assertThat(est).isCloseTo(lib.estimates().get(e.getKey()), within(1e-12 * Math.abs(est)));
            double rse = r.get("se").get(e.getKey()).asDouble();
            // fitdistr's numDeriv standard errors are good to ~1e-4 (see FitdistrAgreementTest)
            assertThat(se).as(e.getKey() + " se").isCloseTo(rse, within((r.get("note").asText().contains("numDeriv") ? 1e-4 : 1e-6) * rse));
        }
        if (!lib.distribution().family().isDiscrete()) {
            assertThat(j.get("ksStatistic").asDouble()).isEqualTo(lib.ksStatistic());
        }
    }

    /** fitdistr's layout: estimate and (standard error) per parameter, 7 significant digits; logLik as R prints it. */
    @Test
    void summaryLooksLikeFitdistr() throws IOException {
        String csv = column("waiting", case_("normal").get("x"));
        Cli.Run r = Cli.run("fit", "dist", "--family", "normal", csv);
        assertThat(r.status()).isZero();
        // R: fitdistr(faithful$waiting, "normal") prints 70.8970588 (0.8227997) and 13.5699600 (0.5818072)
        assertThat(r.out()).containsPattern("mean +70\\.8970588 +\\(0\\.8227997\\)")
                .containsPattern("sd +13\\.5699600 +\\(0\\.5818072\\)")
                .contains("log-likelihood  -1095.29").contains("AIC").contains("BIC").contains("KS statistic");
    }

    /** Binomial with --size or binomial:SIZE: prob = Σx / (size·n), closed form. */
    @Test
    void binomialSizeEitherWay() throws IOException {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "k\n3\n5\n2\n10\n0\n");
        JsonNode a = json(Cli.run("fit", "dist", "--family", "binomial", "--size", "10", "--json", f.toString()));
        JsonNode b = json(Cli.run("fit", "dist", "--family", "binomial:10", "--json", f.toString()));
        assertThat(a.get("parameters").get("prob").asDouble()).isCloseTo(20.0 / 50, within(1e-12));
        assertThat(b.get("parameters")).isEqualTo(a.get("parameters"));
        assertThat(a.get("size").asInt()).isEqualTo(10);
    }

    /** Categorical on a text column: the categories are the sorted values and prob_j their proportions. */
    @Test
    void categoricalOnTextAndIntegerColumns() throws IOException {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "colour,code\nred,2\nblue,0\nred,2\ngreen,1\nred,2\n");
        JsonNode t = json(Cli.run("fit", "dist", "--family", "categorical", "--column", "colour", "--json", f.toString()));
        assertThat(t.get("categories").toString()).isEqualTo("[\"blue\",\"green\",\"red\"]");
        assertThat(t.get("parameters").get("prob2").asDouble()).isCloseTo(0.6, within(1e-12));
        assertThat(t.get("nParameters").asInt()).isEqualTo(2);
        JsonNode c = json(Cli.run("fit", "dist", "--family", "categorical", "--column", "code", "--json", f.toString()));
        assertThat(c.get("parameters")).isEqualTo(t.get("parameters"));
        assertThat(c.get("logLikelihood").asDouble()).isCloseTo(Math.log(0.2) * 2 + Math.log(0.6) * 3, within(1e-12));
    }

    /** Frequency weights: weight 2 on a row is that row twice (closed form for the exponential: rate = Σw / Σwx). */
    @Test
    void weightsCountRows() throws IOException {
        Path f = dir.resolve("w.csv");
        Files.writeString(f, "x,w\n1,2\n3,1\n4,0\n");
        JsonNode j = json(Cli.run("fit", "dist", "--family", "exponential", "--column", "x", "--weights", "w", "--json",
                f.toString()));
        assertThat(j.get("parameters").get("rate").asDouble()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(j.get("totalWeight").asDouble()).isEqualTo(3.0);
    }

    /** The plot is a 1400×600 PNG for a density and for a discrete family. */
    @Test
    void plots() throws IOException {
        for (String family : new String[] {"gamma", "poisson"}) {
            String csv = column(family, case_(family).get("x"));
            Path png = dir.resolve(family + ".png");
            assertThat(Cli.run("fit", "dist", "--family", family, "--plot", png.toString(), csv).status()).isZero();
            assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(1400);
        }
    }
}
