package org.mlem.cli;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;

/** Row choice for the fits that take missing cells (EM over them): every row that has something to say. */
final class MissingCells {
    private MissingCells() {}

    /**
     * The rows to fit when missing cells in {@code columns} are allowed: every row complete in
     * {@code required} (a weights column, say; {@code --drop-missing} applies there), none with
     * every cell of {@code columns} missing (an error naming its line: such a row carries no information).
     */
    static int[] rows(CsvTable table, List<String> columns, List<String> required, InputOptions input, Terminal terminal) {
        int[] rows = required.isEmpty() ? table.allRows().rows() : input.rows(table, required, terminal).rows();
        table.matrix(columns, new int[0]); // every column numeric and finite, else an error at the cell
        for (int r : rows) {
            boolean empty = true;
            for (String c : columns) {
                empty &= table.column(c).isMissing(r);
            }
            if (empty) {
                CsvColumn first = table.column(columns.get(0));
                throw table.errorAt(first.name(), r, "every modelled cell of this row (" + String.join(", ", columns)
                        + ") is missing; the row carries no information: remove it");
            }
        }
        return rows;
    }

    /**
     * Every row, for the fits that keep a row with every modelled cell missing (a hidden Markov
     * model's step); each column numeric and finite where present, else an error at the cell.
     */
    static int[] everyRow(CsvTable table, List<String> columns) {
        table.matrix(columns, new int[0]);
        return table.allRows().rows();
    }

    /** The hint an error about a missing cell ends with, in the fits that can marginalise it. */
    static final String USE = " (then --missing em fits around it, or --drop-missing drops its row)";

    /**
     * Whether {@code --missing} (null: error) asks for EM over missing cells; a user error for a
     * value other than em and error, or for em with {@code --drop-missing}.
     */
    static boolean em(String missing, InputOptions input) {
        if (missing == null || missing.equalsIgnoreCase("error")) {
            return false;
        }
        if (!missing.equalsIgnoreCase("em")) {
            throw new MlemUserException("--missing '" + missing + "' is not em or error; use one of those");
        }
        if (input.dropMissing) {
            throw new MlemUserException("--missing em and --drop-missing contradict each other; give one of them");
        }
        return true;
    }

    /** Number of missing cells of {@code columns} in {@code rows}. */
    static long count(CsvTable table, List<String> columns, int[] rows) {
        long n = 0;
        for (String c : columns) {
            CsvColumn col = table.column(c);
            for (int r : rows) {
                n += col.isMissing(r) ? 1 : 0;
            }
        }
        return n;
    }
}
