package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Coefficient;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.Link;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedGlm;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor.Prediction;

/**
 * {@link Glm} on Spark against the single-machine fit ({@link GlmEstimator#fit} on the same rows,
 * the code {@code mlem fit glm} runs, with the CLI's sorted factor levels) for 1, 3 and 7
 * partitions: every coefficient, standard error and p-value, the deviance, null deviance,
 * dispersion, AIC and the iteration count, to 1e-9 relative. Bad rows are named in the Dataset's
 * order; the saved {@code model.json} is read by the CLI's model reader and predicts alike.
 */
class GlmOnSparkTest {
    private static final double TOL = 1e-9;
    private static final int N = 240;
    static final StructType SCHEMA = new StructType().add("y", DataTypes.DoubleType, true)
            .add("x", DataTypes.DoubleType, true).add("g", DataTypes.StringType, true)
            .add("count", DataTypes.IntegerType, true).add("prop", DataTypes.DoubleType, true)
            .add("w", DataTypes.DoubleType, true).add("exposure", DataTypes.DoubleType, true);

    /** Rows of one seed; {@code edit} may change a row (1-based index, the row's cells) before it is made. */
    static List<Object[]> cells() {
        SplittableRandom r = new SplittableRandom(7);
        String[] levels = {"north", "east", "south", "west"};
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double x = r.nextDouble(-2, 2);
            String g = levels[r.nextInt(4)];
            double exposure = Math.log(r.nextDouble(0.5, 3));
            double w = 1 + r.nextInt(5);
            double y = 0.5 - 1.5 * x + g.length() * 0.3 + r.nextGaussian();
            int count = (int) Math.floor(Math.exp(0.2 + 0.4 * x + exposure) * r.nextDouble(0, 2));
            double prop = r.nextInt((int) w + 1) / w;
            out.add(new Object[] {y, x, g, count, prop, w, exposure});
        }
        return out;
    }

    static Dataset<Row> frame(SparkSession session, List<Object[]> cells, int partitions) {
        List<Row> rows = cells.stream().map(RowFactory::create).toList();
        return SparkTestKit.frame(session, rows, SCHEMA, partitions);
    }

    private static Dataset<Row> frame(List<Object[]> cells, int partitions) {
        return frame(SparkTestKit.spark(), cells, partitions);
    }

    private static Frame coreFrame(List<Object[]> cells) {
        return SparkTestKit.coreFrame(cells, SCHEMA);
    }

    record Case(String formula, String family, String link, String weights, String offset) {
    }

    static final List<Case> CASES = List.of(
            new Case("y ~ x * g", "gaussian", null, "w", null),
            new Case("count ~ x + g", "poisson", null, null, "exposure"),
            new Case("prop ~ x + g", "binomial", "probit", "w", null),
            new Case("count ~ g + offset(exposure) - 1", "negbin:2", null, null, null));

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 7})
    void sameAnswerAsOneMachine(int partitions) {
        List<Object[]> cells = cells();
        Dataset<Row> df = frame(SparkTestKit.spark(), cells, partitions);
        for (Case c : CASES) {
            GlmFit spark = onSpark(c, df);
            GlmFit one = onOneMachine(c, cells);
            String what = c.formula() + " " + c.family() + " over " + partitions + " partitions: ";
            assertThat(spark.iterations()).as(what + "iterations").isEqualTo(one.iterations());
            assertThat(spark.coefficients()).hasSameSizeAs(one.coefficients());
            for (int j = 0; j < one.coefficients().size(); j++) {
                Coefficient a = one.coefficients().get(j);
                Coefficient b = spark.coefficients().get(j);
                assertThat(b.term()).as(what + "term order").isEqualTo(a.term());
                close(what + a.term(), b.estimate(), a.estimate());
                close(what + "se " + a.term(), b.standardError(), a.standardError());
                close(what + "p " + a.term(), b.pValue(), a.pValue());
            }
            close(what + "deviance", spark.deviance(), one.deviance());
            close(what + "null deviance", spark.nullDeviance(), one.nullDeviance());
            close(what + "dispersion", spark.dispersion(), one.dispersion());
            close(what + "aic", spark.aic(), one.aic());
            assertThat(spark.dfResidual()).isEqualTo(one.dfResidual());
            assertThat(spark.rows()).isEqualTo(N);
        }
    }

    /** {@code c} fitted by {@link Glm}. */
    static GlmFit onSpark(Case c, Dataset<Row> df) {
        Glm glm = new Glm().setFormula(c.formula()).setFamily(c.family());
        if (c.link() != null) {
            glm.setLink(c.link());
        }
        if (c.weights() != null) {
            glm.setWeightCol(c.weights());
        }
        if (c.offset() != null) {
            glm.setOffsetCol(c.offset());
        }
        return glm.fit(df).summary();
    }

    /** {@code c} fitted on one machine, as {@code mlem fit glm} fits it (levels sorted). */
    static GlmFit onOneMachine(Case c, List<Object[]> cells) {
        DesignSpec spec = DesignSpec.DEFAULTS.withWeights(c.weights()).withOffset(c.offset());
        return new GlmEstimator(Family.byName(c.family()), c.link() == null ? null : Link.byName(c.link()), null)
                .fit(Design.build(c.formula(), coreFrame(cells), spec));
    }

    /** Coefficients then standard errors; deviance, null deviance and AIC as the "trace"; iterations. */
    static ClusterCase.Answer answer(GlmFit f) {
        double[] b = f.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
        double[] se = f.coefficients().stream().mapToDouble(Coefficient::standardError).toArray();
        return new ClusterCase.Answer(List.of(b, se), new double[] {f.deviance(), f.nullDeviance(), f.aic()},
                f.iterations());
    }

    private static void close(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOL * Math.abs(expected)));
    }

    @Test
    void badRowsAreNamedInTheDatasetsOrder() {
        List<Object[]> cells = cells();
        cells.get(172)[1] = null;
        assertThatThrownBy(() -> new Glm().setFormula("y ~ x + g").fit(frame(cells, 3)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 173").hasMessageContaining("'x'");
        List<Object[]> weights = cells();
        weights.get(95)[5] = -1.0;
        assertThatThrownBy(() -> new Glm().setFormula("y ~ x").setWeightCol("w").fit(frame(weights, 7)))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("row 96: prior weight -1.0");
        List<Object[]> counts = cells();
        counts.get(200)[3] = -2;
        assertThatThrownBy(() -> new Glm().setFormula("count ~ x").setFamily("poisson").fit(frame(counts, 3)))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("row 201: response 'count' is -2.0");
        assertThatThrownBy(() -> new Glm().setFormula("y ~ nope").fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> new Glm().setFormula("y ~ poly(x, 2)").fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("raw = TRUE");
        assertThatThrownBy(() -> new Glm().setFormula("y ~ x").setFamily("poisson").setLink("logit")
                .fit(frame(cells(), 2))).isInstanceOf(MlemUserException.class).hasMessageContaining("logit");
    }

    /** The saved model.json is a CLI model file: the CLI's reader predicts what transform appends. */
    @Test
    void savedModelIsTheClisFileAndPredictsAlike(@TempDir Path dir) throws Exception {
        List<Object[]> cells = cells();
        Dataset<Row> df = frame(cells, 3);
        GlmModel m = new Glm().setFormula("count ~ x + g").setFamily("poisson").setOffsetCol("exposure")
                .setLinkPredictionCol("eta").fit(df);
        String path = dir.resolve("glm").toString();
        m.write().overwrite().save(path);
        JsonNode root = ModelJson.mapper().readTree(Files.readString(dir.resolve("glm").resolve("model.json")));
        FittedGlm cli = (FittedGlm) ModelKinds.read(root, "model.json");
        assertThat(root.path("levels").path("g").toString()).isEqualTo("[\"east\",\"north\",\"south\",\"west\"]");
        Prediction p = cli.predict(coreFrame(cells));
        double[] expected = p.columns().get(p.names().indexOf("fit"));
        GlmModel loaded = GlmModel.load(path);
        List<Row> out = loaded.setLinkPredictionCol("eta").transform(df).select("prediction", "eta").collectAsList();
        for (int i = 0; i < N; i++) {
            assertThat(out.get(i).getDouble(0)).isCloseTo(expected[i], within(1e-12 * expected[i]));
            assertThat(Math.exp(out.get(i).getDouble(1))).isCloseTo(expected[i], within(1e-12 * expected[i]));
        }
        assertThat(loaded.getFormula()).isEqualTo("count ~ x + g");
        assertThat(root.path("coefficients").path("x").asDouble())
                .isEqualTo(m.summary().coefficient("x").estimate());
    }
}
