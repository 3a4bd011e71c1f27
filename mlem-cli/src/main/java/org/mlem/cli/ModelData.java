package org.mlem.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.data.npy.NpyBlockSource;
import org.mlem.formula.Frame;
import org.mlem.model.RowInput;
import org.mlem.model.Rows;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The rows of a data file as a model reads them ({@link RowInput}), for {@code predict},
 * {@code score} and {@code sample}: a matrix model's columns are {@code --columns}, else the
 * model's, else every numeric column (which must then number the model's dimension), renamed to
 * the model's names; a {@code .npy} file is streamed a block at a time. A model that marginalises
 * missing cells ({@link RowInput.Columns#missingCells()}) gets every row, holes and all, unless
 * {@code --drop-missing} drops them. A formula model gets the
 * columns its formula reads, complete (or dropped with {@code --drop-missing}). Errors the model
 * raises on a row are placed at the file's line ({@link #apply}).
 */
final class ModelData implements AutoCloseable {

    /** The command-line arguments: a model file, a data file and how to read it. */
    static final class Args {
        @Mixin
        InputOptions input;

        @OutputPaths.Reads
        @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file (mlem fit ... --out, or hand-written).")
        Path model;

        @OutputPaths.Reads
        @Parameters(index = "1", paramLabel = "FILE",
                description = "CSV file (.gz allowed; - for standard input), or a .npy table (mlem convert), streamed.")
        String file;
    }

    private final Iterable<Frame> frames;
    private final Function<MlemUserException, MlemUserException> locate;
    private final NpyBlockSource stream;

    private ModelData(Iterable<Frame> frames, Function<MlemUserException, MlemUserException> locate, NpyBlockSource stream) {
        this.frames = frames;
        this.locate = locate;
        this.stream = stream;
    }

    /**
     * The rows of {@code file} for a model reading {@code input}; {@code response} says whether the
     * response (and prior weights) of a formula model are read.
     */
    static ModelData open(RowInput input, String file, InputOptions options, Terminal terminal, boolean response) {
        if (input instanceof RowInput.Columns c) {
            return columns(c, file, options, terminal);
        }
        if (input instanceof RowInput.Table t) {
            return table(t, file, options, terminal, response);
        }
        throw new MlemUserException("this model reads sequences; give it to score, decode or sample");
    }

    private static ModelData columns(RowInput.Columns c, String file, InputOptions options, Terminal terminal) {
        int dim = c.dimension();
        if (NpyInput.is(file)) {
            NpyBlockSource stream = NpyInput.open(file, options);
            if (stream.cols() != dim) {
                stream.close();
                throw new MlemUserException("the model has dimension " + dim + " but the .npy table has " + stream.cols()
                        + " columns; convert the columns the model was fitted to", file, -1, -1);
            }
            Iterable<Frame> blocks = () -> IntStream.range(0, stream.blockCount()).mapToObj(b -> {
                Block block = stream.block(b);
                return Rows.frame(DataMatrix.of(block.x(), block.rows(), block.cols(), c.names()));
            }).iterator();
            return new ModelData(blocks, e -> e, stream);
        }
        CsvTable table = options.read(file, terminal);
        List<String> columns = options.modelColumns(table, c.named(), List.of());
        if (columns.size() != dim) {
            throw new MlemUserException("the model has dimension " + dim + " but " + columns.size() + " columns were chosen ("
                    + String.join(", ", columns) + "); choose " + dim + " with --columns", table.source(), -1, -1);
        }
        // a model that marginalises missing cells takes every row, one with every cell missing too (log density 0)
        int[] rows = c.missingCells() && !options.dropMissing
                ? MissingCells.everyRow(table, columns)
                : options.rows(table, columns, terminal).rows();
        DataMatrix data = table.matrix(columns, rows);
        DataMatrix named = DataMatrix.of(data.values(), data.rows(), data.cols(), c.names());
        if (c.support() != null) {
            RowInput.Violation v = c.support().first(named);
            if (v != null) {
                throw table.errorAt(columns.get(v.column()), rows[v.row()], v.message());
            }
        }
        return new ModelData(List.of(Rows.frame(named)), e -> FrameInput.atLine(e, table, rows), null);
    }

    private static ModelData table(RowInput.Table t, String file, InputOptions options, Terminal terminal,
            boolean response) {
        CsvTable table = options.read(file, terminal);
        for (String name : t.concomitant()) {
            if (!table.names().contains(name)) {
                throw new MlemUserException("no column '" + name + "', which the model's mixing weights depend on "
                        + "(fit with --concomitant); give rows with every concomitant column ("
                        + String.join(", ", t.concomitant()) + ")", table.source(), -1, -1);
            }
        }
        Set<String> used = new LinkedHashSet<>();
        for (String name : t.columns()) {
            if (response || !t.response().contains(name)) {
                if (!table.names().contains(name)) {
                    throw new MlemUserException("no column '" + name + "', which the model reads; the columns are "
                            + String.join(", ", table.names()) + "; give a file with the columns the model was fitted to",
                            table.source(), -1, -1);
                }
                used.add(table.column(name).name());
            }
        }
        Set<String> complete = new LinkedHashSet<>(used);
        if (!options.dropMissing) { // cells the model marginalises may be missing
            t.holes().forEach(h -> complete.remove(table.column(h).name()));
        }
        int[] rows = FrameInput.completeRows(table, complete, options.dropMissing, terminal);
        Set<String> factors = new LinkedHashSet<>();
        for (String name : used) {
            if (table.column(name) instanceof CsvColumn.Text) {
                factors.add(name);
            }
        }
        Frame frame = FrameInput.frame(table, new ArrayList<>(used), factors, rows);
        return new ModelData(List.of(frame), e -> FrameInput.atLine(e, table, rows), null);
    }

    /** The rows, in order: all at once from CSV, a block at a time from a .npy file. */
    Iterable<Frame> frames() {
        return frames;
    }

    /** {@code f} applied to a frame of rows, its user errors placed in the file. */
    <T> T apply(Function<Frame, T> f, Frame rows) {
        try {
            return f.apply(rows);
        } catch (MlemUserException e) {
            throw locate.apply(e);
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
