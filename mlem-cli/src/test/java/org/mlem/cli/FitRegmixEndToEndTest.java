package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.io.ModelJson;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegressionMixture;

/**
 * {@code mlem fit regmix} through {@code Main}. Oracle: {@link RegmixEstimator} on the same rows
 * and seed (identical code path, so 1e-12 covers only the JSON's decimal round trip); score's
 * total = the fit's log-likelihood (1e-8, an independent evaluation of the same mixture density).
 */
class FitRegmixEndToEndTest {
    static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";

    @TempDir
    Path dir;


    private static Frame frame(String path) {
        CsvTable t = CsvReader.read(path, CsvFormat.DEFAULT);
        Frame.Builder b = Frame.builder();
        for (String name : t.numericNames()) {
            b.numeric(name, t.numeric(name, t.allRows().rows()));
        }
        return b.build();
    }

    private static void assertSameFit(JsonNode j, MixtureFit<RegressionMixture> lib) {
        RegressionMixture m = lib.model();
        assertThat(j.get("model").asText()).isEqualTo("regmix");
        assertThat(j.get("k").asInt()).isEqualTo(m.components());
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(lib.logLikelihood(), within(1e-9));
        assertThat(j.get("nParameters").asInt()).isEqualTo(lib.nParameters());
        for (int c = 0; c < m.components(); c++) {
            assertThat(j.get("weights").get(c).asDouble()).isCloseTo(m.weights()[c], within(1e-12));
            JsonNode comp = j.get("components").get(c);
            m.coefficientMap(c).forEach((term, b) ->
                    assertThat(comp.get("coefficients").get(term).asDouble()).as(term).isCloseTo(b, within(1e-12)));
            if (m.hasSd()) {
                assertThat(comp.get("sd").asDouble()).isCloseTo(m.sd(c), within(1e-12));
            } else {
                assertThat(comp.has("sd")).isFalse();
            }
        }
    }

    private void assertRoundTrips(Path model, String data, MixtureFit<RegressionMixture> lib) throws IOException {
        Cli.Run score = Cli.run("score", "--total", model.toString(), data);
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(Double.parseDouble(score.out().strip())).isCloseTo(lib.logLikelihood(), within(1e-8));
        Cli.Run predict = Cli.run("predict", model.toString(), data);
        assertThat(predict.status()).as(predict.err()).isZero();
        assertThat(predict.out().split("\\R")).hasSize(lib.rows() + 1);
        JsonNode again = json(Cli.run("fit", "regmix", "--init", model.toString(), "--json", data));
        // EM from the fitted parameters never lowers the likelihood
        assertThat(again.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(lib.logLikelihood() - 1e-9);
    }

    @Test
    void twoLinesEqualTheLibrary() throws IOException {
        Random rng = new Random(42);
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 200; i++) {
            double x = 10 * rng.nextDouble();
            double y = i % 2 == 0 ? 1 + 2 * x + rng.nextGaussian() : 15 - x + 0.5 * rng.nextGaussian();
            sb.append(x).append(',').append(y).append('\n');
        }
        Path data = dir.resolve("lines.csv");
        Files.writeString(data, sb.toString());
        Path model = dir.resolve("lines.json");
        JsonNode j = json(Cli.run("fit", "regmix", "--k", "2", "--formula", "y ~ x", "--seed", "3", "--json", "--out",
                model.toString(), data.toString()));
        MixtureFit<RegressionMixture> lib = RegmixEstimator.of("y ~ x", 2).fit(frame(data.toString()), 3);
        assertSameFit(j, lib);
        // recovery (rtol 0.1): slopes 2 and -1 in some order
        double s0 = j.get("components").get(0).get("coefficients").get("x").asDouble();
        double s1 = j.get("components").get(1).get("coefficients").get("x").asDouble();
        assertThat(Math.max(s0, s1)).isCloseTo(2, within(0.2));
        assertThat(Math.min(s0, s1)).isCloseTo(-1, within(0.1));
        assertRoundTrips(model, data.toString(), lib);
    }

