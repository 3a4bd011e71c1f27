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

/**
 * {@code fit gmm --noise} through {@code Main} on Old Faithful with 28 uniform rows
 * (examples/faithful_noise.csv, made by tools/reference/mclust_noise.R). Oracles: mclust 6.0's
 * {@code me(VVV, G = 2, Vinv)} log-likelihood from the same noise start run to tolerance 1e-14
 * (fixtures/mclust/noise.json; 1e-8 relative: the same maximum from another partition of the
 * other rows), at least {@code Mclust}'s (which stops at its default tolerance 1e-5),
 * {@code nMclustParams(noise = TRUE)}, and identities
 * between commands: score's total equals the fit's log-likelihood (1e-8 relative, the file's
 * decimal digits), predict's noise labels are the JSON's {@code noise.rows}, an explicit noise
 * column equal to the default rule's flags gives the same bits.
 */
class NoiseEndToEndTest {
    private static final String DATA = "../examples/faithful_noise.csv";
    /** mclust 6.0's me and Mclust VVV G=2 log-likelihoods with the default rule's noise start (fixtures/mclust/noise.json). */
    private static final double ME_VVV_2 = -1355.4373118625274;
    private static final double MCLUST_VVV_2 = -1355.4419927170009;

    @TempDir
    Path dir;

