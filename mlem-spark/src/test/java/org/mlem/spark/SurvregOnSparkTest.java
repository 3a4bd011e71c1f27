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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedSurvreg;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor.Prediction;
import org.mlem.survival.AftDistribution;
import org.mlem.survival.SurvivalFit;
import org.mlem.survival.SurvivalFormula;

/**
 * {@link Survreg} (survreg and Tobit) on Spark against the single machine's fit
 * ({@link SurvivalFormula#survreg} / {@link SurvivalFormula#tobit} on the same rows, the code
 * {@code mlem fit survreg|tobit} runs): every coefficient, the scale, the log-likelihood and every
 * entry of the covariance within 1e-9 relative, the same censoring counts, over 2 and 3 partitions.
 * The start differs (normal equations summed over the partitions instead of one QR) and the sums
 * are merged in another order; both Newton runs stop at ℓ changes below 1e-13 relative, so the
 * estimates agree far below 1e-9. The saved {@code model.json} is read by mlem-core's model-file
 * reader ({@code mlem predict} and {@code score}): its predictions equal {@code transform}'s and its
 * row scores sum to the fit's ℓ. Bad rows stop the fit on the driver with the single machine's
 * message and the row in the Dataset's order.
 */
class SurvregOnSparkTest {
    private static final double TOL = 1e-9;
    private static final int N = 240;
    private static final StructType SCHEMA = new StructType().add("time", DataTypes.DoubleType, true)
            .add("status", DataTypes.IntegerType, true).add("x", DataTypes.DoubleType, true)
            .add("g", DataTypes.StringType, true).add("w", DataTypes.DoubleType, true)
            .add("y", DataTypes.DoubleType, true).add("code12", DataTypes.IntegerType, true);

