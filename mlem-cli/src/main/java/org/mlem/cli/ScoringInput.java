package org.mlem.cli;

import java.nio.file.Path;
import java.util.List;
import org.mlem.MlemUserException;
import java.util.stream.IntStream;
import org.mlem.data.Block;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.data.npy.NpyBlockSource;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.GmmFile;
import org.mlem.io.ModelJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A model file and the data to apply it to, for {@code predict} and {@code score}: the columns
 * are {@code --columns}, else the model's {@code columns}, else every numeric column (which must
 * then number the model's dimension). A {@code .npy} file is streamed a block at a time
 * ({@link #chunks()}); its columns are taken in order and must number the model's dimension.
 */
record ScoringInput(GmmFile model, DataMatrix data, NpyBlockSource stream) implements AutoCloseable {

    /** The command-line arguments: a model file, a data file and how to read it. */
    static final class Args {
        @Mixin
        InputOptions input;

        @OutputPaths.Reads
        @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file (mlem fit gmm --out, or hand-written).")
        Path model;

        @OutputPaths.Reads
        @Parameters(index = "1", paramLabel = "FILE",
                description = "CSV file (.gz allowed; - for standard input), or a .npy table (mlem convert), streamed.")
        String file;

        ScoringInput load(Terminal terminal) {
            return ScoringInput.load(model, file, input, terminal);
        }
    }

    static ScoringInput load(Path modelFile, String dataFile, InputOptions input, Terminal terminal) {
        GmmFile model = ModelJson.readGmm(modelFile);
        int dim = model.mixture().dimension();
        if (NpyInput.is(dataFile)) {
            NpyBlockSource stream = NpyInput.open(dataFile, input);
            if (stream.cols() != dim) {
                stream.close();
                throw new MlemUserException("the model has dimension " + dim + " but the .npy table has " + stream.cols()
                        + " columns; convert the columns the model was fitted to", dataFile, -1, -1);
            }
            return new ScoringInput(model, null, stream);
        }
        return new ScoringInput(model, matrix(model.columns(), dim, dataFile, input, terminal), null);
    }

    /** The rows of {@code dataFile} in the model's columns ({@code modelColumns}, or null) for a model of dimension d. */
    static DataMatrix matrix(List<String> modelColumns, int d, String dataFile, InputOptions input, Terminal terminal) {
        CsvTable table = input.read(dataFile, terminal);
        List<String> columns = input.modelColumns(table, modelColumns, List.of());
        if (columns.size() != d) {
            throw new MlemUserException("the model has dimension " + d + " but " + columns.size() + " columns were chosen ("
                    + String.join(", ", columns) + "); choose " + d + " with --columns", table.source(), -1, -1);
        }
        int[] rows = input.rows(table, columns, terminal).rows();
        return table.matrix(columns, rows);
    }

    /** The rows to score, in order: all at once from CSV, one block at a time from a .npy file. */
    Iterable<DataMatrix> chunks() {
        if (stream == null) {
            return List.of(data);
        }
        List<String> names = DataMatrix.defaultNames(stream.cols());
        return () -> IntStream.range(0, stream.blockCount()).mapToObj(b -> {
            Block block = stream.block(b);
            return DataMatrix.of(block.x(), block.rows(), block.cols(), names);
        }).iterator();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }

    GaussianMixture mixture() {
        return model.mixture();
    }
}
