package org.mlem.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a fit's result goes; shared by every {@code fit} command. */
final class OutputOptions {
    @OutputPaths.Writes
    @Option(order = Shared.ORDER, names = "--out", paramLabel = "FILE.json", description = "Write the fitted model as JSON to this file.")
    Path out;

    @Option(order = Shared.ORDER, names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    @OutputPaths.Writes
    @Option(order = Shared.ORDER, names = "--plot", paramLabel = "FILE.png", description = "Draw the fit into this PNG file.")
    Path plot;

    @Option(order = Shared.ORDER, names = "--trace", description = "Print the log-likelihood of every EM iteration.")
    boolean trace;

    @Mixin
    ReportOptions reports;

    /** Whether anything asks for the JSON result ({@code --out}, {@code --json}, {@code --tidy}, {@code --report}). */
    boolean wanted() {
        return out != null || json || reports.requested();
    }
}
