package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.testkit.Fixtures;

/**
 * {@code fit dist} with censoring and truncation, {@code fit survreg} and {@code fit tobit} end to end.
 * Oracles: the R fixtures of mlem-core's FitdistcensAgreementTest and SurvregAgreementTest
 * (tools/reference/censored_dist.R, survreg.R), estimates and log-likelihood to 1e-6 relative,
 * standard errors to 1e-5; bad rows exit 2 with one line at file:line.
 */
class SurvivalEndToEndTest {
    @TempDir
    Path dir;

    /** The first fixture entry of {@code dataset} whose {@code kindKey} ("dist" or "family") is {@code kind}. */
    private static JsonNode reference(String file, String dataset, String kindKey, String kind) {
        for (JsonNode c : Fixtures.json("survival/" + file)) {
            if (c.get("dataset").asText().equals(dataset) && c.get(kindKey).asText().equals(kind)) {
                return c;
            }
        }
        throw new IllegalArgumentException(dataset + " " + kind);
    }

    private static void agree(JsonNode actual, JsonNode expected, double rtol) {
        expected.fields().forEachRemaining(e -> assertThat(actual.get(e.getKey()).asDouble()).as(e.getKey())
                .isCloseTo(e.getValue().asDouble(), within(rtol * Math.abs(e.getValue().asDouble()))));
    }

    /** The fixture's salinity bounds as a CSV of columns left, right (NA or empty: an open end). */
    private String salinity(JsonNode r) throws IOException {
        StringBuilder csv = new StringBuilder("left,right\n");
        for (int i = 0; i < r.get("left").size(); i++) {
            csv.append(r.get("left").get(i).isNull() ? "NA" : r.get("left").get(i).asText()).append(',')
                    .append(r.get("right").get(i).isNull() ? "" : r.get("right").get(i).asText()).append('\n');
        }
        return Cli.file(dir, "salinity.csv", csv.toString());
    }

    @Test
    void fitDistWithIntervalsAgreesWithFitdistcens() throws IOException {
        JsonNode r = reference("censored_dist.json", "salinity", "family", "weibull");
        String file = salinity(r);
        JsonNode j = json(Cli.run("fit", "dist", "--family", "weibull", "--interval", "left,right", "--json", file));
        agree(j.get("parameters"), r.get("estimate"), 1e-6);
        agree(j.get("standardErrors"), r.get("se"), 1e-5);
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(r.get("loglik").asDouble(), within(1e-6 * 140));
        assertThat(j.get("censoring").get("interval").asInt()).isPositive();
    }

    @Test
    void fitSurvregAgreesWithSurvreg() throws IOException {
        JsonNode r = reference("survreg.json", "lung", "dist", "loglogistic");
        String csv = Resources.copy(dir, "/fixtures/survival/lung.csv");
        JsonNode j = json(Cli.run("fit", "survreg", "--formula", "Surv(time, status) ~ age + sex", "--dist",
                "loglogistic", "--json", csv));
        assertThat(j.get("model").asText()).isEqualTo("survreg");
        agree(j.get("coefficients"), r.get("coefficients"), 1e-6);
        agree(j.get("standardErrors"), r.get("se"), 1e-5);
        assertThat(j.get("scale").asDouble()).isCloseTo(r.get("scale").asDouble(), within(1e-6));
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(r.get("loglik").asDouble(), within(1e-6 * 1153));
        assertThat(j.get("censoring").get("right").asInt()).isEqualTo(63);
    }

    @Test
    void fitTobitAgreesWithAer() throws IOException {
        JsonNode r = null;
        for (JsonNode c : Fixtures.json("survival/survreg.json")) {
            if (c.has("left") && c.get("right").asText().equals("4")) {
                r = c;
            }
        }
        String csv = Resources.copy(dir, "/fixtures/survival/affairs.csv");
        JsonNode j = json(Cli.run("fit", "tobit", "--formula", r.get("formula").asText(), "--right", "4", "--json",
                csv));
        agree(j.get("coefficients"), r.get("coefficients"), 1e-6);
        agree(j.get("standardErrors"), r.get("se"), 1e-5);
        assertThat(j.get("right").asDouble()).isEqualTo(4);
    }

