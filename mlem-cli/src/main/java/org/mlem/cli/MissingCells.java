package org.mlem.cli;

import java.util.List;
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
