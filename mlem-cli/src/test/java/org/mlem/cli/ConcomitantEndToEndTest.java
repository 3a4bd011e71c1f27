package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --concomitant} through {@code Main}. Oracle: R's flexmix 2.3 (tools/reference/
 * concomitant_flexmix.R, bioChemists: a two-component Poisson mixture of art with ~ fem + ment),
 * whose maximum the command's default starts reach: log-likelihood and gating coefficients to 1e-6
 * relative (the default stopping rule leaves the flat gating direction ~1e-5 off, so 1e-4 on γ),
 * standard errors to 1e-4 (the library test holds them to 1e-5). Bad input: one line, exit 2.
 */
class ConcomitantEndToEndTest {
    private static final String BIO = "../examples/biochemists.csv";

    @TempDir
    Path dir;

    @Test
    void poissonMixtureWithConcomitantsIsFlexmixs() throws IOException {
        Path out = dir.resolve("m.json");
        Cli.Run run = Cli.run("fit", "mixture", "--family", "poisson", "--k", "2", "--column", "art", "--concomitant",
                "~ fem + ment", "--standard-errors", "louis", "--seed", "1", "--out", out.toString(), BIO);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("concomitant ~ fem + ment");
        JsonNode j = json(Cli.run("fit", "mixture", "--family", "poisson", "--k", "2", "--column", "art", "--concomitant",
                "~ fem + ment", "--standard-errors", "louis", "--seed", "1", "--json", BIO));
        JsonNode ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of("../mlem-core/src/test/resources/fixtures/concomitant/concomitant_flexmix.json").toFile()).get(1);
        assertThat(j.get("logLikelihood").asDouble())
                .isCloseTo(ref.get("polishedLogLikelihood").asDouble(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(j.get("nParameters").asInt()).isEqualTo(5);
        JsonNode c = j.get("concomitant");
        assertThat(c.get("terms").toString()).isEqualTo("[\"(Intercept)\",\"femWomen\",\"ment\"]");
        // component order: the plain fit's, which puts the low-count class first as flexmix's start does
        String[] terms = {"(Intercept)", "femWomen", "ment"};
        for (int a = 0; a < 3; a++) {
            double g = c.get("coefficients").get(1).get(a).asDouble();
            double expected = ref.get("polished").get("concomitant_Comp.2." + terms[a]).asDouble();
            assertThat(Math.abs(g - expected) / Math.abs(expected)).as(terms[a]).isLessThan(1e-4);
            double se = c.get("standardErrors").get(1).get(a).asDouble();
            double seRef = ref.get("standardErrors").get("concomitant_Comp.2." + terms[a]).asDouble();
            assertThat(Math.abs(se - seRef) / seRef).as("se " + terms[a]).isLessThan(1e-4);
        }
        Cli.Run predict = Cli.run("predict", out.toString(), BIO);
        assertThat(predict.status()).as(predict.err()).isZero();
        assertThat(predict.out().lines().findFirst()).hasValue("label,p0,p1");
        Path html = dir.resolve("r.html");
        Cli.Run report = Cli.run("report", out.toString(), "--out", html.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(Files.size(html)).isPositive();
    }

    /**
     * quakes, k = 4, full covariances, ~ depth, default options: flexmix's best of five random starts
     * (tools/reference/select_concomitant_flexmix.R, fixtures/concomitant/select_flexmix_quakes_gmm.json,
     * EM to 1e-10 relative) is reached within the default stopping rule's accuracy (1e-8 relative,
     * {@code Restarts.tie}); the best plain start alone leads to a lower maximum, −4456.61, 13 below.
     * One thread and two give the same bits.
     */
    @Test
    void quakesFromSeveralStartsReachesFlexmixsMaximum() throws IOException {
        String fix = "../mlem-core/src/test/resources/fixtures/concomitant/";
        double flexmix = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of(fix + "select_flexmix_quakes_gmm.json").toFile()).get("candidates").get("4")
                .get("logLikelihood").asDouble();
        String[] args = {"fit", "gmm", "--k", "4", "--covariance", "full", "--columns", "long,lat", "--concomitant",
            "~ depth", "--json", "--threads", "1", fix + "quakes.csv"};
        JsonNode one = json(Cli.run(args));
        assertThat(one.get("logLikelihood").asDouble()).isCloseTo(flexmix, within(1e-8 * Math.abs(flexmix)));
        args[args.length - 2] = "2";
        assertThat(json(Cli.run(args)).get("logLikelihood").asDouble()).isEqualTo(one.get("logLikelihood").asDouble());
    }

    /**
     * The model file of each concomitant fit (gmm, mixture, regmix) is read back by score, predict
     * and sample: the training rows' scores sum to the fit's log-likelihood (exactly: the same
     * terms in the same order), posteriors sum to 1 and their argmax is the label, sample draws one
     * row per covariate row with the seed fixing the draws; a file without a concomitant column is
     * one line naming it (exit 2).
     */
    @Test
    void modelFilesArePredictedScoredAndSampled() throws IOException {
        String[][] fits = {
            {"gmm", "--k", "2", "--columns", "mpg,qsec", "--concomitant", "~ wt", "../examples/mtcars.csv"},
            {"mixture", "--family", "poisson", "--k", "2", "--column", "art", "--concomitant", "~ fem + ment", BIO},
            {"regmix", "--k", "2", "--formula", "breaks ~ tension", "--family", "poisson", "--concomitant", "~ wool",
                "../examples/warpbreaks.csv"},
        };
        for (String[] f : fits) {
            Path m = dir.resolve(f[0] + ".json");
            String data = f[f.length - 1];
            String[] args = new String[f.length + 5];
            args[0] = "fit";
            System.arraycopy(f, 0, args, 1, f.length - 1);
            args[f.length] = "--seed";
            args[f.length + 1] = "1";
            args[f.length + 2] = "--out";
            args[f.length + 3] = m.toString();
            args[f.length + 4] = data;
            Cli.Run fit = Cli.run(args);
            assertThat(fit.status()).as(fit.err()).isZero();
            double ll = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.toFile()).get("logLikelihood")
                    .asDouble();
            Cli.Run total = Cli.run("score", "--total", m.toString(), data);
            assertThat(total.status()).as(total.err()).isZero();
            assertThat(Double.parseDouble(total.out().strip())).as(f[0]).isEqualTo(ll);
            Cli.Run predict = Cli.run("predict", m.toString(), data);
            assertThat(predict.status()).as(predict.err()).isZero();
            List<String> lines = predict.out().lines().toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                double p0 = Double.parseDouble(c[1]);
                double p1 = Double.parseDouble(c[2]);
                assertThat(p0 + p1).isCloseTo(1.0, within(1e-12));
                assertThat(c[0]).isEqualTo(p1 > p0 ? "1" : "0");
            }
            Cli.Run a = Cli.run("sample", m.toString(), data, "--seed", "4", "--component");
            assertThat(a.status()).as(a.err()).isZero();
            assertThat(a.out()).isEqualTo(Cli.run("sample", m.toString(), data, "--seed", "4", "--component").out());
            assertThat(a.out()).isNotEqualTo(Cli.run("sample", m.toString(), data, "--seed", "5", "--component").out());
            assertThat(a.out().lines().count()).isEqualTo(lines.size());
        }
        Path noWool = dir.resolve("nowool.csv");
        Files.writeString(noWool, "breaks,tension\n26,L\n30,M\n");
        Cli.Run missing = Cli.run("predict", dir.resolve("regmix.json").toString(), noWool.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).as(missing.err()).hasSize(1);
        assertThat(missing.err()).contains("no column 'wool'", "--concomitant");
        // --response: fit = Σ_j π_j(z) μ_j(x) with each row's own priors (ConcomitantKindTest holds it to
        // flexmix's priors); here: fit lies between the printed component means, rows differ, and a
        // Gaussian mixture's concomitant file refuses --response in one line
        Cli.Run resp = Cli.run("predict", "--response", dir.resolve("regmix.json").toString(), "../examples/warpbreaks.csv");
        assertThat(resp.status()).as(resp.err()).isZero();
        List<String> rl = resp.out().lines().toList();
        assertThat(rl.get(0)).isEqualTo("fit,fit0,fit1");
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String line : rl.subList(1, rl.size())) {
            double[] v = java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            assertThat(v[0]).isBetween(Math.min(v[1], v[2]) - 1e-12, Math.max(v[1], v[2]) + 1e-12);
            distinct.add(line);
        }
        assertThat(distinct.size()).as("distinct (tension, wool) rows predict apart").isGreaterThan(3);
        Cli.Run gmmResponse = Cli.run("predict", "--response", dir.resolve("gmm.json").toString(), "../examples/mtcars.csv");
        assertThat(gmmResponse.status()).isEqualTo(2);
        assertThat(gmmResponse.err()).contains("--response applies to a regression mixture");
        Cli.Run decode = Cli.run("decode", dir.resolve("gmm.json").toString(), "../examples/mtcars.csv");
        assertThat(decode.status()).isEqualTo(2);
        assertThat(decode.err()).contains("mlem predict, mlem score, mlem sample");
    }

    /**
     * A concomitant Gaussian mixture's file marginalises missing coordinates in score and predict, as
     * a plain gmm file does, while the covariates must be whole. Oracle: the closed form
     * log Σ_j π_j(z) N(x_o; μ_j,o, Σ_j,oo), the priors π(z) read off predict on a row with every
     * coordinate missing (its posterior is its prior), 1e-12 relative; such a row scores 0.
     */
    @Test
    void gaussianConcomitantFilesMarginaliseMissingCoordinates() throws IOException {
        Path m = dir.resolve("holes.json");
        Cli.Run fit = Cli.run("fit", "gmm", "--k", "2", "--columns", "mpg,qsec", "--concomitant", "~ wt", "--seed", "1",
                "--out", m.toString(), "../examples/mtcars.csv");
        assertThat(fit.status()).as(fit.err()).isZero();
        Path holes = dir.resolve("holes.csv");
        Files.writeString(holes, "mpg,qsec,wt\n21,,2.6\n,18,3.1\n,,2.6\n,,3.1\n");
        List<String> p = Cli.run("predict", m.toString(), holes.toString()).out().lines().toList();
        double[][] prior = {parse(p.get(3)), parse(p.get(4))}; // wt 2.6, 3.1: label, p0, p1
        List<String> s = Cli.run("score", m.toString(), holes.toString()).out().lines().toList();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.toFile());
        double[] x = {21, 18};
        for (int row = 0; row < 2; row++) {
            int cell = row; // row 1 observes mpg, row 2 qsec
            double sum = 0;
            for (int c = 0; c < 2; c++) {
                double mu = j.get("means").get(c).get(cell).asDouble();
                double var = j.get("covariances").get(c).get(cell).get(cell).asDouble();
                sum += prior[row][c + 1] * Math.exp(-0.5 * (x[row] - mu) * (x[row] - mu) / var) / Math.sqrt(2 * Math.PI * var);
            }
            double got = Double.parseDouble(s.get(row + 1));
            assertThat(got).isCloseTo(Math.log(sum), within(1e-12 * Math.abs(Math.log(sum))));
        }
        assertThat(Double.parseDouble(s.get(3))).isZero();
        Path noWt = dir.resolve("nowt.csv");
        Files.writeString(noWt, "mpg,qsec,wt\n21,16.5,2.6\n21,16.5,\n");
        Cli.Run bad = Cli.run("score", m.toString(), noWt.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).as(bad.err()).hasSize(1);
        assertThat(bad.err()).contains("nowt.csv:3:", "'wt'");
    }

    private static double[] parse(String csvLine) {
        return java.util.Arrays.stream(csvLine.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void badConcomitantsAreOneLine() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x,z,t\n1,2,a\n2,3,b\n3,x,a\n10,4,b\n11,5,a\n12,6,b\n13,7,a\n2.5,8,b\n");
        Path holes = dir.resolve("holes.csv");
        Files.writeString(holes, "x,z\n1,2\n2,\n3,4\n10,4\n11,5\n12,6\n13,7\n2.5,8\n");
        String[][] cases = {
            {"~ nope", csv.toString(), "names nope, which is not a column"},
            {"x ~ t", csv.toString(), "has a response ('x')"},
            {"t", csv.toString(), "has no '~'"},
            {"~ z", csv.toString(), "'x' in column 'z' is not a number"},
            {"~ z", holes.toString(), "holes.csv:3: --concomitant column 'z' has no value"},
        };
        for (String[] c : cases) {
            Cli.Run r = Cli.run("fit", "mixture", "--family", "normal", "--k", "2", "--column", "x", "--concomitant", c[0],
                    c[1]);
            assertThat(r.status()).as(c[0]).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(c[2]);
        }
        Cli.Run labels = Cli.run("fit", "gmm", "--k", "2", "--columns", "x", "--labels", "z", "--concomitant", "~ t",
                csv.toString());
        assertThat(labels.status()).isEqualTo(2);
        assertThat(labels.err()).contains("--labels with --concomitant");
    }
}