    /** Oracle: tools/reference/turnbull.R's fully converged self-consistency iteration, masses to 1e-8. */
    @Test
    void fitTurnbullAgreesWithTheReferenceNpmleAndDrawsItsPlot() throws IOException {
        JsonNode r = Fixtures.json("survival/turnbull.json").get(0);
        Path png = dir.resolve("s.png");
        JsonNode j = json(Cli.run("fit", "turnbull", "--interval", "left,right", "--tol", "1e-15", "--plot",
                png.toString(), "--json", "../examples/salinity.csv"));
        assertThat(r.get("dataset").asText()).isEqualTo("salinity");
        assertThat(j.get("model").asText()).isEqualTo("turnbull");
        assertThat(j.get("intervals")).hasSize(r.get("mass").size());
        for (int k = 0; k < r.get("mass").size(); k++) {
            assertThat(j.get("intervals").get(k).get("mass").asDouble()).as("mass " + k)
                    .isCloseTo(r.get("mass").get(k).asDouble(), within(1e-8));
        }
        assertThat(java.nio.file.Files.size(png)).isPositive();
    }

    /**
     * A turnbull file is a model kind: predict prints S and F at a column 'time' (S = the NPMLE's
     * mass after each time, survfit's steps: at 17.5, inside the innermost interval (15, 20], its
     * mass has dropped, as survfit's curve has; oracle tools/reference/turnbull.R's survfit curve,
     * within its recorded gap 2.2e-6), sample draws repeat by seed, score is refused saying why.
     */
    @Test
    void turnbullFilesPredictAndSample() throws IOException {
        Path m = dir.resolve("tb.json");
        Cli.Run fit = Cli.run("fit", "turnbull", "--interval", "left,right", "--out", m.toString(), "../examples/salinity.csv");
        assertThat(fit.status()).as(fit.err()).isZero();
        Cli.Run p = Cli.run("predict", m.toString(), "../examples/salinity_times.csv");
        assertThat(p.status()).as(p.err()).isZero();
        java.util.List<String> lines = p.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("survival,cdf");
        JsonNode r = Fixtures.json("survival/turnbull.json").get(0);
        int at = 0;
        while (r.get("survfitTime").get(at).asDouble() != 17.5) {
            at++;
        }
        assertThat(Double.parseDouble(lines.get(3).split(",")[0]))
                .isCloseTo(r.get("survfitSurv").get(at).asDouble(), within(r.get("survfitGap").asDouble() + 1e-8));
        Cli.Run a = Cli.run("sample", m.toString(), "--n", "20", "--seed", "3");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(Cli.run("sample", m.toString(), "--n", "20", "--seed", "3").out());
        assertThat(a.out().lines().findFirst()).hasValue("time");
        Cli.Run score = Cli.run("score", m.toString(), "../examples/salinity_times.csv");
        assertThat(score.status()).isEqualTo(2);
        assertThat(score.err().strip()).doesNotContain("\n").contains("no density", "mlem predict, mlem sample");
    }

    @Test
    void badRowsExitTwoWithOneLineAtTheirLine() throws IOException {
        String status = Cli.file(dir, "s.csv", "x,s\n1,1\n2,0\n3,7\n");
        Cli.Run r = Cli.run("fit", "dist", "--family", "weibull", "--column", "x", "--status", "s", status);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("s.csv:4:").contains("unknown censoring status 7");

        String interval = Cli.file(dir, "i.csv", "lo,hi\n1,2\n4,3\n");
        r = Cli.run("fit", "dist", "--family", "weibull", "--interval", "lo,hi", interval);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("i.csv:3:").contains("exceeds the upper bound");

        String values = Cli.file(dir, "v.csv", "x\n5\n7\n2\n");
        r = Cli.run("fit", "dist", "--family", "normal", "--truncate-below", "3", values);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("v.csv:4:").contains("outside the truncation range");

        String times = Cli.file(dir, "t.csv", "time,status,x\n5,1,1\n-3,1,2\n4,0,3\n6,1,4\n");
        r = Cli.run("fit", "survreg", "--formula", "Surv(time, status) ~ x", times);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("t.csv:3:").contains("positive times");
    }

