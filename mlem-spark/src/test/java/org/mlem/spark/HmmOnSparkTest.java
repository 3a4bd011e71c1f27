package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.MixtureFit;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.SequenceData;
import org.mlem.io.HmmJson;
import org.mlem.io.ModelJson;
import org.mlem.model.ModelKinds;

/**
 * Hidden Markov models on Spark against mlem-core's single-machine Baum–Welch ({@code mlem fit hmm})
 * on the same sequences sorted by id then position: the oracle; tolerance 1e-9 relative (the design
 * gives the same bits, and from a given start that is asserted exactly too). Rows arrive shuffled, so
 * every sequence is split across partitions and must be regrouped.
 */
class HmmOnSparkTest {
    private static final String WEATHER = "{\"model\": \"hmm\", \"states\": 2, \"emission\": \"gaussian\","
            + " \"startProbabilities\": [0.5, 0.5], \"transitionMatrix\": [[0.95, 0.05], [0.1, 0.9]],"
            + " \"emissions\": [{\"mean\": 10, \"sd\": 2}, {\"mean\": 18, \"sd\": 3}]}";
    private static final String DIAG = "{\"model\": \"hmm\", \"states\": 2, \"emission\": \"gaussian\","
            + " \"covariance\": \"diag\", \"startProbabilities\": [0.6, 0.4], \"transitionMatrix\": [[0.9, 0.1], [0.2, 0.8]],"
            + " \"emissions\": [{\"means\": [0, 0], \"covariances\": [[1, 0], [0, 1]]},"
            + " {\"means\": [3, 1], \"covariances\": [[2, 0], [0, 0.5]]}]}";
    private static final String POISSON = "{\"model\": \"hmm\", \"states\": 2, \"emission\": \"poisson\","
            + " \"startProbabilities\": [0.5, 0.5], \"transitionMatrix\": [[0.8, 0.2], [0.3, 0.7]],"
            + " \"emissions\": [{\"lambda\": 2}, {\"lambda\": 9}]}";
    private static final String CATEGORICAL = "{\"model\": \"hmm\", \"states\": 2, \"emission\": \"categorical\","
            + " \"startProbabilities\": [0.5, 0.5], \"transitionMatrix\": [[0.85, 0.15], [0.25, 0.75]],"
            + " \"emissions\": [{\"prob\": [0.7, 0.2, 0.1]}, {\"prob\": [0.1, 0.3, 0.6]}]}";

    private static final StructType SCHEMA = new StructType().add("sequence", DataTypes.LongType, true)
            .add("t", DataTypes.DoubleType, true).add("features", new VectorUDT(), true);

