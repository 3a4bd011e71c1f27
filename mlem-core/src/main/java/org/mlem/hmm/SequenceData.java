package org.mlem.hmm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * Observation sequences for a hidden Markov model: a {@link DataMatrix} whose rows are time steps,
 * cut into consecutive sequences. The matrix's labels, when present, are known states (-1 for
 * hidden); its weights, when present, are one frequency weight per sequence (every row of a
 * sequence carries it): a sequence of weight 2 counts as that sequence twice.
 *
 * <p>As a {@link BlockSource} a block is a run of <em>whole</em> sequences: sequences are taken
 * in order into a block until it holds at least {@link BlockSource#BLOCK_ROWS} rows (a longer
 * sequence is a block by itself). The cut depends only on the sequence lengths, never on the
 * thread count, so statistics merged in block order are the same bits on any number of threads.
 */
public final class SequenceData implements BlockSource {
    private final DataMatrix data;
    private final int[] starts; // sequences + 1 entries; starts[s]..starts[s+1] are sequence s's rows
    private final int[] blockStarts; // indices into starts: block b holds sequences blockStarts[b]..blockStarts[b+1]
    private final Block all;

    private SequenceData(DataMatrix data, int[] starts) {
        if (data.hasWeights()) {
            for (int s = 0; s < starts.length - 1; s++) {
                for (int i = starts[s] + 1; i < starts[s + 1]; i++) {
                    if (data.weight(i) != data.weight(starts[s])) {
                        throw new MlemUserException("row " + (i + 1) + " has weight " + data.weight(i) + " but its sequence began "
                                + "with weight " + data.weight(starts[s]) + "; a hidden Markov model takes one weight per "
                                + "sequence (a row is a time step): give every row of a sequence its sequence's weight");
                    }
                }
            }
        }
        this.data = data;
        this.starts = starts;
        this.all = data.all();
        int[] lengths = new int[starts.length - 1];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = starts[s + 1] - starts[s];
        }
        this.blockStarts = blockStarts(lengths);
    }

    /**
     * Where the blocks of sequences of these lengths begin: sequence indices, the first 0 and the
     * last the number of sequences. Sequences are taken in order into a block until it holds at
     * least {@link BlockSource#BLOCK_ROWS} rows, so the blocks of any run of sequences that begins
     * at a cut are the same as in the whole.
     */
    public static int[] blockStarts(int[] lengths) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        int rowsInBlock = 0;
        for (int s = 0; s < lengths.length; s++) {
            rowsInBlock += lengths[s];
            if (rowsInBlock >= BLOCK_ROWS) {
                cuts.add(s + 1);
                rowsInBlock = 0;
            }
        }
        if (rowsInBlock > 0) {
            cuts.add(lengths.length);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** All rows as one sequence. */
    public static SequenceData single(DataMatrix data) {
        return of(data, new int[] {data.rows()});
    }

    /**
     * Consecutive sequences of the given lengths (each at least 1, summing to the row count).
     */
    public static SequenceData of(DataMatrix data, int[] lengths) {
        int[] starts = new int[lengths.length + 1];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] < 1) {
                throw new MlemUserException("sequence " + (s + 1) + " has length " + lengths[s] + "; every sequence needs at least one row");
            }
            starts[s + 1] = starts[s] + lengths[s];
        }
        if (starts[lengths.length] != data.rows()) {
            throw new MlemUserException("the sequence lengths sum to " + starts[lengths.length] + " but the data has "
                    + data.rows() + " rows");
        }
        return new SequenceData(data, starts);
    }

    /**
     * Sequences given by an id per row (the CLI's {@code --sequence COLUMN}): each run of equal ids
     * is one sequence, in order of appearance.
     *
     * @throws MlemUserException when an id reappears after another id (the rows of a sequence must
     *     be contiguous), naming the 1-based row and both ids
     */
    public static SequenceData fromIds(DataMatrix data, String[] ids) {
        if (ids.length != data.rows()) {
            throw new IllegalArgumentException(data.rows() + " rows but " + ids.length + " sequence ids");
        }
        List<Integer> lengths = new ArrayList<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && Objects.equals(ids[i], ids[i - 1])) {
                lengths.set(lengths.size() - 1, lengths.get(lengths.size() - 1) + 1);
                continue;
            }
            Integer seen = firstRow.putIfAbsent(ids[i], i);
            if (seen != null) {
                throw new MlemUserException("row " + (i + 1) + ": sequence id '" + ids[i] + "' reappears after sequence '"
                        + ids[i - 1] + "' (it first appeared at row " + (seen + 1) + "); the rows of each sequence must be "
                        + "contiguous: sort the file by sequence id, keeping time order within each");
            }
            lengths.add(1);
        }
        return of(data, lengths.stream().mapToInt(Integer::intValue).toArray());
    }

    /** This data with known states (-1 for hidden) per row, or none when null. */
    public SequenceData withKnownStates(int[] states) {
        for (int i = 0; states != null && i < states.length; i++) {
            if (states[i] < -1) {
                throw new MlemUserException("row " + (i + 1) + " has known state " + states[i]
                        + "; states are numbered from 0 (-1 or a missing cell means unknown)");
            }
        }
        return new SequenceData(data.withLabels(states), starts);
    }

    /** The rows as a matrix (its labels are the known states). */
    public DataMatrix matrix() {
        return data;
    }

    /** Number of sequences. */
    public int sequences() {
        return starts.length - 1;
    }

    /** Length of sequence {@code s}. */
    public int length(int s) {
        return starts[s + 1] - starts[s];
    }

    /** The sequence lengths, in order (a copy). */
    public int[] lengths() {
        int[] l = new int[sequences()];
        for (int s = 0; s < l.length; s++) {
            l[s] = length(s);
        }
        return l;
    }

    /** Index of the first row of sequence {@code s}; {@code s = sequences()} gives the row count. */
    public int sequenceStart(int s) {
        return starts[s];
    }

    /** The sequence holding row {@code row}. */
    public int sequenceOf(int row) {
        int s = java.util.Arrays.binarySearch(starts, row);
        return s >= 0 ? s : -s - 2;
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public int cols() {
        return data.cols();
    }

    /** The frequency weight of sequence {@code s} (1 when unweighted). */
    public double sequenceWeight(int s) {
        return data.weight(starts[s]);
    }

    /** Rows counted with their sequence's weight. */
    @Override
    public double totalWeight() {
        return data.totalWeight();
    }

    @Override
    public boolean hasLabels() {
        return data.hasLabels();
    }

    @Override
    public int blockCount() {
        return blockStarts.length - 1;
    }

    /** Block {@code b}: the rows of sequences {@code blockStarts[b] .. blockStarts[b+1]}, whole. */
    @Override
    public Block block(int b) {
        if (b < 0 || b >= blockCount()) {
            throw new IndexOutOfBoundsException("block " + b + " of " + blockCount());
        }
        int first = starts[blockStarts[b]];
        int end = starts[blockStarts[b + 1]];
        return new Block(all.x(), null, all.labels(), first, end - first, cols());
    }

    /** The same sequences over {@code rows}: the same shape, weights and known states (missing cells filled, say). */
    SequenceData withMatrix(DataMatrix rows) {
        if (rows.rows() != data.rows() || rows.cols() != data.cols()) {
            throw new IllegalArgumentException("the rows must have the sequences' shape");
        }
        return new SequenceData(rows, starts);
    }

    /** Sequence {@code s} as a block. */
    Block sequenceBlock(int s) {
        return new Block(all.x(), null, all.labels(), starts[s], length(s), cols());
    }
}
