package org.mlem.io;

import java.util.List;
import org.mlem.hmm.HiddenMarkovModel;

/**
 * A hidden Markov model read from a model file, with what the file says about its data.
 *
 * @param model the parameters
 * @param columns the data columns the model was fit on, in order, or null when the file does not say
 * @param sequenceColumn the column that cut the data into sequences, or null
 */
public record HmmFile(HiddenMarkovModel model, List<String> columns, String sequenceColumn) {
    public HmmFile {
        columns = columns == null ? null : List.copyOf(columns);
    }
}
