package org.mlem.cli;

import org.mlem.data.CsvTable;
import picocli.CommandLine.Option;

/**
 * How to read a CSV file, for the commands whose columns come from a formula or a single
 * {@code --column} rather than {@code --columns}: {@code --no-header}, {@code --delimiter} and
 * {@code --drop-missing}, with the same meaning and wording as {@link InputOptions}.
 */
final class TableInput {
    @Option(names = "--no-header", description = "The file has no header row; its columns are named x1..xd.")
    boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",",
            description = "Field separator: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--drop-missing",
            description = "Drop rows with a missing cell (empty, NA or NaN) in a column the model uses, and say how "
                    + "many on standard error; without it such a cell is an error naming its line and column.")
    boolean dropMissing;

    /** These settings as {@link InputOptions}, whose reading and row selection they share. */
    InputOptions asInputOptions() {
        InputOptions o = new InputOptions();
        o.noHeader = noHeader;
        o.delimiter = delimiter;
        o.dropMissing = dropMissing;
        return o;
    }

    /** Reads {@code file} ({@code -} is standard input, {@code .gz} is gunzipped). */
    CsvTable read(String file, Terminal terminal) {
        return asInputOptions().read(file, terminal);
    }
}
