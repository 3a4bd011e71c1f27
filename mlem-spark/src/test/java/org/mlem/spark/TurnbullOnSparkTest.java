package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.io.FitJson;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedTurnbull;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor.Prediction;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.Turnbull;

/**
 * {@link TurnbullFit} against the single machine's estimate ({@link Turnbull#fit(CensoredSample,
 * double, int)} on the same rows, the code {@code mlem fit turnbull} runs): the same innermost
 * intervals, masses within {@value #TOL} (they sum to 1) and ℓ within {@value #TOL} relative,
 * unweighted over 3 partitions and with weights 0.5, 1, 1.5, 2 in turn over 2. Second oracle: the
 * NPMLE of tools/reference/turnbull.R (mlem-core's fixture {@code fixtures/survival/turnbull.json},
 * an independent self-consistency run to 1e-15), masses and ℓ to 1e-8. Data: fitdistrplus's
 * salinity (108 rows) and smokedfish (103).
 */
class TurnbullOnSparkTest {
    private static final double TOL = 1e-8;
    private static final StructType SCHEMA = new StructType().add("lo", DataTypes.DoubleType, true)
            .add("hi", DataTypes.DoubleType, true).add("w", DataTypes.DoubleType, true);

    private static JsonNode reference(String dataset) throws IOException {
        for (JsonNode e : ModelJson.mapper().readTree(
                Path.of("../mlem-core/src/test/resources/fixtures/survival/turnbull.json").toFile())) {
            if (e.get("dataset").asText().equals(dataset)) {
                return e;
            }
        }
        throw new AssertionError(dataset);
    }

