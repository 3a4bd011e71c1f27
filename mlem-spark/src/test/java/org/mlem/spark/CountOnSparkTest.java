package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountEstimator;
import org.mlem.count.CountFit;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModelKind;
import org.mlem.count.CountOptions;
import org.mlem.count.VuongComparison;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.io.CountJson;
import org.mlem.io.GlmJson;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedCount;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor.Prediction;

/**
 * {@link CountRegression} (zeroinfl and hurdle, Poisson and negbin) on Spark against the single
 * machine's fit ({@link CountEstimator} on the same rows' {@link CountFormula#designs}, the code
 * {@code mlem fit zeroinfl|hurdle} runs): every coefficient, standard error, log θ, the
 * log-likelihood, the plain model's and Vuong's statistics within {@value #TOL} relative, the same
 * Newton iterations, over 2 and 3 partitions; the same starts and steps, only the sums' order
 * differs. Second oracle: pscl 1.5.5 (mlem-core's fixtures {@code fixtures/r/count}, written by
 * tools/reference/count_pscl.R and count_pscl_weights.R) at mlem-core's tolerance for it, 1e-6.
 * Data: bioChemists (915 rows), with pscl's fractional weights 0.5, 1, 1.5, 2 in turn. A fit is
 * 27 (hurdle Poisson) to 39 (zeroinfl negbin) Spark jobs.
 */
class CountOnSparkTest {
    private static final double TOL = 1e-9;
    private static final double PSCL = 1e-6;
    private static final String FORMULA = "art ~ fem + mar + kid5 + phd + ment | ment";
    private static final Path FIXTURES = Path.of("../mlem-core/src/test/resources/fixtures/r/count");
    private static final StructType SCHEMA = new StructType().add("art", DataTypes.DoubleType, true)
            .add("fem", DataTypes.StringType, true).add("mar", DataTypes.StringType, true)
            .add("kid5", DataTypes.DoubleType, true).add("phd", DataTypes.DoubleType, true)
            .add("ment", DataTypes.DoubleType, true).add("w", DataTypes.DoubleType, true);

