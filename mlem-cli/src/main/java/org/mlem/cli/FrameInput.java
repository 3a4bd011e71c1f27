package org.mlem.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlem.MlemUserException;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.formula.Frame;

/**
 * CSV columns as a formula's {@link Frame}: the rows complete in the columns a model uses, numeric
 * columns checked (a text cell or an infinity is an error at its cell), text columns kept as factors.
 * Every complaint names {@code file:line:column}; the core's "data row N" messages are mapped back
 * to the file's line with {@link #atLine}.
 */
final class FrameInput {
    private static final Pattern DATA_ROW = Pattern.compile("^data row (\\d+): (?:(?:column|response) '([^']+)')?");

    private FrameInput() {}

    /**
     * The table rows with no missing cell in {@code columns} (numeric or text). A missing cell is an
     * error at its place unless {@code drop}; then standard error says how many rows were dropped.
     */
    static int[] completeRows(CsvTable table, Collection<String> columns, boolean drop, Terminal terminal) {
        if (table.rows() > 0 && !table.hasMissing(columns)) {
            int[] every = new int[table.rows()];
            Arrays.setAll(every, i -> i);
            return every;
        }
        List<CsvColumn> cols = new ArrayList<>();
        for (String name : columns) {
            cols.add(table.column(name));
        }
        int[] kept = new int[table.rows()];
        int n = 0;
        for (int i = 0; i < table.rows(); i++) {
            CsvColumn missing = null;
            for (CsvColumn c : cols) {
                if (c.isMissing(i)) {
                    missing = c;
                    break;
                }
            }
            if (missing == null) {
                kept[n++] = i;
            } else if (!drop) {
                throw table.errorAt(missing.name(), i, "missing value (empty, NA or NaN) in column '" + missing.name()
                        + "'; this model needs every cell: fill it in, or drop such rows with --drop-missing");
            }
        }
        if (n < table.rows()) {
            terminal.err().println("mlem: " + table.source() + ": dropped " + (table.rows() - n) + " of " + table.rows()
                    + " rows with a missing cell (--drop-missing)");
        }
        if (n == 0) {
            throw new MlemUserException("every row has a missing cell in " + String.join(", ", columns)
                    + "; nothing is left to use", table.source(), -1, -1);
        }
        return Arrays.copyOf(kept, n);
    }

    /**
     * The frame of {@code columns} at table rows {@code rows}: those in {@code factors} as text (a
     * numeric column's numbers written as R writes them, {@code 4} not {@code 4.0}), the others as
     * finite numbers. When {@code rows} is every row, a numeric column is the table's own array
     * ({@link CsvTable#sharedColumn}), so the cells are held once, not in the table and the frame.
     */
    static Frame frame(CsvTable table, Collection<String> columns, Set<String> factors, int[] rows) {
        Frame.Builder b = Frame.builder();
        boolean every = rows.length == table.rows();
        for (String name : columns) {
            if (!factors.contains(name)) {
                if (every && table.knownFinite(name)) {
                    b.finiteShared(name, table.sharedColumn(name));
                } else if (every) {
                    b.numericShared(name, table.sharedColumn(name));
                } else {
                    b.numeric(name, table.numeric(name, rows));
                }
                continue;
            }
            String[] text = new String[rows.length];
            CsvColumn c = table.column(name);
            for (int i = 0; i < rows.length; i++) {
                text[i] = c instanceof CsvColumn.Text t ? t.values()[rows[i]]
                        : CsvNumbers.format(((CsvColumn.Numeric) c).get(rows[i]));
            }
            b.text(name, text);
        }
        return b.build();
    }

    /** Each factor's levels over every row of {@code frame}, sorted (baseline first), as a design codes them by default. */
    static java.util.Map<String, List<String>> levels(Frame frame, Collection<String> factors) {
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String f : factors) {
            out.put(f, new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(frame.text(f)))));
        }
        return out;
    }

    /**
     * {@code e} placed in the file when its message starts with the core's "data row N: " (N
     * 1-based over {@code rows}): the place becomes file:line, with the column when the message names
     * one of the table's columns. Any other exception is returned unchanged.
     */
    static MlemUserException atLine(MlemUserException e, CsvTable table, int[] rows) {
        Matcher m = DATA_ROW.matcher(e.getMessage());
        if (!e.place().isEmpty() || !m.find()) {
            return e;
        }
        int row = Integer.parseInt(m.group(1)) - 1;
        if (row < 0 || row >= rows.length) {
            return e;
        }
        String message = e.getMessage().substring("data row ".length() + m.group(1).length() + 2);
        String column = m.group(2);
        if (column != null && table.names().contains(column)) {
            return table.errorAt(column, rows[row], message);
        }
        return new MlemUserException(message, table.source(), table.line(rows[row]), -1);
    }
}