    /** The rows (null for an open end) and the weight 0.5 + (i mod 4) / 2. */
    private static List<Object[]> cells(JsonNode ref) {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < ref.get("left").size(); i++) {
            JsonNode l = ref.get("left").get(i);
            JsonNode r = ref.get("right").get(i);
            out.add(new Object[] {l.isNull() ? null : l.asDouble(), r.isNull() ? null : r.asDouble(), 0.5 + (i % 4) / 2.0});
        }
        return out;
    }

    private static Turnbull.Fit oneMachine(List<Object[]> cells, boolean weighted) {
        double[] lo = cells.stream().mapToDouble(c -> c[0] == null ? Double.NaN : (Double) c[0]).toArray();
        double[] hi = cells.stream().mapToDouble(c -> c[1] == null ? Double.NaN : (Double) c[1]).toArray();
        double[] w = weighted ? cells.stream().mapToDouble(c -> (Double) c[2]).toArray() : null;
        return Turnbull.fit(CensoredSample.ofIntervals(lo, hi, w), Turnbull.DEFAULT_TOLERANCE,
                Turnbull.DEFAULT_MAX_ITERATIONS);
    }

    @Test
    void sameAnswerAsOneMachineAndTheReference() throws IOException {
        for (String dataset : List.of("salinity", "smokedfish")) {
            JsonNode ref = reference(dataset);
            List<Object[]> cells = cells(ref);
            for (boolean weighted : List.of(false, true)) {
                int partitions = weighted ? 2 : 3;
                String what = dataset + (weighted ? " weighted" : "") + " over " + partitions + " partitions: ";
                TurnbullFit est = new TurnbullFit().setInterval("lo", "hi");
                Dataset<Row> df = SparkTestKit.cellsFrame(cells, SCHEMA, partitions);
                SparkTestKit.Counted<TurnbullModel> counted = SparkTestKit.countJobs(
                        () -> (weighted ? est.setWeightCol("w") : est).fit(df));
                Turnbull.Fit spark = counted.value().summary();
                assertThat(counted.jobs()).as(what + "Spark jobs: reading, checking, the ends, the runs").isEqualTo(4);
                Turnbull.Fit one = oneMachine(cells, weighted);
                assertThat(spark.converged()).as(what + "converged").isTrue();
                assertThat(spark.lower()).as(what + "lower ends").containsExactly(one.lower());
                assertThat(spark.upper()).as(what + "upper ends").containsExactly(one.upper());
                for (int j = 0; j < one.mass().length; j++) {
                    assertThat(spark.mass()[j]).as(what + "mass " + j).isCloseTo(one.mass()[j], within(TOL));
                }
                assertThat(spark.logLikelihood()).as(what + "log-likelihood")
                        .isCloseTo(one.logLikelihood(), within(TOL * Math.abs(one.logLikelihood())));
                if (!weighted) {
                    for (int j = 0; j < one.mass().length; j++) {
                        assertThat(spark.mass()[j]).as(what + "turnbull.R's mass " + j)
                                .isCloseTo(ref.get("mass").get(j).asDouble(), within(TOL));
                    }
                    assertThat(spark.logLikelihood()).as(what + "turnbull.R's log-likelihood")
                            .isCloseTo(ref.get("loglik").asDouble(), within(TOL));
                }
            }
        }
    }

    /**
     * The saved {@code model.json} is {@code fit turnbull --out}'s file (mlem-core's
     * {@link FitJson#turnbull}: the same fields), read by mlem-core's model-file reader; its
     * predictions at the column {@code time} are {@code transform}'s, bit for bit.
     */
    @Test
    void savedModelIsTheClisFileAndPredictsAlike(@TempDir Path dir) throws Exception {
        List<Object[]> cells = cells(reference("salinity"));
        TurnbullModel model = new TurnbullFit().setInterval("lo", "hi").setCdfCol("F")
                .fit(SparkTestKit.cellsFrame(cells, SCHEMA, 3));
        String path = dir.resolve("turnbull").toString();
        model.write().save(path);
        JsonNode root = ModelJson.mapper().readTree(Files.readString(Path.of(path, "model.json")));
        JsonNode cli = FitJson.turnbull(oneMachine(cells, false), cells.size(), List.of("lo", "hi"), 0, 0);
        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>();
        cli.fieldNames().forEachRemaining(expected::add);
        assertThat(fields).isEqualTo(expected);
        assertThat(root.get("intervals").size()).isEqualTo(cli.get("intervals").size());
        FittedTurnbull file = (FittedTurnbull) ModelKinds.read(root, "model.json");

        StructType times = new StructType().add("time", DataTypes.DoubleType, false);
        List<Object[]> t = new ArrayList<>();
        for (double v = 0; v <= 40; v += 0.5) {
            t.add(new Object[] {v});
        }
        Prediction p = file.predict(SparkTestKit.coreFrame(t, times));
        List<Row> out = TurnbullModel.load(path).setCdfCol("F").transform(SparkTestKit.cellsFrame(t, times, 2))
                .select("survival", "F").collectAsList();
        for (int i = 0; i < t.size(); i++) {
            assertThat(out.get(i).getDouble(0)).as("S(" + t.get(i)[0] + ")")
                    .isEqualTo(p.columns().get(p.names().indexOf("survival"))[i]);
            assertThat(out.get(i).getDouble(1)).as("F(" + t.get(i)[0] + ")")
                    .isEqualTo(p.columns().get(p.names().indexOf("cdf"))[i]);
        }
    }

    /** Bad rows stop the fit on the driver naming the Dataset's row and the columns, as on one machine. */
    @Test
    void badRowsStopTheFitOnTheDriver() throws IOException {
        List<Object[]> reversed = cells(reference("smokedfish"));
        reversed.set(80, new Object[] {5.0, 1.0, 1.0});
        String problem = null;
        try {
            CensoredSample.ofIntervals(new double[] {5}, new double[] {1}, null);
        } catch (org.mlem.survival.RowException e) {
            problem = e.problem(); // the single machine's words for the row
        }
        assertThat(problem).contains("exceeds");
        assertThatThrownBy(() -> new TurnbullFit().setInterval("lo", "hi").fit(SparkTestKit.cellsFrame(reversed, SCHEMA,
                3))).isInstanceOf(MlemUserException.class).hasMessage("row 81, columns 'lo' and 'hi': " + problem);
        List<Object[]> weight = cells(reference("smokedfish"));
        weight.get(40)[2] = -1.0;
        assertThatThrownBy(() -> new TurnbullFit().setInterval("lo", "hi").setWeightCol("w")
                .fit(SparkTestKit.cellsFrame(weight, SCHEMA, 3))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 41").hasMessageContaining("'w'");
        assertThatThrownBy(() -> new TurnbullFit().fit(SparkTestKit.cellsFrame(weight, SCHEMA, 3)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("setInterval");
    }
}
