package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.hmm.SequenceData;

/**
 * Every kind in {@link ModelKinds#ALL} against its fixture ({@code fixtures/kinds/<model>.json},
 * written by {@code mlem fit ... --out}, and {@code <model>.csv}, the rows it was fitted to; more
 * as {@code <model>.2.json}, ... when one kind wraps several models), for
 * every command it serves: written by its codec and read back it gives the same predictions,
 * scores and draws, bit for bit; its per-row scores on the fitting rows sum to the file's
 * {@code logLikelihood} (1e-9 relative: the same sum in another order); draws with one seed are
 * the same; a command it does not serve is refused naming those it does. A new kind needs a
 * fixture, no test code.
 */
class ModelKindsConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyKindEveryCapability() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ModelKind<?> kind : ModelKinds.ALL) {
            tests.add(DynamicTest.dynamicTest(kind.name() + " declares what it implements",
                    () -> assertThat(kind.capabilities()).isEqualTo(Capability.of(kind.type()))));
            for (String fixture : fixtures(kind)) {
                for (Capability c : Capability.values()) {
                    String name = fixture + " " + c.command() + (kind.capabilities().contains(c) ? "" : " refused");
                    tests.add(DynamicTest.dynamicTest(name, () -> check(kind, fixture, c)));
                }
                tests.add(DynamicTest.dynamicTest(fixture + " missing cells elsewhere change no complete row",
                        () -> missingCells(kind, fixture)));
            }
        }
        return tests.stream();
    }

    /**
     * A kind's fixtures: {@code <model>}, then {@code <model>.2}, {@code <model>.3}, ... while they
     * exist (a kind over several mixtures, such as {@code concomitant}, has one each).
     */
    private static List<String> fixtures(ModelKind<?> kind) {
        List<String> out = new ArrayList<>(List.of(kind.name()));
        for (int v = 2; ModelKindsConformanceTest.class.getResource("/fixtures/kinds/" + kind.name() + "." + v + ".json") != null; v++) {
            out.add(kind.name() + "." + v);
        }
        return out;
    }

    /**
     * A file mlem writes that no kind reads (a turnbull or select
     * record) is refused in one line naming the commands that write it and the kinds the commands read.
     */
    @org.junit.jupiter.api.Test
    void recordsThatAreNotKindsSayWhatTheyAre() {
        ModelKinds.RECORDS.forEach((name, writers) -> assertThatThrownBy(
                () -> ModelKinds.read(new ObjectMapper().readTree("{\"formatVersion\": 1, \"model\": \"" + name + "\"}"), "f.json"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("written by " + writers)
                .hasMessageContaining("gmm, tmix").hasMessageNotContaining("\n"));
    }

    private static void check(ModelKind<?> kind, String fixture, Capability c) throws Exception {
        JsonNode root = MAPPER.readTree(resource(fixture + ".json"));
        FittedModel model = ModelKinds.read(root, kind.name());
        assertThat(model.kind()).isEqualTo(kind.name());
        FittedModel again = ModelKinds.read(MAPPER.readTree(MAPPER.writeValueAsString(kind.write(model))), "written");
        Frame rows = frame(new String(resource(fixture + ".csv"), StandardCharsets.UTF_8));
        if (!kind.capabilities().contains(c)) {
            assertThatThrownBy(() -> ModelKinds.require(model, c, "f.json")).isInstanceOf(MlemUserException.class)
                    .hasMessageContaining("cannot be used by " + c.command())
                    .hasMessageContaining("mlem " + kind.capabilities().iterator().next().command());
            return;
        }
        assertThat(ModelKinds.require(model, c, "f.json")).isSameAs(model);
        switch (c) {
            case PREDICT -> predict(model, again, rows);
            case SCORE -> score(model, again, rows, root);
            case SAMPLE -> sample(model, again, rows);
            case DECODE -> decode((SequenceModel) model, (SequenceModel) again, rows);
        }
    }

    /**
     * The law "missing cells change nothing on complete data", for a kind whose rows may have
     * missing cells ({@link RowInput.Columns#missingCells()}): with a fifth of the fixture's rows
     * missing one model column in turn and a row with every cell missing added, each complete row
     * scores and predicts the same bits as in the fixture, a row with holes scores a finite value
     * and posteriors summing to 1, and the all-missing row scores exactly 0.
     */
    private static void missingCells(ModelKind<?> kind, String fixture) throws Exception {
        FittedModel model = ModelKinds.read(MAPPER.readTree(resource(fixture + ".json")), kind.name());
        if (!(model.input() instanceof RowInput.Columns in) || !in.missingCells()) {
            return;
        }
        Frame rows = frame(new String(resource(fixture + ".csv"), StandardCharsets.UTF_8));
        DataMatrix x = Rows.matrix(rows, in.names());
        int n = x.rows();
        int d = x.cols();
        double[] v = Arrays.copyOf(x.values(), (n + 1) * d);
        Arrays.fill(v, n * d, (n + 1) * d, Double.NaN);
        for (int i = 0; i < n; i += 5) {
            v[i * d + (i / 5) % d] = Double.NaN;
        }
        Frame holes = Rows.frame(DataMatrix.of(v, n + 1, d, in.names()));
        if (model instanceof RowScores m) {
            double[] complete = m.logDensities(Rows.frame(x));
            double[] ll = m.logDensities(holes);
            for (int i = 0; i < n; i++) {
                if (i % 5 != 0 || d == 1) {
                    assertThat(ll[i]).as("row %d", i).isEqualTo(i % 5 != 0 ? complete[i] : 0.0);
                } else {
                    assertThat(ll[i]).as("row %d", i).isFinite();
                }
            }
            assertThat(ll[n]).isEqualTo(0.0);
        }
        if (model instanceof LatentClasses m && kind.capabilities().contains(Capability.PREDICT)) {
            double[][] complete = m.posteriors(Rows.frame(x));
            double[][] p = m.posteriors(holes);
            for (int i = 0; i < n; i++) {
                if (i % 5 != 0) {
                    assertThat(p[i]).as("row %d", i).isEqualTo(complete[i]);
                }
                assertThat(Arrays.stream(p[i]).sum()).isCloseTo(1.0, within(1e-12));
            }
        }
    }

    private static void predict(FittedModel model, FittedModel again, Frame rows) {
        if (model instanceof LatentClasses m) {
            double[][] p = m.posteriors(rows);
            assertThat(((LatentClasses) again).posteriors(rows)).isDeepEqualTo(p);
            for (double[] row : p) {
                assertThat(row).hasSize(m.classes());
                assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-12));
            }
        } else {
            ResponsePredictor.Prediction p = ((ResponsePredictor) model).predict(rows);
            ResponsePredictor.Prediction q = ((ResponsePredictor) again).predict(rows);
            assertThat(q.names()).isEqualTo(p.names());
            for (int i = 0; i < p.columns().size(); i++) {
                assertThat(q.columns().get(i)).isEqualTo(p.columns().get(i));
            }
            assertThat(p.rows()).isEqualTo(rows.rows());
        }
    }

    private static void score(FittedModel model, FittedModel again, Frame rows, JsonNode root) {
        double total;
        if (model instanceof SequenceModel m) {
            SequenceData seq = sequences(m, rows);
            total = m.hmm().logLikelihood(seq);
            assertThat(((SequenceModel) again).hmm().logLikelihood(seq)).isEqualTo(total);
        } else {
            double[] ll = ((RowScores) model).logDensities(rows);
            assertThat(((RowScores) again).logDensities(rows)).isEqualTo(ll);
            assertThat(ll).hasSize(rows.rows());
            total = ((RowScores) model).logLikelihood(rows);
        }
        if (root.has("logLikelihood")) {
            double want = root.get("logLikelihood").asDouble();
            assertThat(total).isCloseTo(want, within(1e-9 * Math.abs(want)));
        }
    }

    private static void sample(FittedModel model, FittedModel again, Frame rows) {
        if (model instanceof Sampler m) {
            DataMatrix a = m.sample(50, 7);
            assertThat(m.sample(50, 7).values()).isEqualTo(a.values());
            assertThat(((Sampler) again).sample(50, 7).values()).isEqualTo(a.values());
            assertThat(m.sample(50, 8).values()).isNotEqualTo(a.values());
            assertThat(a.rows()).isEqualTo(50);
            Sampler.RowStream stream = m.stream(7);
            if (stream != null) { // one row at a time: the same rows
                assertThat(stream.columns()).isEqualTo(a.columns());
                double[] row = new double[a.cols()];
                for (int i = 0; i < a.rows(); i++) {
                    assertThat(stream.next(row)).isEqualTo(a.labels()[i]);
                    for (int c = 0; c < row.length; c++) {
                        assertThat(row[c]).isEqualTo(a.get(i, c));
                    }
                }
            }
        } else if (model instanceof ConditionalSampler m) {
            DataMatrix a = m.sample(rows, 7);
            assertThat(((ConditionalSampler) again).sample(rows, 7).values()).isEqualTo(a.values());
            assertThat(a.rows()).isEqualTo(rows.rows());
        } else {
            SequenceModel m = (SequenceModel) model;
            double[] a = m.hmm().sample(new int[] {30, 20}, 7).sequences().matrix().values();
            assertThat(((SequenceModel) again).hmm().sample(new int[] {30, 20}, 7).sequences().matrix().values()).isEqualTo(a);
        }
    }

    private static void decode(SequenceModel model, SequenceModel again, Frame rows) {
        SequenceData seq = sequences(model, rows);
        assertThat(again.hmm().viterbi(seq).states()).isEqualTo(model.hmm().viterbi(seq).states());
        assertThat(again.hmm().posteriors(seq)).isDeepEqualTo(model.hmm().posteriors(seq));
    }

    private static SequenceData sequences(SequenceModel m, Frame rows) {
        RowInput.Sequences in = (RowInput.Sequences) m.input();
        List<String> names = in.named() != null ? in.named() : DataMatrix.defaultNames(in.dimension());
        return SequenceData.single(Rows.matrix(rows, names));
    }

    static byte[] resource(String name) throws Exception {
        try (InputStream in = ModelKindsConformanceTest.class.getResourceAsStream("/fixtures/kinds/" + name)) {
            assertThat(in).as("fixture fixtures/kinds/%s: every registered kind needs one", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** A small CSV (header, no quotes): a column is numeric when every cell parses. */
    static Frame frame(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).split(",", -1);
        Frame.Builder b = Frame.builder();
        for (int j = 0; j < header.length; j++) {
            String[] cells = new String[lines.size() - 1];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = lines.get(i + 1).split(",", -1)[j];
            }
            try {
                b.numeric(header[j], java.util.Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray());
            } catch (NumberFormatException e) {
                b.text(header[j], cells);
            }
        }
        return b.build();
    }
}