    /** bioChemists' rows, then the weight 0.5 + (i mod 4) / 2 (count_pscl_weights.R's). */
    static List<Object[]> cells() {
        try {
            List<String> lines = Files.readAllLines(FIXTURES.resolve("biochemists.csv"));
            List<Object[]> out = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                out.add(new Object[] {Double.parseDouble(f[0]), f[1], f[2], Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), 0.5 + ((i - 1) % 4) / 2.0});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dataset<Row> frame(List<Object[]> cells, int partitions) {
        return SparkTestKit.cellsFrame(cells, SCHEMA, partitions);
    }

    private static Frame coreFrame(List<Object[]> cells) {
        return SparkTestKit.coreFrame(cells, SCHEMA);
    }

    /** A fit on Spark and its single-machine twin (fit, plain model, Vuong's test). */
    private record Case(String kind, String dist, String weights, String psclFixture) {
        CountRegression estimator() {
            CountRegression e = new CountRegression().setFormula(FORMULA).setKind(kind).setDist(dist);
            return weights == null ? e : e.setWeightCol(weights);
        }

        CountFit[] oneMachine(List<Object[]> cells) {
            CountFormula.Designs d = CountFormula.parse(FORMULA).designs(coreFrame(cells),
                    DesignSpec.DEFAULTS.withWeights(weights));
            double[] w = weights == null ? null : d.countDesign().weights();
            CountDistribution distribution = CountDistribution.byName(dist);
            CountFit fit = new CountEstimator(CountModelKind.valueOf(kind.toUpperCase(Locale.ROOT)), distribution,
                    CountOptions.DEFAULTS).fit(d.y(), d.x(), d.countTerms(), d.z(), d.zeroTerms(), w);
            CountFit plain = new CountEstimator(CountModelKind.PLAIN, distribution, CountOptions.DEFAULTS).fit(d.y(),
                    d.x(), d.countTerms(), null, List.of(), w);
            return new CountFit[] {fit, plain};
        }
    }

    /** The weighted hurdle fit over 2 partitions, which two tests read: fitted once. */
    private static final Case WEIGHTED_HURDLE = new Case("hurdle", "poisson", "w", "hurdle_poisson_weights");
    private static SparkTestKit.Counted<CountRegressionModel> weightedHurdle;

    private static synchronized SparkTestKit.Counted<CountRegressionModel> weightedHurdle() {
        if (weightedHurdle == null) {
            Dataset<Row> df = frame(cells(), 2);
            weightedHurdle = SparkTestKit.countJobs(() -> WEIGHTED_HURDLE.estimator().fit(df));
        }
        return weightedHurdle;
    }

    @Test
    void sameAnswerAsOneMachineAndPscl() throws IOException {
        List<Object[]> cells = cells();
        List<Case> cases = List.of(new Case("zeroinfl", "negbin", null, "zeroinfl_negbin_biochemists"),
                WEIGHTED_HURDLE);
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            int partitions = c % 2 == 0 ? 3 : 2;
            String what = k + " over " + partitions + " partitions: ";
            SparkTestKit.Counted<CountRegressionModel> counted = k.equals(WEIGHTED_HURDLE) ? weightedHurdle()
                    : SparkTestKit.countJobs(() -> k.estimator().fit(frame(cells, partitions)));
            CountRegressionModel model = counted.value();
            // reading 3, Vuong 2, one per Newton point (its Hessian's neighbours ride along), optimHess twice
            assertThat(counted.jobs()).as(what + "Spark jobs").isBetween(10, 45);
            CountFit spark = model.summary();
            CountFit[] one = k.oneMachine(cells);
            assertThat(spark.converged()).as(what + "converged").isTrue();
            assertThat(spark.iterations()).as(what + "Newton iterations").isEqualTo(one[0].iterations());
            assertThat(spark.rows()).isEqualTo(one[0].rows());
            assertThat(spark.countTerms()).isEqualTo(one[0].countTerms());
            assertThat(spark.zeroTerms()).isEqualTo(one[0].zeroTerms());
            close(what + "log-likelihood", spark.logLikelihood(), one[0].logLikelihood());
            close(what + "plain log-likelihood", model.plainSummary().logLikelihood(), one[1].logLikelihood());
            close(what + "count", spark.countCoefficients(), one[0].countCoefficients());
            close(what + "count SE", spark.countStandardErrors(), one[0].countStandardErrors());
            close(what + "zero", spark.zeroCoefficients(), one[0].zeroCoefficients());
            close(what + "zero SE", spark.zeroStandardErrors(), one[0].zeroStandardErrors());
            if (k.dist().equals("negbin")) {
                close(what + "log theta", spark.logTheta(), one[0].logTheta());
                close(what + "log theta SE", spark.logThetaStandardError(), one[0].logThetaStandardError());
            }
            VuongComparison v = VuongComparison.of(one[0].rowLogLikelihoods(), one[0].nCoefficients(),
                    one[1].rowLogLikelihoods(), one[1].nCoefficients());
            close(what + "Vuong", new double[] {model.vuong().raw(), model.vuong().aicCorrected(),
                model.vuong().bicCorrected()}, new double[] {v.raw(), v.aicCorrected(), v.bicCorrected()});
            assertThat(model.vuong().droppedRows()).isEqualTo(v.droppedRows());
            agreesWithPscl(what, spark, pscl(k.psclFixture()));
        }
    }

