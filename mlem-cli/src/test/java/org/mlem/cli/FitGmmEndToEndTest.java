package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.ModelJson;

/**
 * {@code mlem fit gmm}, {@code predict}, {@code score} and {@code sample} through {@code Main}, on
 * 400 rows drawn from a known 2-D mixture. Oracles: the contract's formulas (AIC, BIC, parameter
 * count), identities between commands (score's total = the fit's log-likelihood; predict's label =
 * argmax of its probabilities), and closed-form class means for the all-labelled fit.
 */
class FitGmmEndToEndTest {
    @TempDir
    Path dir;

    private String csv;
    private String text;

    @BeforeEach
    void writeData() throws IOException {
        GaussianMixture truth = GaussianMixture.of(new double[] {0.4, 0.6}, new double[][] {{0, 0}, {5, 3}},
                CovarianceStructure.FULL.fromShape(new double[][][] {{{1, 0.4}, {0.4, 1}}, {{0.5, 0}, {0, 2}}}, 2, 2));
        GaussianMixture.Sample s = truth.sample(400, 11, List.of("a", "b"));
        StringBuilder sb = new StringBuilder("a,b,name,cls\n");
        DataMatrix x = s.data();
        for (int i = 0; i < x.rows(); i++) {
            sb.append(x.get(i, 0)).append(',').append(x.get(i, 1)).append(",r").append(i).append(',')
                    .append(s.components()[i] == 0 ? "low" : "high").append('\n');
        }
        text = sb.toString();
        csv = write("d.csv", text);
    }

