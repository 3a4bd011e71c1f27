package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.BadInputTest.assertUserError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.io.ModelJson;

/**
 * {@code mlem fit gmmda} end to end. Oracle: R's mclust 6.0 MclustDA and cvMclustDA on iris
 * (fixtures/da/mclust_da.json, tools/reference/mclust_da.R): EDDA's log-likelihood 1e-8 relative
 * and its cross-validated error equal with mclust's folds given as a column; {@code predict} and
 * {@code score} on the model file agree with the fit (the argmax law, the scores' sum = the
 * log-likelihood to 1e-9 relative); bad input is one line and exit 2.
 */
class FitGmmdaEndToEndTest {
    @TempDir
    Path dir;

    private static JsonNode mclust(String type, String chosen, int models) throws IOException {
        JsonNode root = ModelJson.mapper().readTree(FitGmmdaEndToEndTest.class.getResourceAsStream("/fixtures/da/mclust_da.json"));
        for (JsonNode c : root.get("cases")) {
            if (c.get("dataset").asText().equals("iris") && c.get("type").asText().equals(type)
                    && (chosen == null || c.get("chosen").asText().equals(chosen) && c.get("models").size() == models)) {
                return c;
            }
        }
        throw new IllegalStateException(type + " " + chosen);
    }

    private String iris() {
        return Resources.copy(dir, "/fixtures/da/iris.csv");
    }

    @Test
    void eddaMatchesMclustAndItsCrossValidationWithTheSameFolds() throws IOException {
        JsonNode want = mclust("EDDA", "VEV", 1);
        JsonNode folds = null;
        for (JsonNode c : ModelJson.mapper().readTree(getClass().getResourceAsStream("/fixtures/da/mclust_da.json")).get("cases")) {
            if (c.get("type").asText().equals("folds") && c.get("dataset").asText().equals("iris")) {
                folds = c.get("folds");
            }
        }
        List<String> lines = Files.readAllLines(Path.of(iris()));
        StringBuilder sb = new StringBuilder(lines.get(0) + ",fold\n");
        for (int i = 1; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(',').append(folds.get(i - 1).asInt()).append('\n');
        }
        String data = Cli.file(dir, "iris_folds.csv", sb.toString());
        JsonNode j = Cli.json(Cli.run("fit", "gmmda", "--class", "class", "--type", "edda", "--covariance", "VEV",
                "--folds", "fold", "--json", data));
        assertThat(j.get("model").asText()).isEqualTo("gmmda");
        assertThat(j.get("columns")).hasSize(4); // the fold column is not modelled
        assertThat(j.get("nParameters").asInt()).isEqualTo(want.get("df").asInt());
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(want.get("loglik").asDouble(),
                within(1e-8 * Math.abs(want.get("loglik").asDouble())));
        assertThat(-j.get("bic").asDouble()).isCloseTo(want.get("bic").asDouble(), within(1e-8 * Math.abs(want.get("bic").asDouble())));
        JsonNode cv = j.get("crossValidation");
        assertThat(cv.get("folds").asInt()).isEqualTo(10);
        assertThat(cv.get("error").asDouble()).isCloseTo(want.get("cv").get("ce").asDouble(), within(1e-12));
        assertThat(cv.get("brier").asDouble()).isCloseTo(want.get("cv").get("brier").asDouble(),
                within(1e-8 * want.get("cv").get("brier").asDouble()));
    }

    /**
     * The default MclustDA (every model, G = 1..5 per class) on iris finishes: candidates whose VEV
     * or EVV scatter cannot be decomposed collapse like any other degenerate start instead of ending
     * the command with an internal error (exit 1), as they did.
     */
    @Test
    void theDefaultMclustDaOnIrisFinishes() throws IOException {
        Cli.Run r = Cli.run("fit", "gmmda", "--class", "class", "--json", iris());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = Cli.json(r);
        assertThat(j.get("model").asText()).isEqualTo("gmmda");
        assertThat(j.get("logLikelihood").asDouble()).isFinite();
    }

