package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import picocli.CommandLine.Option;

/** How to read a CSV file and which of its columns to model; shared by every command that reads data. */
final class InputOptions {
    @Option(order = Shared.ORDER, names = "--columns", split = ",", paramLabel = "COLUMN",
            description = "The numeric columns to model, in this order (default: every numeric column).")
    List<String> columns;

    @Option(order = Shared.ORDER, names = "--no-header", description = "The file has no header row; its columns are named x1..xd.")
    boolean noHeader;

    @Option(order = Shared.ORDER, names = "--delimiter", paramLabel = "C", defaultValue = ",",
            description = "Field separator: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(order = Shared.ORDER, names = "--drop-missing",
            description = "Drop rows with a missing cell (empty, NA or NaN) in a modelled column, and say how many on "
                    + "standard error; without it such a cell is an error naming its line and column.")
    boolean dropMissing;

    /**
     * What the command does with a cell marked missing, told after the advice to mark a stray
     * missing-value marker ({@code nan}, {@code N/A}) as {@code NA}; a command with other ways
     * (fit gmm's {@code --missing em}) sets its own.
     */
    String missingUse = " (then --drop-missing drops its row)";

    CsvFormat format() {
        String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        if (d.length() != 1) {
            throw new MlemUserException("--delimiter must be one character (or 'tab'), got '" + delimiter + "'");
        }
        return new CsvFormat(!noHeader, d.charAt(0));
    }

    /**
     * Reads {@code file} ({@code -} is the terminal's standard input), after refusing a file too
     * large for the heap ({@link MemoryNeed#check}).
     */
    CsvTable read(String file, Terminal terminal) {
        CsvFormat format = format();
        MemoryNeed.check(file, format.delimiter());
        return CsvReader.read(file, format, terminal.in());
    }

    /**
     * The modelled columns: {@code --columns} when given, else {@code fallback} when not null (a
     * model file's columns), else every numeric column not in {@code exclude}.
     */
    List<String> modelColumns(CsvTable table, List<String> fallback, List<String> exclude) {
        List<String> chosen = chooseColumns(table, fallback, exclude);
        table.requireNumeric(chosen, missingUse);
        return chosen;
    }

    private List<String> chooseColumns(CsvTable table, List<String> fallback, List<String> exclude) {
        if (columns != null && !columns.isEmpty()) {
            return table.resolve(columns, exclude);
        }
        if (fallback != null) {
            List<String> absent = new ArrayList<>(fallback);
            absent.removeAll(table.names());
            if (!absent.isEmpty()) {
                throw new MlemUserException("the model's columns " + String.join(", ", absent) + " are not in the file, whose columns are "
                        + String.join(", ", table.names()) + "; choose the columns with --columns", table.source(), -1, -1);
            }
            return table.resolve(fallback, exclude);
        }
        return table.resolve(null, exclude);
    }

    /**
     * Tells standard error which text columns the default column choice left out, and why. A
     * column is text when at least half of its non-missing cells are not numbers; a column
     * mostly of numbers is modelled, and its stray text cells are errors ({@link #modelColumns}).
     */
    void noteTextColumns(CsvTable table, List<String> exclude, Terminal terminal) {
        if (columns != null && !columns.isEmpty()) {
            return;
        }
        for (String name : table.names()) {
            if (table.column(name) instanceof CsvColumn.Text t && !exclude.contains(name)) {
                terminal.err().println("mlem: " + table.source() + ":" + table.line(t.firstTextRow()) + ":" + t.position()
                        + ": note: column '" + name + "' is not numeric ('" + t.firstTextShown()
                        + "') and is not modelled; choose columns with --columns");
            }
        }
    }

    /** The rows complete in {@code required}, reporting on standard error how many were dropped. */
    CsvTable.RowSelection rows(CsvTable table, List<String> required, Terminal terminal) {
        CsvTable.RowSelection sel = table.completeRows(required, dropMissing);
        if (sel.dropped() > 0) {
            terminal.err().println("mlem: " + table.source() + ": dropped " + sel.dropped() + " of " + table.rows()
                    + " rows with a missing cell (--drop-missing)");
        }
        if (sel.rows().length == 0) {
            throw new MlemUserException("every row has a missing cell in " + String.join(", ", required)
                    + "; nothing is left to use", table.source(), -1, -1);
        }
        return sel;
    }
}