    /** pscl's fit from mlem-core's fixtures: the unweighted file, or the weighted fit of count_weights.json. */
    private static JsonNode pscl(String name) throws IOException {
        if (!name.endsWith("_weights")) {
            return ModelJson.mapper().readTree(FIXTURES.resolve(name + ".json").toFile());
        }
        for (JsonNode r : ModelJson.mapper().readTree(FIXTURES.resolve("count_weights.json").toFile()).get("fits")) {
            if ((r.get("model").asText() + "_" + r.get("dist").asText() + "_weights").equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no pscl fit " + name);
    }

    /** Estimates on the scale max(|estimate|, 1), and ℓ, within 1e-6 of pscl's (CountAgreesWithPsclTest's tier). */
    private static void agreesWithPscl(String what, CountFit fit, JsonNode r) {
        assertThat(fit.logLikelihood()).as(what + "pscl's log-likelihood")
                .isCloseTo(r.get("logLikelihood").asDouble(), within(PSCL * Math.abs(r.get("logLikelihood").asDouble())));
        JsonNode count = r.get("count").has("coefficients") ? r.get("count").get("coefficients") : r.get("count");
        JsonNode zero = r.get("zero").has("coefficients") ? r.get("zero").get("coefficients") : r.get("zero");
        List<String> terms = fit.countTerms();
        for (int j = 0; j < terms.size(); j++) {
            double e = count.get(terms.get(j)).asDouble();
            assertThat(fit.countCoefficients()[j]).as(what + "pscl's count " + terms.get(j))
                    .isCloseTo(e, within(PSCL * Math.max(1, Math.abs(e))));
        }
        for (int j = 0; j < fit.zeroTerms().size(); j++) {
            double e = zero.get(fit.zeroTerms().get(j)).asDouble();
            assertThat(fit.zeroCoefficients()[j]).as(what + "pscl's zero " + fit.zeroTerms().get(j))
                    .isCloseTo(e, within(PSCL * Math.max(1, Math.abs(e))));
        }
    }

    private static void close(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOL * Math.abs(expected)));
    }