    static org.mlem.hmm.HiddenMarkovModel model(String json) {
        try {
            return HmmJson.from(ModelJson.mapper().readTree(json), "test").model();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code n} sequences of {@code length} steps drawn from {@code truth}, in id order. */
    static SequenceData draw(org.mlem.hmm.HiddenMarkovModel truth, int n, int length, long seed) {
        int[] lengths = new int[n];
        java.util.Arrays.fill(lengths, length);
        SequenceData s = truth.sample(lengths, seed).sequences();
        DataMatrix x = s.matrix();
        return SequenceData.of(DataMatrix.of(x.values(), x.rows(), x.cols(), DataMatrix.defaultNames(x.cols())), lengths);
    }

    /** The sequences' rows (id = sequence index, t = step) shuffled, in {@code partitions} slices. */
    static Dataset<Row> shuffled(SequenceData data, int partitions, long seed) {
        return shuffled(SparkTestKit.spark(), data, partitions, seed);
    }

    /** As {@link #shuffled(SequenceData, int, long)}, in a given session (a standalone cluster's). */
    static Dataset<Row> shuffled(SparkSession session, SequenceData data, int partitions, long seed) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < data.sequences(); s++) {
            for (int t = 0; t < data.length(s); t++) {
                rows.add(RowFactory.create((long) s, (double) t, Vectors.dense(data.matrix().row(data.sequenceStart(s) + t))));
            }
        }
        Collections.shuffle(rows, new Random(seed));
        return SparkTestKit.frame(session, rows, SCHEMA, partitions);
    }

    static double[] params(org.mlem.hmm.HiddenMarkovModel m) {
        double[] e = m.emissions().toVector();
        double[] v = new double[m.states() + m.states() * m.states() + e.length];
        System.arraycopy(m.startProbabilities(), 0, v, 0, m.states());
        System.arraycopy(SparkTestKit.flatten(m.transitionMatrix()), 0, v, m.states(), m.states() * m.states());
        System.arraycopy(e, 0, v, m.states() * (m.states() + 1), e.length);
        return v;
    }

    private static HiddenMarkov estimator() {
        return new HiddenMarkov().setSequenceCol("sequence").setOrderCol("t");
    }

    /** mlem-core's fit from {@code start} with {@code maxIter}: fit hmm --init FILE.json. */
    private static MixtureFit<org.mlem.hmm.HiddenMarkovModel> single(SequenceData data,
            org.mlem.hmm.HiddenMarkovModel start, int maxIter, Acceleration acceleration) {
        return HiddenMarkovEstimator.of(start.states(), start.emissions().spec()).withInit(new HmmInit.Given(start))
                .withEm(HiddenMarkovEstimator.DEFAULT_EM.withMaxIterations(maxIter).withAcceleration(acceleration))
                .fit(data, 0);
    }

    /**
     * {@link ClusterIT}'s case: Poisson emissions from a given start, 6 plain EM iterations, 20
     * sequences of 50 steps shuffled over {@code partitions}, against {@code fit hmm --init}'s fit.
     */
    static ClusterCase clusterCase(int partitions) {
        org.mlem.hmm.HiddenMarkovModel truth = model(POISSON);
        SequenceData data = draw(truth, 20, 50, 3);
        return new ClusterCase("hmm poisson, given start, 6 plain EM iterations, " + partitions + " partitions",
                s -> ClusterCase.Answer.of(estimator().setInitialModel(truth).setMaxIter(6).setAcceleration("none")
                        .fit(shuffled(s, data, partitions, 5)).summary(), m -> List.of(params(m))),
                () -> ClusterCase.Answer.of(single(data, truth, 6, Acceleration.NONE), m -> List.of(params(m))));
    }

    @Test
    void fromAGivenStartTheFitIsTheSingleMachineFitForThreeAndSevenPartitions() {
        org.mlem.hmm.HiddenMarkovModel truth = model(WEATHER);
        SequenceData data = draw(truth, 100, 100, 1); // 10 000 rows: 5 blocks of 21 sequences, 2 groups
        MixtureFit<org.mlem.hmm.HiddenMarkovModel> one = single(data, truth, 6, Acceleration.NONE);
        double[] first = null;
        // one partition, nothing to regroup across partitions, left out for CI time
        for (int partitions : new int[] {3, 7}) {
            HiddenMarkovModel m = estimator().setInitialModel(truth).setMaxIter(6).setAcceleration("none")
                    .fit(shuffled(data, partitions, 5));
            assertThat(SparkTestKit.relativeError(params(m.model()), params(one.model()))).isLessThanOrEqualTo(1e-9);
            // the groups' statistics are folded as on one machine: the same bits, asserted exactly
            assertThat(params(m.model())).containsExactly(params(one.model()));
            assertThat(m.summary().logLikelihood()).isCloseTo(one.logLikelihood(), org.assertj.core.data.Offset.offset(
                    1e-9 * Math.abs(one.logLikelihood())));
            assertThat(m.summary().iterations()).isEqualTo(one.iterations());
            if (first == null) {
                first = params(m.model());
            } else {
                assertThat(params(m.model())).containsExactly(first);
            }
        }
    }

    @Test
    void fromTheDefaultSeededStartsTheFitIsFitHmmsOnTheSortedRows() {
        org.mlem.hmm.HiddenMarkovModel truth = model(DIAG);
        SequenceData data = draw(truth, 40, 100, 2);
        // 8 iterations a start: the starts and the fit from them are compared, not how far EM goes (CI time)
        MixtureFit<org.mlem.hmm.HiddenMarkovModel> one = HiddenMarkovEstimator.of(2, truth.emissions().spec())
                .withEm(HiddenMarkovEstimator.DEFAULT_EM.withMaxIterations(8).withRestarts(2)).fit(data, 7);
        HiddenMarkovModel m = estimator().setStates(2).setEmission("gaussian").setCovariance("diag").setMaxIter(8)
                .setNInit(2).setSeed(7).fit(shuffled(data, 3, 6));
        assertThat(SparkTestKit.relativeError(params(m.model()), params(one.model()))).isLessThanOrEqualTo(1e-9);
        assertThat(m.summary().startLogLikelihoods()).hasSize(2);
        assertThat(SparkTestKit.relativeError(m.summary().startLogLikelihoods(), one.startLogLikelihoods()))
                .isLessThanOrEqualTo(1e-9);

        // above initSampleRows the starts are drawn on whole sequences sampled by rank: the same for any
        // partitioning (two EM iterations from them carry any difference in the start; CI time)
        HiddenMarkov sampled = estimator().setStates(2).setEmission("gaussian").setCovariance("diag").setMaxIter(2)
                .setNInit(1).setSeed(7).setInitSampleRows(1000);
        double[] fromOne = params(sampled.fit(shuffled(data, 1, 6)).model());
        assertThat(params(sampled.fit(shuffled(data, 3, 8)).model())).containsExactly(fromOne);
    }

    @Test
    void poissonAndCategoricalEmissionsGiveTheSingleMachineFit() {
        for (String json : new String[] {POISSON, CATEGORICAL}) {
            org.mlem.hmm.HiddenMarkovModel truth = model(json);
            SequenceData data = draw(truth, 30, 60, 3);
            MixtureFit<org.mlem.hmm.HiddenMarkovModel> one = single(data, truth, 10, Acceleration.SQUAREM);
            HiddenMarkovModel m = estimator().setStates(2).setEmission(truth.emissions().spec().name()).setMaxIter(10)
                    .setInitialModel(truth).fit(shuffled(data, 3, 7));
            assertThat(SparkTestKit.relativeError(params(m.model()), params(one.model()))).as(json)
                    .isLessThanOrEqualTo(1e-9);
        }
    }

    @Test
    void theModelFileIsFitHmmsAndTransformDecodesEachWholeSequence(@TempDir Path dir) throws Exception {
        org.mlem.hmm.HiddenMarkovModel truth = model(WEATHER);
        SequenceData data = draw(truth, 6, 40, 4);
        // the file and the decoding do not depend on how far EM went: 2 iterations (CI time)
        HiddenMarkovModel m = estimator().setStates(2).setEmission("gaussian").setMaxIter(2).setNInit(1)
                .fit(shuffled(data, 3, 8));
        String path = dir.resolve("hmm").toString();
        m.write().save(path);
        JsonNode file = ModelJson.mapper().readTree(Files.readString(dir.resolve("hmm").resolve(HiddenMarkovModel.MODEL_FILE)));
        assertThat(file.get("model").asText()).isEqualTo("hmm");
        assertThat(file.get("sequences").asInt()).isEqualTo(6);
        assertThat(file.get("sequenceColumn").asText()).isEqualTo("sequence");
        assertThat(file.get("n").asInt()).isEqualTo(240);
        assertThat(ModelKinds.read(file, "model.json").kind()).isEqualTo("hmm");
        // the file holds standard deviations: squared back, variances agree to rounding
        assertThat(SparkTestKit.relativeError(params(HmmJson.from(file, "model.json").model()), params(m.model())))
                .isLessThanOrEqualTo(1e-14);
        HiddenMarkovModel loaded = HiddenMarkovModel.load(path);
        assertThat(loaded.modelFile()).isEqualTo(m.modelFile());
        assertThat(loaded.getOrderCol()).isEqualTo("t");

        List<Row> out = loaded.transform(shuffled(data, 3, 9)).collectAsList();
        assertThat(out).hasSize(240);
        Map<Long, double[][]> posteriors = new HashMap<>();
        Map<Long, int[]> paths = new HashMap<>();
        for (int s = 0; s < data.sequences(); s++) {
            DataMatrix rows = DataMatrix.of(java.util.Arrays.copyOfRange(data.matrix().values(), data.sequenceStart(s),
                    data.sequenceStart(s) + data.length(s)), data.length(s), 1, null);
            posteriors.put((long) s, m.model().posteriors(SequenceData.single(rows)));
            paths.put((long) s, m.model().viterbi(SequenceData.single(rows)).states());
        }
        for (Row r : out) {
            int t = (int) r.getDouble(1);
            double[] p = ((Vector) r.getAs("probability")).toArray();
            assertThat(p).containsExactly(posteriors.get(r.getLong(0))[t], org.assertj.core.data.Offset.offset(1e-12));
            assertThat((int) r.getAs("prediction")).isEqualTo(p[0] >= p[1] ? 0 : 1);
            assertThat((int) r.getAs("viterbi")).isEqualTo(paths.get(r.getLong(0))[t]);
        }
    }

    private static Dataset<Row> rows(Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r[0], r[1], r[2] == null ? null : Vectors.dense((double[]) r[2])));
        }
        return SparkTestKit.frame(list, SCHEMA, 2);
    }

    @Test
    void badRowsAreOneLineErrorsOnTheDriverNamingRowAndColumn() {
        Object[] a = {1L, 0.0, new double[] {1}};
        Object[] b = {1L, 1.0, new double[] {2}};
        Object[] c = {2L, 0.0, new double[] {0}};
        HiddenMarkov cat = estimator().setStates(2).setEmission("categorical");
        assertThatThrownBy(() -> cat.fit(rows(a, b, new Object[] {null, 1.0, new double[] {1}}, c)))
                .isInstanceOf(MlemUserException.class)
                .hasMessage("row 3, column 'sequence' is missing; every row needs its sequence's id");
        assertThatThrownBy(() -> cat.fit(rows(a, b, c, new Object[] {2L, 1.0, new double[] {1.5}})))
                .isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 4, column 'features' holds [1.5]: 1.5 is not a category code; ");
        assertThatThrownBy(() -> cat.fit(rows(a, b, c, new Object[] {1L, 1.0, new double[] {0}})))
                .isInstanceOf(MlemUserException.class)
                .hasMessage("row 4, column 't' repeats position 1.0 of sequence '1' (row 2 has it too); give each step"
                        + " of a sequence its own position");
        assertThatThrownBy(() -> cat.fit(rows(a, b, c, new Object[] {2L, null, new double[] {1}})))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("row 4, column 't' is missing");
        assertThatThrownBy(() -> cat.setSequenceCol("t").fit(rows(a, b, c)))
                .isInstanceOf(MlemUserException.class)
                .hasMessage("sequence id column 't' has type double; it must hold whole numbers or strings");
    }
}