    private String write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }


    @Test
    void jsonHasTheContractFieldsAndTheyAgree() throws IOException {
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--json", csv));
        for (String f : List.of("model", "n", "logLikelihood", "nParameters", "aic", "bic", "converged", "iterations",
                "columns", "seconds", "k", "covariance", "weights", "means", "covariances", "regCovar", "tol", "seed",
                "nInit", "trace")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        assertThat(j.get("model").asText()).isEqualTo("gmm");
        assertThat(j.get("n").asInt()).isEqualTo(400);
        // the text column 'name' and the text column 'cls' are not modelled by default
        assertThat(j.get("columns").toString()).isEqualTo("[\"a\",\"b\"]");
        double ll = j.get("logLikelihood").asDouble();
        int p = j.get("nParameters").asInt();
        assertThat(p).isEqualTo(1 + 2 * 2 + 2 * 3); // (k-1) + k·d + k·d(d+1)/2
        assertThat(j.get("aic").asDouble()).isCloseTo(-2 * ll + 2 * p, within(1e-9));
        assertThat(j.get("bic").asDouble()).isCloseTo(-2 * ll + p * Math.log(400), within(1e-9));
        assertThat(j.get("weights").get(0).asDouble() + j.get("weights").get(1).asDouble()).isCloseTo(1, within(1e-12));
        assertThat(j.get("covariances").size()).isEqualTo(2);
        assertThat(j.get("covariances").get(0).size()).isEqualTo(2);
        assertThat(j.get("covariances").get(0).get(0).size()).isEqualTo(2);
        JsonNode trace = j.get("trace");
        assertThat(trace.get(trace.size() - 1).asDouble()).isEqualTo(ll);
        assertThat(j.get("seconds").has("read") && j.get("seconds").has("init") && j.get("seconds").has("fit")).isTrue();
        assertThat(j.get("regCovar").asDouble()).isEqualTo(org.mlem.gmm.GaussianMixtureEstimator.DEFAULT_REG_COVAR);
    }

    @Test
    void humanSummaryGoesToStdoutAndOutWritesTheSameJson() throws IOException {
        Path out = dir.resolve("m.json");
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--covariance", "diag", "--trace", "--out", out.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        // the text columns are left out, and standard error says so (and says nothing else)
        assertThat(r.errLines()).containsExactly(
                "mlem: " + csv + ":2:3: note: column 'name' is not numeric ('r0') and is not modelled; choose columns with --columns",
                "mlem: " + csv + ":2:4: note: column 'cls' is not numeric ('" + text.split("\\R")[1].split(",")[3]
                        + "') and is not modelled; choose columns with --columns");
        JsonNode j = ModelJson.mapper().readTree(out.toFile());
        assertThat(r.out()).contains("weight", "mean a", "variance b", "log-likelihood", "AIC", "BIC", "iterations",
                "time");
        assertThat(r.out()).containsPattern("(?m)^iteration +log-likelihood$");
        assertThat(r.out()).contains(CsvNumbers.brief(j.get("logLikelihood").asDouble()));
        assertThat(j.get("covariances").get(0).size()).isEqualTo(2); // diag: [k][d]
    }

    @Test
    void initFromTheWrittenModelStartsExactlyWhereTheFitEnded() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode first = json(Cli.run("fit", "gmm", "--k", "2", "--json", "--out", model.toString(), csv));
        JsonNode again = json(Cli.run("fit", "gmm", "--init", model.toString(), "--json", csv));
        // the E-step of the read parameters gives the written log-likelihood: the JSON round trip is exact
        assertThat(again.get("trace").get(0).asDouble()).isCloseTo(first.get("logLikelihood").asDouble(), within(1e-9));
        assertThat(again.get("k").asInt()).isEqualTo(2);
        assertThat(again.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(first.get("logLikelihood").asDouble() - 1e-9);
    }

    @Test
    void predictLabelsAreTheArgmaxOfItsProbabilitiesAndScoreSumsToTheFit() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode fit = json(Cli.run("fit", "gmm", "--k", "2", "--json", "--out", model.toString(), csv));
        Cli.Run predict = Cli.run("predict", model.toString(), csv);
        assertThat(predict.status()).as(predict.err()).isZero();
        String[] lines = predict.out().split("\\R");
        assertThat(lines[0]).isEqualTo("label,p0,p1");
        assertThat(lines).hasSize(401);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            double p0 = Double.parseDouble(f[1]);
            double p1 = Double.parseDouble(f[2]);
            assertThat(p0 + p1).isCloseTo(1, within(1e-12));
            assertThat(Integer.parseInt(f[0])).isEqualTo(p1 > p0 ? 1 : 0);
        }
        Cli.Run score = Cli.run("score", model.toString(), csv);
        String[] rows = score.out().split("\\R");
        assertThat(rows[0]).isEqualTo("logLikelihood");
        double total = 0;
        for (int i = 1; i < rows.length; i++) {
            total += Double.parseDouble(rows[i]);
        }
        // the fit's log-likelihood is that of its final parameters on the same rows (relative 1e-12 up to summation order)
        assertThat(total).isCloseTo(fit.get("logLikelihood").asDouble(), within(1e-8));
        assertThat(score.err()).startsWith("total log-likelihood");
        Cli.Run totalOnly = Cli.run("score", "--total", model.toString(), csv);
        assertThat(Double.parseDouble(totalOnly.out().strip())).isCloseTo(total, within(1e-8));
    }

    @Test
    void sampleDrawsNRowsWithTheModelsColumnsAndTheSameSeedRepeats() throws IOException {
        Path model = dir.resolve("m.json");
        json(Cli.run("fit", "gmm", "--k", "2", "--json", "--out", model.toString(), csv));
        Cli.Run a = Cli.run("sample", model.toString(), "--n", "25", "--seed", "3");
        Cli.Run b = Cli.run("sample", model.toString(), "--n", "25", "--seed", "3");
        String[] lines = a.out().split("\\R");
        assertThat(lines[0]).isEqualTo("a,b");
        assertThat(lines).hasSize(26);
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(Cli.run("sample", model.toString(), "--n", "25", "--seed", "4").out()).isNotEqualTo(a.out());
    }

    @Test
    void gzipAndStandardInputGiveTheSameFitAsThePlainFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path gzFile = dir.resolve("d.csv.gz");
        Files.write(gzFile, bytes.toByteArray());
        double plain = json(Cli.run("fit", "gmm", "--k", "2", "--json", csv)).get("logLikelihood").asDouble();
        assertThat(json(Cli.run("fit", "gmm", "--k", "2", "--json", gzFile.toString())).get("logLikelihood").asDouble())
                .isEqualTo(plain);
        assertThat(json(Cli.runWithInput(text, "fit", "gmm", "--k", "2", "--json", "-")).get("logLikelihood").asDouble())
                .isEqualTo(plain);
    }

    @Test
    void dropMissingReportsHowManyRowsItDropped() throws IOException {
        // the first data row loses its 'a' cell, and two rows with NA and NaN are appended
        String holes = write("holes.csv", text.replaceFirst("\\n[^,\\n]+,", "\n,") + "NA,1,rx,low\n7,NaN,ry,high\n");
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--json", "--drop-missing", holes);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).contains("mlem: " + holes + ": dropped 3 of 402 rows with a missing cell (--drop-missing)");
        assertThat(ModelJson.mapper().readTree(r.out()).get("n").asInt()).isEqualTo(399);
    }

    @Test
    void allRowsLabelledGiveTheClosedFormClassMeansAndTextClassesInSortedOrder() throws IOException {
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--labels", "cls", "--json", csv));
        assertThat(j.get("classes").toString()).isEqualTo("[\"high\",\"low\"]");
        assertThat(j.get("iterations").asInt()).isEqualTo(1);
        // oracle: the plain mean of column a over the rows labelled "high" (component 0 after sorting)
        double sum = 0;
        int n = 0;
        for (String line : text.split("\\R")) {
            if (line.endsWith(",high")) {
                sum += Double.parseDouble(line.split(",")[0]);
                n++;
            }
        }
        assertThat(j.get("means").get(0).get(0).asDouble()).isCloseTo(sum / n, within(1e-10));
        assertThat(j.get("weights").get(0).asDouble()).isCloseTo(n / 400.0, within(1e-12));
    }

    @Test
    void zeroVarianceColumnAndDuplicatedRowsFitWithTheDefaultRegCovar() throws IOException {
        String f = write("flat.csv", "x,c\n" + "1,5\n".repeat(10) + "3,5\n".repeat(10) + "2,5\n");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--json", f));
        // column c is constant: its fitted variance is the ridge regCovar (up to rounding of the moments)
        double varC = j.get("covariances").get(0).get(1).get(1).asDouble();
        assertThat(varC).isCloseTo(j.get("regCovar").asDouble(), within(1e-12));
    }

    @Test
    void handWrittenModelIsAcceptedByPredict() throws IOException {
        String model = write("hand.json", "{\"model\":\"gmm\",\"k\":2,\"covariance\":\"spherical\",\"weights\":[0.5,0.5],"
                + "\"means\":[[0,0],[5,3]],\"covariances\":[1,1],\"columns\":[\"a\",\"b\"]}");
        Cli.Run r = Cli.run("predict", model, csv);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().split("\\R")).hasSize(401);
        // a point at the first mean: component 0 with probability 1 - (tiny); oracle: the two spherical densities by hand
        Cli.Run one = Cli.runWithInput("a,b\n0,0\n", "predict", model, "-");
        double p1 = Double.parseDouble(one.out().split("\\R")[1].split(",")[2]);
        double expected = Math.exp(-0.5 * (25 + 9)) / (1 + Math.exp(-0.5 * (25 + 9)));
        assertThat(p1).isCloseTo(expected, within(1e-15));
    }

    @Test
    void helpAndVersion() {
        Cli.Run help = Cli.run("fit", "gmm", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--covariance", "--reg-covar", "default: 1.0E-6", "--labels", "sorted order");
        Cli.Run version = Cli.run("--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("mlem ");
    }
}
