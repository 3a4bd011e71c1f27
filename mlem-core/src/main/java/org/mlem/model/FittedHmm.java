package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Override
    public RowInput.Sequences input() {
        return new RowInput.Sequences(file.columns(), hmm().dimension(), file.sequenceColumn());
    }
}