    /**
     * Weibull times (log T = 1 + 0.5x + level effect + 0.7 × extreme-value noise), right-censored by
     * uniform times; whole-number weights; a Tobit response y censored at 0 and 3; survival's 1/2
     * codes with every row of the first third censored (code 1), so a partition alone could not tell
     * the coding.
     */
    static List<Object[]> cells() {
        SplittableRandom r = new SplittableRandom(16);
        String[] levels = {"b", "a", "c"};
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double x = r.nextDouble(-1.5, 1.5);
            int level = r.nextInt(3);
            double eta = 1 + 0.5 * x + 0.4 * level;
            double t = Math.exp(eta + 0.7 * Math.log(-Math.log(r.nextDouble())));
            double c = r.nextDouble(0.5, 12);
            int status = t <= c ? 1 : 0;
            double y = 1 + 0.8 * x - 0.5 * level + r.nextGaussian();
            int code12 = i < N / 3 ? 1 : 1 + status;
            out.add(new Object[] {Math.min(t, c), status, x, levels[level], 1.0 + r.nextInt(3),
                Math.max(0, Math.min(3, y)), code12});
        }
        return out;
    }

    private static Dataset<Row> frame(List<Object[]> cells, int partitions) {
        return SparkTestKit.cellsFrame(cells, SCHEMA, partitions);
    }

    private static Frame coreFrame(List<Object[]> cells) {
        return SparkTestKit.coreFrame(cells, SCHEMA);
    }

    /** A fit on Spark and its single-machine twin. */
    private record Case(String formula, String dist, String weights, boolean tobit) {
        Survreg estimator() {
            Survreg s = new Survreg().setFormula(formula).setDist(dist);
            if (weights != null) {
                s.setWeightCol(weights);
            }
            return tobit ? s.setTobit(0, 3) : s;
        }

        SurvivalFit oneMachine(List<Object[]> cells) {
            DesignSpec spec = DesignSpec.DEFAULTS.withWeights(weights);
            AftDistribution d = AftDistribution.byName(dist);
            return tobit ? SurvivalFormula.tobit(formula, coreFrame(cells), spec, 0, 3, d)
                    : SurvivalFormula.survreg(formula, coreFrame(cells), spec, d);
        }
    }

    @Test
    void sameAnswerAsOneMachine() {
        List<Object[]> cells = cells();
        Dataset<Row> three = frame(cells, 3);
        Dataset<Row> two = frame(cells, 2);
        List<Case> cases = List.of(new Case("Surv(time, status) ~ x + g", "weibull", "w", false),
                new Case("Surv(time, code12) ~ x", "lognormal", null, false),
                new Case("Surv(time, status) ~ x + g", "exponential", null, false),
                new Case("y ~ x + g", "gaussian", "w", true));
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            int partitions = c % 2 == 0 ? 3 : 2;
            SurvivalFit spark = k.estimator().fit(partitions == 3 ? three : two).summary();
            SurvivalFit one = k.oneMachine(cells);
            String what = k + " over " + partitions + " partitions: ";
            assertThat(spark.converged()).as(what + "converged").isTrue();
            assertThat(one.converged()).as(what + "converged on one machine").isTrue();
            assertThat(spark.names()).as(what + "terms").isEqualTo(one.names());
            assertThat(spark.censoring()).as(what + "censoring counts").isEqualTo(one.censoring());
            assertThat(spark.rows()).isEqualTo(one.rows());
            close(what + "log-likelihood", spark.logLikelihood(), one.logLikelihood());
            close(what + "scale", spark.scale(), one.scale());
            for (int j = 0; j < one.coefficients().length; j++) {
                close(what + one.names().get(j), spark.coefficients()[j], one.coefficients()[j]);
            }
            double[][] a = spark.covariance();
            double[][] b = one.covariance();
            for (int i = 0; i < b.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    assertThat(a[i][j]).as(what + "covariance " + i + "," + j)
                            .isCloseTo(b[i][j], within(TOL * Math.sqrt(Math.abs(b[i][i] * b[j][j]))));
                }
            }
        }
        // the 1/2 codes: every row of the first partition censored, yet read with the whole Dataset's coding
        assertThat(cases.get(1).oneMachine(cells).censoring()[0]).as("events under 2 = event").isPositive();
    }

    private static void close(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOL * Math.abs(expected)));
    }

    @Test
    void savedModelIsTheClisFileAndPredictsAlike(@TempDir Path dir) throws Exception {
        List<Object[]> cells = cells();
        Dataset<Row> df = frame(cells, 3);
        for (Case k : List.of(new Case("Surv(time, status) ~ x + g", "weibull", "w", false))) {
            SurvregModel model = k.estimator().setLinkPredictionCol("lp").fit(df);
            String path = dir.resolve("weibull").toString();
            model.write().save(path);
            JsonNode root = ModelJson.mapper().readTree(Files.readString(Path.of(path, "model.json")));
            FittedSurvreg file = (FittedSurvreg) ModelKinds.read(root, "model.json");
            Frame rows = coreFrame(cells);
            double total = 0;
            for (double v : file.logDensities(rows)) {
                total += v;
            }
            assertThat(total).as(k + ": mlem score's total of the saved file")
                    .isCloseTo(model.summary().logLikelihood(), within(1e-12 * Math.abs(total)));
            Prediction p = file.predict(rows);
            double[] fit = p.columns().get(p.names().indexOf("fit"));
            double[] lp = p.columns().get(p.names().indexOf("lp"));
            List<Row> out = SurvregModel.load(path).setLinkPredictionCol("lp").transform(df)
                    .select("prediction", "lp").collectAsList();
            assertThat(out).hasSize(N);
            for (int i = 0; i < N; i++) {
                assertThat(out.get(i).getDouble(0)).as(k + " row " + (i + 1)).isEqualTo(fit[i]);
                assertThat(out.get(i).getDouble(1)).as(k + " row " + (i + 1)).isEqualTo(lp[i]);
            }
        }
    }

    @Test
    void badRowsStopTheFitOnTheDriverAsOnOneMachine() {
        List<Object[]> badCode = cells();
        badCode.get(199)[1] = 3; // row 200, in the last of three partitions
        Case weibull = new Case("Surv(time, status) ~ x + g", "weibull", null, false);
        String expected = message(() -> weibull.oneMachine(badCode));
        assertThat(expected).startsWith("row 200: ");
        assertThatThrownBy(() -> weibull.estimator().fit(frame(badCode, 3)))
                .isInstanceOf(MlemUserException.class).hasMessage(expected);

        List<Object[]> negative = cells();
        negative.get(120)[0] = -1.0; // row 121, a time the log-time distributions cannot take
        String expectedTime = message(() -> weibull.oneMachine(negative));
        assertThat(expectedTime).startsWith("row 121: ").contains("positive times");
        assertThatThrownBy(() -> weibull.estimator().fit(frame(negative, 3)))
                .isInstanceOf(MlemUserException.class).hasMessage(expectedTime);

        assertThatThrownBy(() -> new Survreg().setFormula("time ~ x").fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("Surv(time, event) ~ terms");
    }

    private static String message(Runnable fit) {
        return SparkTestKit.userMessage(fit);
    }
}
