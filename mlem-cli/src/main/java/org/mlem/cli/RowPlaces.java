package org.mlem.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;

/**
 * Puts the file and line on mlem-core's complaints about a data row: core counts the rows it was
 * given ("row 5, column 'x' ..."); the user needs the line of the file, which differs when a header
 * is present or rows were dropped.
 */
final class RowPlaces {
    private static final Pattern ROW = Pattern.compile("^row (\\d+)(?:, column '([^']*)')?(:?)\\s*(.*)$", Pattern.DOTALL);

    private RowPlaces() {}

    /** {@code e} placed at its row's line in {@code table} (and column, when named); {@code e} itself when it has no row or already a place. */
    static MlemUserException locate(MlemUserException e, CsvTable table, int[] rows) {
        Matcher m = ROW.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!e.place().isEmpty() || !m.matches()) {
            return e;
        }
        int i = Integer.parseInt(m.group(1)) - 1;
        if (i < 0 || i >= rows.length) {
            return e;
        }
        String column = m.group(2);
        String rest = m.group(4);
        String message = column != null ? "column '" + column + "'" + (m.group(3).isEmpty() ? " " : ": ") + rest
                : m.group(3).isEmpty() ? "this row " + rest : rest;
        int position = column != null && table.names().contains(column) ? table.column(column).position() : -1;
        return new MlemUserException(message, table.source(), table.line(rows[i]), position);
    }
}
