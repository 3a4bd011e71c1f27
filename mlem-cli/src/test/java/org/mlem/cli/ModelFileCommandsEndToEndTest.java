package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.io.ModelJson;

/**
 * {@code predict}, {@code score} and {@code sample} on the model files that gained them through
 * the registry (GLM, nls, distribution, MVN, regression mixture), and the one-line refusal naming
 * the commands a file can be given to. Scores on the fitting rows sum to the file's
 * {@code logLikelihood} (1e-9 relative: one sum in another order).
 */
class ModelFileCommandsEndToEndTest {
    @TempDir
    Path dir;

    private String csv(String name, String header, int n, java.util.function.IntFunction<String> row) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p.toString();
    }

    private String fit(String... args) throws IOException {
        Path out = dir.resolve("m" + Math.abs(Arrays.hashCode(args)) + ".json");
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        Cli.Run r = Cli.run(all);
        assertThat(r.status()).as(r.err()).isZero();
        return out.toString();
    }

    private static double logLikelihood(String model) {
        return ModelJson.readTree(Path.of(model)).get("logLikelihood").asDouble();
    }

    private static double sumOfScores(Cli.Run r) {
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).isEqualTo("logLikelihood");
        return Arrays.stream(lines).skip(1).mapToDouble(Double::parseDouble).sum();
    }

    private String counts() throws IOException {
        return csv("counts.csv", "y,x,g", 40, i -> String.format(Locale.ROOT, "%d,%s,%s",
                (i * 7 + 3) % 11 + i / 8, i * 0.25, i % 3 == 0 ? "a" : "b"));
    }

    @Test
    void glmPredictsOnNewRowsWithoutTheResponseAndScoresToItsLogLikelihood() throws IOException {
        String data = counts();
        String model = fit("fit", "glm", "--family", "poisson", "--formula", "y ~ x + g", data);
        String fresh = csv("new.csv", "x,g", 3, i -> (i * 2.5) + "," + (i == 1 ? "a" : "b"));
        Cli.Run p = Cli.run("predict", model, fresh);
        assertThat(p.status()).as(p.err()).isZero();
        String[] lines = p.out().split("\\R");
        assertThat(lines[0]).isEqualTo("fit,se.fit,link,se.link");
        assertThat(lines).hasSize(4);
        for (int i = 1; i < 4; i++) {
            double[] v = Arrays.stream(lines[i].split(",")).mapToDouble(Double::parseDouble).toArray();
            assertThat(v[0]).isCloseTo(Math.exp(v[2]), within(1e-12 * v[0]));
            assertThat(v[1]).isCloseTo(v[0] * v[3], within(1e-12 * v[1])); // log link: dmu/deta = mu
        }
        double want = logLikelihood(model);
        assertThat(sumOfScores(Cli.run("score", model, data))).isCloseTo(want, within(1e-9 * Math.abs(want)));
    }

    @Test
    void nlsPredictsAndScoresToItsLogLikelihood() throws IOException {
        String data = csv("mm.csv", "conc,rate", 12, i -> {
            double c = 0.02 * (i + 1);
            return c + "," + (200 * c / (0.06 + c) + ((i * 5) % 7 - 3));
        });
        String model = fit("fit", "nls", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1", data);
        JsonNode m = ModelJson.readTree(Path.of(model));
        double vm = m.get("parameters").get("Vm").asDouble();
        double k = m.get("parameters").get("K").asDouble();
        Cli.Run p = Cli.run("predict", model, csv("c.csv", "conc", 2, i -> String.valueOf(0.1 * (i + 1))));
        assertThat(p.status()).as(p.err()).isZero();
        String[] lines = p.out().split("\\R");
        assertThat(lines[0]).isEqualTo("fit");
        assertThat(Double.parseDouble(lines[2])).isCloseTo(vm * 0.2 / (k + 0.2), within(1e-12 * vm));
        double want = logLikelihood(model);
        assertThat(sumOfScores(Cli.run("score", model, data))).isCloseTo(want, within(1e-9 * Math.abs(want)));
    }

    @Test
    void distributionScoresToItsLogLikelihoodAndSamplesReproducibly() throws IOException {
        String data = csv("g.csv", "t", 30, i -> String.valueOf(1 + (i * 13) % 17 * 0.3));
        String model = fit("fit", "dist", "--family", "gamma", data);
        double want = logLikelihood(model);
        assertThat(sumOfScores(Cli.run("score", model, data))).isCloseTo(want, within(1e-9 * Math.abs(want)));
        Cli.Run a = Cli.run("sample", model, "--n", "5", "--seed", "3");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out().split("\\R")).hasSize(6).startsWith("t");
        assertThat(Cli.run("sample", model, "--n", "5", "--seed", "3").out()).isEqualTo(a.out());
        assertThat(Cli.run("sample", model, "--n", "5", "--seed", "4").out()).isNotEqualTo(a.out());
    }

    @Test
    void mvnSamplesRowsInItsColumns() throws IOException {
        String data = csv("xy.csv", "u,v", 25, i -> (i % 5) + "," + ((i * 3) % 7 + 0.5 * (i % 5)));
        String model = fit("fit", "mvn", data);
        Cli.Run a = Cli.run("sample", model, "--n", "4", "--seed", "1");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out().split("\\R")).hasSize(5).startsWith("u,v");
        assertThat(Cli.run("sample", model, "--n", "4", "--seed", "1").out()).isEqualTo(a.out());
    }

    @Test
    void regressionMixtureDrawsOneResponsePerCovariateRow() throws IOException {
        String data = csv("rm.csv", "y,x", 60, i -> {
            double x = i % 20;
            return (i % 2 == 0 ? 1 + 2 * x : 30 - x) + 0.1 * ((i * 7) % 5 - 2) + "," + x;
        });
        String model = fit("fit", "regmix", "--k", "2", "--formula", "y ~ x", "--seed", "1", data);
        String xs = csv("xs.csv", "x", 4, i -> String.valueOf(i * 5));
        Cli.Run a = Cli.run("sample", model, xs, "--seed", "2", "--component");
        assertThat(a.status()).as(a.err()).isZero();
        String[] lines = a.out().split("\\R");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("y,component");
        assertThat(Cli.run("sample", model, xs, "--seed", "2", "--component").out()).isEqualTo(a.out());
        Cli.Run noRows = Cli.run("sample", model, "--n", "3");
        assertThat(noRows.status()).isEqualTo(2);
        assertThat(noRows.err()).contains("draws one row per row of covariates");
        double want = logLikelihood(model);
        assertThat(sumOfScores(Cli.run("score", model, data))).isCloseTo(want, within(1e-9 * Math.abs(want)));
    }

    /** A GLM file draws one response per row of covariates, the same for the same seed; a quasi family's is refused in one line naming the file. */
    @Test
    void glmSamplesGivenCovariatesAndRefusesAQuasiFamily() throws IOException {
        String data = counts();
        String model = fit("fit", "glm", "--family", "poisson", "--formula", "y ~ x + g", data);
        String fresh = csv("new.csv", "x,g", 3, i -> (i * 2.5) + "," + (i == 1 ? "a" : "b"));
        Cli.Run a = Cli.run("sample", model, fresh, "--seed", "3");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out().split("\\R")).hasSize(4).startsWith("y");
        assertThat(Cli.run("sample", model, fresh, "--seed", "3").out()).isEqualTo(a.out());
        String quasi = fit("fit", "glm", "--family", "quasipoisson", "--formula", "y ~ x + g", data);
        Cli.Run q = Cli.run("sample", quasi, fresh);
        assertThat(q.status()).isEqualTo(2);
        assertThat(q.err().strip()).doesNotContain("\n").contains(quasi).contains("no full likelihood to draw from");
    }

    @Test
    void aFileACommandCannotUseNamesTheCommandsThatCan() throws IOException {
        String data = counts();
        String nls = fit("fit", "nls", "--formula", "y ~ a + b * x", "--start", "a=1,b=1", data);
        Cli.Run r = Cli.run("sample", nls, "--n", "3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .endsWith("a nonlinear regression ('nls') file cannot be used by sample; use it with mlem predict, mlem score");
        String gmm = fit("fit", "gmm", "--k", "1", "--columns", "x", data);
        Cli.Run d = Cli.run("decode", gmm, data);
        assertThat(d.status()).isEqualTo(2);
        assertThat(d.err()).contains("cannot be used by decode; use it with mlem predict, mlem score, mlem sample");
        String mvn = fit("fit", "mvn", "--columns", "x,y", data);
        Cli.Run p = Cli.run("predict", mvn, data);
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.err()).contains("cannot be used by predict; use it with mlem score, mlem sample");
    }
}