    @Test
    void npregGaussianAndPoissonEqualTheLibrary() throws IOException {
        Path model = dir.resolve("npreg.json");
        JsonNode j = json(Cli.run("fit", "regmix", "--k", "2", "--formula", "yn ~ x + I(x^2)", "--json", "--out",
                model.toString(), NPREG));
        MixtureFit<RegressionMixture> lib = RegmixEstimator.of("yn ~ x + I(x^2)", 2).fit(frame(NPREG), 0);
        assertSameFit(j, lib);
        assertThat(j.get("terms").toString()).isEqualTo("[\"(Intercept)\",\"x\",\"I(x^2)\"]");
        assertRoundTrips(model, NPREG, lib);

        Path pmodel = dir.resolve("npreg-p.json");
        JsonNode p = json(Cli.run("fit", "regmix", "--k", "2", "--formula", "yp ~ x", "--family", "poisson", "--json",
                "--out", pmodel.toString(), NPREG));
        MixtureFit<RegressionMixture> plib = RegmixEstimator.of("yp ~ x", 2).withFamily(Family.byName("poisson"))
                .fit(frame(NPREG), 0);
        assertSameFit(p, plib);
        assertRoundTrips(pmodel, NPREG, plib);
    }

    @Test
    void missingFormulaColumnExitsTwo() {
        Cli.Run r = Cli.run("fit", "regmix", "--k", "2", "--formula", "yn ~ z", NPREG);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("names z, which is not a column").contains("the columns are x, yn, yp, init");
        assertThat(r.out()).isEmpty();
    }

    /** A negative count for a poisson mixture: exit 2, one line at its file line and column (it said "data row 3"). */
    @Test
    void negativeCountIsNamedAtItsLine() throws IOException {
        String f = Cli.file(dir, "neg.csv", "y,x\n1,1\n0,2\n-1,3\n4,4\n0,5\n3,6\n");
        Cli.Run r = Cli.run("fit", "regmix", "--k", "2", "--family", "poisson", "--formula", "y ~ x", f);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("mlem: " + f + ":4:1: ")
                .contains("response 'y' is -1.0", "whole count >= 0", "fix the row");
    }

    /**
     * A binomial mixture's response as R writes it: cbind(successes, failures) is the same fit as the
     * successes with a trials column, and a yes/no column the same as its 0/1 coding (same seed:
     * identical log-likelihoods, to the JSON's decimal round trip). Sampling a cbind fit is refused.
     */
    @Test
    void cbindAndYesNoResponsesAreTheBinomialsOwn() throws Exception {
        StringBuilder csv = new StringBuilder("x,s,f,n,yn,y01\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < 60; i++) {
            double x = rng.nextDouble() * 4 - 2;
            double p = 1 / (1 + Math.exp(-(i % 2 == 0 ? 2 * x + 1 : -1.5 * x - 1)));
            int s = 0;
            for (int t = 0; t < 10; t++) {
                s += rng.nextDouble() < p ? 1 : 0;
            }
            int bit = rng.nextDouble() < p ? 1 : 0;
            csv.append(x).append(',').append(s).append(',').append(10 - s).append(",10,")
                    .append(bit == 1 ? "yes" : "no").append(',').append(bit).append('\n');
        }
        Path data = dir.resolve("b.csv");
        java.nio.file.Files.writeString(data, csv);
        String f = data.toString();
        Cli.Run cbind = Cli.run("fit", "regmix", "--k", "2", "--family", "binomial", "--formula", "cbind(s, f) ~ x",
                "--seed", "3", "--json", f);
        Cli.Run trials = Cli.run("fit", "regmix", "--k", "2", "--family", "binomial", "--formula", "s ~ x",
                "--trials", "n", "--seed", "3", "--json", f);
        assertThat(cbind.status()).as(cbind.err()).isZero();
        assertThat(trials.status()).as(trials.err()).isZero();
        assertThat(Cli.json(cbind).get("logLikelihood").asDouble())
                .isCloseTo(Cli.json(trials).get("logLikelihood").asDouble(), within(1e-9));
        Cli.Run yesNo = Cli.run("fit", "regmix", "--k", "2", "--family", "binomial", "--formula", "yn ~ x",
                "--seed", "3", "--json", f);
        Cli.Run coded = Cli.run("fit", "regmix", "--k", "2", "--family", "binomial", "--formula", "y01 ~ x",
                "--seed", "3", "--json", f);
        assertThat(yesNo.status()).as(yesNo.err()).isZero();
        assertThat(coded.status()).as(coded.err()).isZero();
        assertThat(Cli.json(yesNo).get("logLikelihood").asDouble())
                .isCloseTo(Cli.json(coded).get("logLikelihood").asDouble(), within(1e-9));
        String model = dir.resolve("cb.json").toString();
        assertThat(Cli.run("fit", "regmix", "--k", "2", "--family", "binomial", "--formula", "cbind(s, f) ~ x",
                "--seed", "3", "--out", model, f).status()).isZero();
        Cli.Run score = Cli.run("score", "--total", model, f);
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(Double.parseDouble(score.out().strip()))
                .isCloseTo(Cli.json(cbind).get("logLikelihood").asDouble(), within(1e-8));
    }
}