    @Test
    void predictAndScoreReadTheModelFile() throws IOException {
        String data = iris();
        String model = dir.resolve("da.json").toString();
        JsonNode j = Cli.json(Cli.run("fit", "gmmda", "--class", "class", "--components", "1..2", "--covariance", "EEE,VVV",
                "--seed", "3", "--out", model, "--json", data));
        Cli.Run p = Cli.run("predict", model, data);
        assertThat(p.status()).as(p.err()).isZero();
        String[] rows = p.out().split("\\R");
        assertThat(rows[0]).isEqualTo("label,p0,p1,p2");
        assertThat(rows).hasSize(151);
        int wrong = 0;
        List<String> truth = Files.readAllLines(Path.of(data));
        for (int i = 1; i < rows.length; i++) {
            String[] f = rows[i].split(",");
            double[] q = {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
            assertThat(q[0] + q[1] + q[2]).isCloseTo(1.0, within(1e-12));
            int best = q[1] > q[0] ? (q[2] > q[1] ? 2 : 1) : (q[2] > q[0] ? 2 : 0);
            assertThat(f[0]).isEqualTo(j.get("classes").get(best).asText());
            wrong += truth.get(i).endsWith("," + f[0]) ? 0 : 1;
        }
        assertThat(wrong).isLessThanOrEqualTo(5); // iris: mclust's training error is 2% (3 rows)
        Cli.Run s = Cli.run("score", model, data);
        assertThat(s.status()).as(s.err()).isZero();
        assertThat(s.out().strip().lines()).hasSize(151); // a header and one log-density per row; the total goes to standard error
        double total = Double.parseDouble(s.err().strip().replaceAll(".*log-likelihood (\\S+) over.*", "$1"));
        assertThat(total).isCloseTo(j.get("logLikelihood").asDouble(), within(1e-9 * Math.abs(total)));
    }

    @Test
    void theSameSeedGivesTheSameBitsWhateverTheThreads() {
        String data = iris();
        Cli.Run one = Cli.run("fit", "gmmda", "--class", "class", "--components", "1..3", "--covariance", "EEE,EII",
                "--cv-folds", "5", "--seed", "9", "--threads", "1", "--json", data);
        Cli.Run two = Cli.run("fit", "gmmda", "--class", "class", "--components", "1..3", "--covariance", "EEE,EII",
                "--cv-folds", "5", "--seed", "9", "--threads", "2", "--json", data);
        assertThat(one.status()).as(one.err()).isZero();
        assertThat(withoutSeconds(two.out())).isEqualTo(withoutSeconds(one.out()));
    }

    private static String withoutSeconds(String json) {
        return json.replaceAll("(?s)\"seconds\" : \\{.*?\\}", "");
    }

    @Test
    void oneClassOnlyIsOneLine() throws IOException {
        String data = Cli.file(dir, "one.csv", "x,y,c\n1,2,a\n2,3,a\n3,1,a\n4,4,a\n");
        assertUserError(Cli.run("fit", "gmmda", "--class", "c", "--type", "edda", data), "", "only one class ('a')");
    }

    @Test
    void aClassWithTooFewRowsForTheModelIsOneLineWithTheFix() throws IOException {
        String data = Cli.file(dir, "small.csv", "x,y,c\n1,2,a\n2,3,a\n3,1,a\n4,4,a\n0,1,b\n1,1,b\n");
        assertUserError(Cli.run("fit", "gmmda", "--class", "c", "--type", "edda", "--covariance", "VVV", data), "",
                "class 'b' has 2 rows but covariance VVV needs at least 3 per class", "EEE");
        assertThat(Cli.run("fit", "gmmda", "--class", "c", "--type", "edda", "--covariance", "EEE", data).status()).isZero();
    }

    @Test
    void anUnknownClassInTheTestRowsIsOneLineNamingItsPlace() throws IOException {
        String test = Cli.file(dir, "test.csv", "sepal_length,sepal_width,petal_length,petal_width,class\n"
                + "5.1,3.5,1.4,0.2,setosa\n6.1,2.8,4.7,1.2,lily\n");
        assertUserError(Cli.run("fit", "gmmda", "--class", "class", "--type", "edda", "--covariance", "EEE", "--test", test,
                iris()), test + ":3:", "class 'lily' is not one the model was fitted to (setosa, versicolor, virginica)");
    }

    @Test
    void heldOutRowsReportTheirError() throws IOException {
        String test = Cli.file(dir, "test.csv", "sepal_length,sepal_width,petal_length,petal_width,class\n"
                + "5.1,3.5,1.4,0.2,setosa\n6.1,2.8,4.7,1.2,versicolor\n6.3,3.3,6.0,2.5,virginica\n5.0,3.4,1.5,0.2,virginica\n");
        JsonNode j = Cli.json(Cli.run("fit", "gmmda", "--class", "class", "--type", "edda", "--covariance", "EEE", "--test",
                test, "--json", iris()));
        assertThat(j.get("test").get("n").asInt()).isEqualTo(4);
        assertThat(j.get("test").get("error").asDouble()).isEqualTo(0.25); // the last row is a setosa labelled virginica
    }

    @Test
    void aMissingClassAndEddaWithComponentsAreUserErrors() throws IOException {
        String data = Cli.file(dir, "gap.csv", "x,y,c\n1,2,a\n2,3,a\n3,1,\n4,4,b\n0,1,b\n");
        assertUserError(Cli.run("fit", "gmmda", "--class", "c", "--type", "edda", "--covariance", "EII", data), data + ":4:",
                "missing");
        assertUserError(Cli.run("fit", "gmmda", "--class", "class", "--type", "edda", "--components", "1..3", iris()), "",
                "--components 1..3 applies to --type mclustda");
    }
}