    private static void close(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            close(what + " [" + j + "]", actual[j], expected[j]);
        }
    }

    /**
     * The saved {@code model.json} is {@code fit hurdle --weights w --out}'s file: the fields of
     * mlem-core's {@link CountJson} for the single machine's fit (numbers 1e-9, timings aside), read
     * by mlem-core's model-file reader ({@code mlem predict}, {@code score}); its predictions are
     * {@code transform}'s bit for bit and its weighted row scores sum to the fit's ℓ (1e-12).
     */
    @Test
    void savedModelIsTheClisFileAndPredictsAlike(@TempDir Path dir) throws Exception {
        List<Object[]> cells = cells();
        Dataset<Row> df = frame(cells, 2);
        Case k = WEIGHTED_HURDLE;
        CountRegressionModel model = weightedHurdle().value();
        String path = dir.resolve("hurdle").toString();
        model.write().save(path);
        JsonNode root = ModelJson.mapper().readTree(Files.readString(Path.of(path, "model.json")));
        CountFit[] one = k.oneMachine(cells);
        CountFormula.Designs d = CountFormula.parse(FORMULA).designs(coreFrame(cells), DesignSpec.DEFAULTS.withWeights("w"));
        ObjectNode cli = CountJson.of(one[0], one[1], VuongComparison.of(one[0].rowLogLikelihoods(),
                one[0].nCoefficients(), one[1].rowLogLikelihoods(), one[1].nCoefficients()), FORMULA,
                List.of("art", "fem", "mar", "kid5", "phd", "ment", "w"), 0, 0);
        cli.put("maxCount", (int) java.util.Arrays.stream(d.y()).max().orElse(0));
        GlmJson.extras(cli, null, null, levels());
        sameJson("model.json", root, cli);

        FittedCount file = (FittedCount) ModelKinds.read(root, "model.json");
        Frame rows = coreFrame(cells);
        double[] ll = file.logDensities(rows);
        double total = 0;
        for (int i = 0; i < ll.length; i++) {
            total += (Double) cells.get(i)[6] * ll[i];
        }
        assertThat(total).as("mlem score's weighted total").isCloseTo(model.summary().logLikelihood(),
                within(1e-12 * Math.abs(total)));
        Prediction p = file.predict(rows);
        double[] fit = p.columns().get(p.names().indexOf("fit"));
        double[] p0 = p.columns().get(p.names().indexOf("prob0"));
        List<Row> out = CountRegressionModel.load(path).setZeroProbabilityCol("p0").transform(df).select("prediction", "p0").collectAsList();
        assertThat(out).hasSize(cells.size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).getDouble(0)).as("row " + (i + 1) + " mean").isEqualTo(fit[i]);
            assertThat(out.get(i).getDouble(1)).as("row " + (i + 1) + " P(y = 0)").isEqualTo(p0[i]);
        }
    }

    /** The factors' levels as the CLI records them: the file's order of columns, levels sorted. */
    private static java.util.Map<String, List<String>> levels() {
        java.util.Map<String, List<String>> levels = new java.util.LinkedHashMap<>();
        levels.put("fem", List.of("Men", "Women"));
        levels.put("mar", List.of("Married", "Single"));
        return levels;
    }

    /** Equal trees, numbers within 1e-9 relative; the fit's timings (seconds) are the run's own. */
    private static void sameJson(String at, JsonNode actual, JsonNode expected) {
        if (expected.isNumber() && !expected.isIntegralNumber()) {
            assertThat(actual.isNumber()).as(at).isTrue();
            close(at, actual.asDouble(), expected.asDouble());
            return;
        }
        if (!expected.isObject()) {
            assertThat(actual).as(at).isEqualTo(expected);
            return;
        }
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        List<String> got = new ArrayList<>();
        actual.fieldNames().forEachRemaining(got::add);
        assertThat(got).as(at + " fields").isEqualTo(names);
        for (String n : names) {
            if (!n.toLowerCase(Locale.ROOT).contains("seconds")) {
                sameJson(at + "." + n, actual.get(n), expected.get(n));
            }
        }
    }

    /**
     * Bad rows stop the fit on the driver as on one machine: mlem-core's message (what {@code fit
     * zeroinfl|hurdle} prints after the file's line and column), the row in the Dataset's order
     * and the column named; rows spread over 3 partitions, the bad one in the second or third.
     */
    @Test
    void badRowsStopTheFitOnTheDriverAsOnOneMachine() {
        Case zip = new Case("zeroinfl", "poisson", null, null);
        List<Object[]> negative = cells();
        negative.get(599)[0] = -1.0;
        String core = message(() -> zip.oneMachine(negative));
        assertThat(core).startsWith("data row 600: the count -1 is not a whole number >= 0");
        assertThatThrownBy(() -> zip.estimator().fit(frame(negative, 3))).isInstanceOf(MlemUserException.class)
                .hasMessage(core.replace("data row 600: ", "row 600: response 'art': "));

        List<Object[]> fraction = cells();
        fraction.get(399)[0] = 2.5;
        Case hurdle = new Case("hurdle", "negbin", "w", null);
        String coreFraction = message(() -> hurdle.oneMachine(fraction));
        assertThatThrownBy(() -> hurdle.estimator().fit(frame(fraction, 3))).isInstanceOf(MlemUserException.class)
                .hasMessage(coreFraction.replace("data row 400: ", "row 400: response 'art': "))
                .hasMessageContaining("the count 2.5 is not a whole number");

        List<Object[]> weight = cells();
        weight.get(700)[6] = -1.0;
        assertThatThrownBy(() -> hurdle.estimator().fit(frame(weight, 3))).isInstanceOf(MlemUserException.class)
                .hasMessage(message(() -> hurdle.oneMachine(weight)).replace("data row 701: ", "row 701: weights 'w': "));

        List<Object[]> missing = cells();
        missing.get(650)[5] = null;
        assertThatThrownBy(() -> zip.estimator().fit(frame(missing, 3))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 651").hasMessageContaining("'ment'");

        List<Object[]> noZero = cells();
        noZero.forEach(r -> r[0] = (Double) r[0] + 1);
        assertThatThrownBy(() -> zip.estimator().fit(frame(noZero, 3))).isInstanceOf(MlemUserException.class)
                .hasMessage(message(() -> zip.oneMachine(noZero)));

        assertThatThrownBy(() -> zip.estimator().setDist("binomial").fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("use poisson or negbin");
        assertThatThrownBy(() -> zip.estimator().setFormula("art ~ fem | nope").fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("'nope'");
    }

    private static String message(Runnable fit) {
        return SparkTestKit.userMessage(fit);
    }
}