    @Test
    void fitScorePredictAndSampleAgree() throws IOException {
        Path model = dir.resolve("noise.json");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--noise", "--covariance", "VVV", "--json", "--out",
                model.toString(), DATA));
        double ll = j.get("logLikelihood").asDouble();
        assertThat(ll).isCloseTo(ME_VVV_2, within(1e-8 * Math.abs(ME_VVV_2))).isGreaterThanOrEqualTo(MCLUST_VVV_2);
        assertThat(j.get("nParameters").asInt()).isEqualTo(13); // nMclustParams("VVV", 2, 2, noise = TRUE)
        JsonNode noise = j.get("noise");
        double w = noise.get("weight").asDouble();
        assertThat(j.get("weights").get(0).asDouble() + j.get("weights").get(1).asDouble() + w).isCloseTo(1.0, within(1e-12));
        Cli.Run total = Cli.run("score", "--total", model.toString(), DATA);
        assertThat(total.status()).as(total.err()).isZero();
        assertThat(Double.parseDouble(total.out().strip())).isCloseTo(ll, within(1e-8 * Math.abs(ll)));
        Cli.Run predict = Cli.run("predict", model.toString(), DATA);
        assertThat(predict.status()).as(predict.err()).isZero();
        String[] lines = predict.out().split("\\R");
        assertThat(lines[0]).isEqualTo("label,p0,p1,pnoise");
        long noiseRows = java.util.Arrays.stream(lines).filter(l -> l.startsWith("noise,")).count();
        assertThat(noiseRows).isEqualTo(noise.get("rows").asInt()).isPositive();
        Cli.Run sample = Cli.run("sample", model.toString(), "--n", "2000", "--seed", "1", "--component");
        assertThat(sample.status()).as(sample.err()).isZero();
        long drawnNoise = java.util.Arrays.stream(sample.out().split("\\R")).filter(l -> l.endsWith(",-1")).count();
        // binomial(2000, w): within 5 standard errors
        assertThat(Math.abs(drawnNoise / 2000.0 - w)).isLessThan(5 * Math.sqrt(w * (1 - w) / 2000));
    }

    @Test
    void anExplicitNoiseColumnEqualToTheDefaultRuleGivesTheSameFit() throws IOException {
        JsonNode byRule = json(Cli.run("fit", "gmm", "--k", "2", "--noise", "--json", DATA));
        JsonNode fixture = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                NoiseEndToEndTest.class.getResourceAsStream("/fixtures/mclust/noise.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(DATA)));
        lines.set(0, lines.get(0) + ",outlier");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + "," + (fixture.get("noiseStart").get(i - 1).asInt() == 1 ? "TRUE" : "FALSE"));
        }
        Path csv = dir.resolve("flagged.csv");
        Files.write(csv, lines);
        JsonNode byColumn = json(Cli.run("fit", "gmm", "--k", "2", "--noise", "--noise-start", "outlier", "--json", csv.toString()));
        assertThat(byColumn.get("logLikelihood").asDouble()).isEqualTo(byRule.get("logLikelihood").asDouble());
        assertThat(byColumn.get("columns").size()).isEqualTo(2);
        assertThat(byColumn.get("noise").get("startRows").asInt()).isEqualTo(byRule.get("noise").get("startRows").asInt());
    }

    /**
     * {@code --noise --prior default}: MAP EM under mclust's prior (it was dropped without a word).
     * Oracle: mclust's {@code me(Vinv, prior = priorControl())} from its hc start
     * (fixtures/mclust/noise_prior.json, VVV G = 2; every start of mlem reaches the one optimum),
     * ℓ to 1e-8 relative; no warning that ℓ fell (MAP EM raises ℓ + log prior, not ℓ).
     */
    @Test
    void thePriorAppliesToTheNoiseFit() throws IOException {
        JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of("../mlem-core/src/test/resources/fixtures/mclust/noise_prior.json").toFile()).get("cases").get(0);
        assertThat(r.get("model").asText() + r.get("k").asInt()).isEqualTo("VVV2");
        Cli.Run run = Cli.run("fit", "gmm", "--k", "2", "--noise", "--prior", "default", "--covariance", "VVV",
                "--reg-covar", "0", "--tol", "1e-12", "--json", DATA);
        double want = r.get("me").get("loglikAtParameters").asDouble();
        assertThat(json(run).get("logLikelihood").asDouble()).isCloseTo(want, within(1e-8 * Math.abs(want)));
        assertThat(run.err()).doesNotContain("fell");
        double plain = json(Cli.run("fit", "gmm", "--k", "2", "--noise", "--covariance", "VVV", "--reg-covar", "0",
                "--json", DATA)).get("logLikelihood").asDouble();
        assertThat(Math.abs(plain - want)).isGreaterThan(1e-3);
    }

    /**
     * {@code --hypervolume V}: the noise density 1/V, mclust's {@code Vinv} given. Oracle: mclust's
     * {@code me(VVV, G = 2, Vinv = 1/V)} from its hc start for V twice hypvol
     * (fixtures/mclust/noise_vinv.json), ℓ to 1e-8 relative; the file's hypervolume is V (1e-12)
     * and score's total is the fit's ℓ (the file's digits, 1e-8).
     */
    @Test
    void aGivenHypervolumeIsMclustsVinv() throws IOException {
        JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of("../mlem-core/src/test/resources/fixtures/mclust/noise_vinv.json").toFile()).get("cases").get(2);
        assertThat(r.get("model").asText()).isEqualTo("VVV");
        double v = r.get("hypervolume").asDouble();
        Path model = dir.resolve("vinv.json");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--noise", "--hypervolume", Double.toString(v), "--covariance",
                "VVV", "--reg-covar", "0", "--tol", "1e-12", "--json", "--out", model.toString(), DATA));
        double want = r.get("me").get("loglikAtParameters").asDouble();
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(want, within(1e-8 * Math.abs(want)));
        assertThat(j.get("noise").get("hypervolume").asDouble()).isCloseTo(v, within(1e-12 * v));
        Cli.Run total = Cli.run("score", "--total", model.toString(), DATA);
        assertThat(Double.parseDouble(total.out().strip())).isCloseTo(want, within(1e-8 * Math.abs(want)));
    }

    @Test
    void badNoiseInputIsOneLineExitTwo() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(DATA)));
        lines.set(0, lines.get(0) + ",outlier");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + ",0");
        }
        Path none = dir.resolve("none.csv");
        Files.write(none, lines);
        lines.set(5, lines.get(5).replaceAll(",0$", ",maybe"));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        String[][] cases = {
            {"fit", "gmm", "--k", "2", "--noise", "--noise-start", "outlier", none.toString()},
            {"fit", "gmm", "--k", "2", "--noise", "--noise-start", "outlier", bad.toString()},
            {"fit", "gmm", "--k", "2", "--noise-start", "outlier", none.toString()},
            {"fit", "gmm", "--k", "2", "--noise", "--labels", "outlier", none.toString()},
            {"fit", "gmm", "--k", "2", "--hypervolume", "3", DATA},
            {"fit", "gmm", "--k", "2", "--noise", "--hypervolume", "0", DATA},
        };
        String[] expect = {"flags no row", "bad.csv:6:3:", "needs --noise", "--noise", "--hypervolume 3.0 needs --noise",
            "give a finite positive volume"};
        for (int c = 0; c < cases.length; c++) {
            Cli.Run r = Cli.run(cases[c]);
            assertThat(r.status()).as(String.join(" ", cases[c]) + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(expect[c]);
        }
    }
}
