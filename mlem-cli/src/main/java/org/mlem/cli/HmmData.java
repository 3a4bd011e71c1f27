package org.mlem.cli;

import java.nio.file.Path;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.io.HmmFile;
import org.mlem.io.HmmJson;
import org.mlem.model.RowInput;
import org.mlem.model.SequenceModel;

/**
 * An HMM model file and the sequences to apply it to, for {@code decode} and {@code score}: the
 * columns are {@code --columns}, else the model's, else every numeric column but the sequence
 * column; the sequence column is {@code --sequence}, else the model's {@code sequenceColumn} when
 * the file has it, else the whole file is one sequence. Rows with missing cells are kept and their
 * missing cells marginalised (a step with every cell missing has emission density 1), unless
 * {@code --drop-missing} drops them.
 */
record HmmData(HmmFile model, SequenceInput input) {

    static HmmData load(Path modelFile, String dataFile, String sequence, InputOptions options, Terminal terminal) {
        return load(HmmJson.read(modelFile), dataFile, sequence, options, terminal);
    }

    /** A sequence model (an HMM file read through the registry) and its sequences. */
    static HmmData load(SequenceModel model, String dataFile, String sequence, InputOptions options, Terminal terminal) {
        RowInput.Sequences in = (RowInput.Sequences) model.input();
        return load(new HmmFile(model.hmm(), in.named(), in.sequenceColumn()), dataFile, sequence, options, terminal);
    }

    static HmmData load(HmmFile model, String dataFile, String sequence, InputOptions options, Terminal terminal) {
        CsvTable table = options.read(dataFile, terminal);
        String seq = sequence != null ? sequence
                : model.sequenceColumn() != null && table.names().contains(model.sequenceColumn()) ? model.sequenceColumn() : null;
        List<String> exclude = seq == null ? List.of() : List.of(table.column(seq).name());
        List<String> columns = options.modelColumns(table, model.columns(), exclude);
        int d = model.model().dimension();
        if (columns.size() != d) {
            throw new MlemUserException("the model's emissions read " + d + " column" + (d == 1 ? "" : "s") + " but "
                    + columns.size() + " were chosen (" + String.join(", ", columns) + "); choose " + d + " with --columns",
                    table.source(), -1, -1);
        }
        // missing emissions are marginalised (density 1 for a missing cell), unless --drop-missing drops their rows
        return new HmmData(model, SequenceInput.read(table, columns, seq, options, terminal, !options.dropMissing));
    }

    /** The id of sequence {@code s}: its id in the sequence column, or its 1-based number. */
    String sequenceId(int s) {
        String[] ids = input.ids();
        return ids == null ? String.valueOf(s + 1) : ids[input.data().sequenceStart(s)];
    }
}
