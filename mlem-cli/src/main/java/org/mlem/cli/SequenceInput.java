package org.mlem.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.SequenceData;

/**
 * The rows of a CSV file as hidden-Markov sequences: the modelled columns at the rows used, cut
 * into sequences by {@code --sequence COLUMN} (each run of one id is a sequence; the rows of a
 * sequence must be contiguous and in time order) or taken as one sequence.
 *
 * @param table the file
 * @param rows the table rows used, in file order
 * @param data the sequences (known states attached by {@link #withKnownStates})
 * @param ids each used row's sequence id, or null without a sequence column
 */
record SequenceInput(CsvTable table, int[] rows, SequenceData data, String[] ids) {

    static final String SEQUENCE_HELP = "Column of sequence ids: each run of rows with one id is a sequence, in time "
            + "order; the rows of a sequence must be contiguous (default: the whole file is one sequence).";

    /** Reads {@code columns} at the rows {@code input} allows, cut by {@code sequenceColumn} (null: one sequence). */
    static SequenceInput read(CsvTable table, List<String> columns, String sequenceColumn, InputOptions input, Terminal terminal) {
        return read(table, columns, sequenceColumn, input, terminal, false);
    }

    /**
     * As {@link #read(CsvTable, List, String, InputOptions, Terminal)}; with {@code missingEm} every
     * row is kept, missing cells and all (a row with every cell missing too: a step of its sequence).
     */
    static SequenceInput read(CsvTable table, List<String> columns, String sequenceColumn, InputOptions input, Terminal terminal,
            boolean missingEm) {
        if (missingEm && sequenceColumn != null) {
            requireIds(table, sequenceColumn);
        }
        int[] rows = missingEm ? MissingCells.everyRow(table, columns)
                : sequenceColumn == null ? input.rows(table, columns, terminal).rows()
                : completeIds(table, columns, sequenceColumn, input, terminal);
        var matrix = table.matrix(columns, rows);
        if (sequenceColumn == null) {
            return new SequenceInput(table, rows, SequenceData.single(matrix), null);
        }
        String[] ids = ids(table, sequenceColumn, rows);
        return new SequenceInput(table, rows, SequenceData.fromIds(matrix, ids), ids);
    }

    private static int[] completeIds(CsvTable table, List<String> columns, String sequenceColumn, InputOptions input, Terminal terminal) {
        requireIds(table, sequenceColumn);
        return input.rows(table, columns, terminal).rows();
    }

    private static void requireIds(CsvTable table, String sequenceColumn) {
        CsvColumn ids = table.column(sequenceColumn);
        for (int r = 0; r < table.rows(); r++) {
            if (ids.isMissing(r)) {
                throw table.errorAt(sequenceColumn, r, "the sequence id is missing; give every row the id of its sequence");
            }
        }
    }

    /** The id of each row, checking that each sequence's rows are contiguous. */
    private static String[] ids(CsvTable table, String name, int[] rows) {
        CsvColumn column = table.column(name);
        String[] ids = new String[rows.length];
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            ids[i] = column instanceof CsvColumn.Text t ? t.values()[rows[i]]
                    : CsvNumbers.format(((CsvColumn.Numeric) column).get(rows[i]));
            if (i > 0 && ids[i].equals(ids[i - 1])) {
                continue;
            }
            Integer seen = first.putIfAbsent(ids[i], rows[i]);
            if (seen != null) {
                throw table.errorAt(name, rows[i], "sequence '" + ids[i] + "' reappears after sequence '" + ids[i - 1]
                        + "' (it began on line " + table.line(seen) + "); the rows of each sequence must be contiguous: "
                        + "sort the file by sequence, keeping time order within each");
            }
        }
        return ids;
    }

    /**
     * These sequences with known states from {@code column} (null: none): whole numbers 0..K-1,
     * an empty or NA cell unknown.
     */
    SequenceInput withKnownStates(String column, int k) {
        SequenceInput known = withKnownStates(column);
        known.checkStates(column, k);
        return known;
    }

    /**
     * These sequences with known states from {@code column} (null: none) for any number of states
     * (select's grid; {@link #checkStates} says whether K states hold them): whole numbers from 0,
     * an empty or NA cell unknown.
     */
    SequenceInput withKnownStates(String column) {
        if (column == null) {
            return this;
        }
        CsvColumn c = table.column(column);
        if (c instanceof CsvColumn.Text t) {
            throw table.errorAt(column, t.firstTextRow(), "known state '" + t.firstTextShown() + "' is not a state number; "
                    + "states are whole numbers from 0 (empty or NA for unknown)");
        }
        double[] v = ((CsvColumn.Numeric) c).values();
        int[] states = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double z = v[rows[i]];
            if (Double.isNaN(z)) {
                states[i] = -1;
            } else if (z != Math.rint(z) || z < 0 || z >= Integer.MAX_VALUE) {
                throw table.errorAt(column, rows[i], "known state " + CsvNumbers.format(z) + " is not a state number; "
                        + "states are whole numbers from 0: fix it, or leave the cell empty for an unknown state");
            } else {
                states[i] = (int) z;
            }
        }
        return new SequenceInput(table, rows, data.withKnownStates(states), ids);
    }

    /** A user error at the first known state (of {@code column}) that K = {@code k} states cannot hold. */
    void checkStates(String column, int k) {
        DataMatrix m = data.matrix();
        for (int i = 0; column != null && m.hasLabels() && i < rows.length; i++) {
            if (m.label(i) >= k) {
                throw table.errorAt(column, rows[i], "known state " + m.label(i) + " is not one of the states 0.."
                        + (k - 1) + " (K=" + k + "); fix it, raise --states, or leave the cell empty for an unknown state");
            }
        }
    }

    /** Core's complaint about a row, placed at its line of the file. */
    /**
     * These sequences with one frequency weight per sequence from {@code column} (null: none): every
     * row of a sequence must carry its sequence's weight.
     */
    SequenceInput withWeights(String column) {
        if (column == null) {
            return this;
        }
        double[] w = WeightColumn.read(table, column, rows);
        try {
            return new SequenceInput(table, rows, SequenceData.of(data.matrix().withWeights(w), data.lengths())
                    .withKnownStates(data.matrix().hasLabels() ? data.matrix().labels() : null), ids);
        } catch (MlemUserException e) {
            throw locate(e);
        }
    }

    MlemUserException locate(MlemUserException e) {
        return RowPlaces.locate(e, table, rows);
    }
}