    /**
     * A censored or truncated distribution file scores its rows as its fit sums them. Oracles: R's
     * fitdistcens log-likelihood on salinity (1e-6 relative, the fixture's), the fit's own ℓ (1e-12
     * relative: the truncation term is subtracted per row, not once); the truncated gamma density
     * from Hipparchus's own gamma, log f(x) − log(F(8) − F(1)), to 1e-12; the draws of the truncated
     * file against its cdf by the Dvoretzky–Kiefer–Wolfowitz bound (α = 1e-6, n = 20,000: 0.019).
     */
    @Test
    void censoredAndTruncatedDistributionFilesScoreAndSampleAsFitted() throws IOException {
        JsonNode r = reference("censored_dist.json", "salinity", "family", "weibull");
        String salinity = salinity(r);
        String model = dir.resolve("salinity.json").toString();
        assertThat(Cli.run("fit", "dist", "--family", "weibull", "--interval", "left,right", "--out", model, salinity)
                .status()).isZero();
        double total = Double.parseDouble(Cli.run("score", "--interval", "left,right", "--total", model, salinity)
                .out().strip());
        assertThat(total).isEqualTo(json(Cli.run("fit", "dist", "--family", "weibull", "--interval", "left,right",
                "--json", salinity)).get("logLikelihood").asDouble());
        assertThat(total).isCloseTo(r.get("loglik").asDouble(), within(1e-6 * Math.abs(total)));

        StringBuilder values = new StringBuilder("x\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int n = 0; n < 300; ) {
            double v = -1.5 * Math.log(rng.nextDouble()) - 1.5 * Math.log(rng.nextDouble()); // gamma(2, scale 1.5)
            if (v > 1 && v < 8) {
                values.append(v).append('\n');
                n++;
            }
        }
        String truncated = Cli.file(dir, "truncated.csv", values.toString());
        String gamma = dir.resolve("gamma.json").toString();
        JsonNode fit = json(Cli.run("fit", "dist", "--family", "gamma", "--truncate-below", "1", "--truncate-above",
                "8", "--out", gamma, "--json", truncated));
        Cli.Run score = Cli.run("score", gamma, truncated);
        String[] lines = score.out().strip().split("\n");
        org.hipparchus.distribution.continuous.GammaDistribution g = new org.hipparchus.distribution.continuous
                .GammaDistribution(fit.get("parameters").get("shape").asDouble(),
                1 / fit.get("parameters").get("rate").asDouble());
        double logMass = Math.log(g.cumulativeProbability(8) - g.cumulativeProbability(1));
        String[] x = values.toString().strip().split("\n");
        double sum = 0;
        for (int i = 1; i < lines.length; i++) {
            double expected = g.logDensity(Double.parseDouble(x[i])) - logMass;
            assertThat(Double.parseDouble(lines[i])).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
            sum += Double.parseDouble(lines[i]);
        }
        assertThat(lines).hasSize(301);
        assertThat(sum).isCloseTo(fit.get("logLikelihood").asDouble(), within(1e-12 * Math.abs(sum)));

        String[] draws = Cli.run("sample", gamma, "--n", "20000", "--seed", "3").out().strip().split("\n");
        double[] d = new double[draws.length - 1];
        for (int i = 1; i < draws.length; i++) {
            d[i - 1] = Double.parseDouble(draws[i]);
        }
        java.util.Arrays.sort(d);
        assertThat(d[0]).isGreaterThanOrEqualTo(1);
        assertThat(d[d.length - 1]).isLessThanOrEqualTo(8);
        double mass = g.cumulativeProbability(8) - g.cumulativeProbability(1);
        double ks = 0;
        for (int i = 0; i < d.length; i++) {
            double f = (g.cumulativeProbability(d[i]) - g.cumulativeProbability(1)) / mass;
            ks = Math.max(ks, Math.max(Math.abs(f - (double) i / d.length), Math.abs(f - (double) (i + 1) / d.length)));
        }
        assertThat(ks).isLessThan(0.019);

        String outside = Cli.file(dir, "outside.csv", "x\n2\n9.5\n");
        Cli.Run bad = Cli.run("score", gamma, outside);
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().strip()).doesNotContain("\n").contains("outside.csv:3:", "outside the truncation range",
                "refit without it");
        String counts = Cli.file(dir, "counts.csv", "x,s\n2,1\n3,0\n");
        String poisson = dir.resolve("poisson.json").toString();
        assertThat(Cli.run("fit", "dist", "--family", "poisson", "--column", "x", "--out", poisson, counts).status())
                .isZero();
        // a count file scores censored rows too: 3 with status 0 is "3 or more" (oracle: closed form, 1e-12)
        double counted = Double.parseDouble(Cli.run("score", "--status", "s", "--total", poisson, counts).out().strip());
        double lambda = 2.5;
        double expected = 2 * Math.log(lambda) - lambda - Math.log(2)
                + Math.log(1 - Math.exp(-lambda) * (1 + lambda + lambda * lambda / 2));
        assertThat(counted).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }
}
