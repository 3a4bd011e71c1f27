package org.mlem.cli;

import org.mlem.data.CsvTable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every one-shot fit of one CSV file declares alike: how to read the file ({@link TableInput}),
 * where the result goes ({@link ResultOutput}) and the file itself, the command's last parameter.
 */
final class FileFitArgs {
    @Mixin
    TableInput input;

    @Mixin
    ResultOutput output;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    /** Reads the file ({@code -} is standard input, {@code .gz} is gunzipped). */
    CsvTable read(Terminal terminal) {
        return input.read(file, terminal);
    }
}
