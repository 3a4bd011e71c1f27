package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.io.HmmFile;
import org.mlem.io.HmmJson;

/** A hidden Markov model file ({@code fit hmm}): per-sequence scores, decoding, sequences drawn. */
public record FittedHmm(HmmFile file) implements SequenceModel {
    public static final ModelKind<FittedHmm> KIND = new ModelKind<>("hmm", "hidden Markov model", FittedHmm.class,
            new ModelCodec<>() {
                @Override
                public FittedHmm read(JsonNode root, String source) {
                    return new FittedHmm(HmmJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedHmm m) {
                    ObjectNode node = HmmJson.node(m.hmm());
                    Json.strings(node, "columns", m.file.columns());
                    if (m.file.sequenceColumn() != null) {
                        node.put("sequenceColumn", m.file.sequenceColumn());
                    }
                    return node;
                }
            });

    @Override
    public HiddenMarkovModel hmm() {
        return file.model();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return hmm().nParameters();
    }

    /** The free parameters as the standard-error table names them. */
    @Override
    public List<String> parameterNames() {
        return LatentParameterNames.hmm(hmm(), input().named());
    }

    @Override
    public RowInput.Sequences input() {
        return new RowInput.Sequences(file.columns(), hmm().dimension(), file.sequenceColumn());
    }

    /**
     * The states and emission family, then one line per state: its start probability, its row of
     * the transition matrix ({@code to j} = P(next state j | this state)) and its emission
     * parameters by R's names.
     */
    @Override
    public String summary() {
        HiddenMarkovModel m = hmm();
        int k = m.states();
        double[] start = m.startProbabilities();
        double[][] a = m.transitionMatrix();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "hmm: %d states, %s emissions%n", k,
                m.emissions().spec().name()));
        b.append(String.format(Locale.ROOT, "%-5s %10s", "state", "start"));
        for (int j = 0; j < k; j++) {
            b.append(String.format(Locale.ROOT, " %10s", "to " + j));
        }
        b.append("  emission").append(System.lineSeparator());
        for (int i = 0; i < k; i++) {
            b.append(String.format(Locale.ROOT, "%-5d %10.6f", i, start[i]));
            for (int j = 0; j < k; j++) {
                b.append(String.format(Locale.ROOT, " %10.6f", a[i][j]));
            }
            b.append(' ');
            for (Map.Entry<String, Object> e : m.emissions().parameters(i).entrySet()) {
                b.append(' ').append(e.getKey()).append('=').append(shown(e.getValue()));
            }
            if (i < k - 1) {
                b.append(System.lineSeparator());
            }
        }
        return b.toString();
    }

    private static String shown(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        if (value instanceof double[] v) {
            return Arrays.toString(v);
        }
        if (value instanceof double[][] v) {
            return Arrays.deepToString(v);
        }
        return String.valueOf(value);
    }
}
