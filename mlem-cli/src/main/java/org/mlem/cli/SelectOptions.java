package org.mlem.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every {@code select} subcommand takes besides its model's own options: the criterion, the outputs and the data. */
final class SelectOptions {
    @Option(names = "--criterion", paramLabel = "bic|icl|aic", defaultValue = "bic",
            description = "The criterion that picks the best candidate (default: ${DEFAULT-VALUE}).")
    String criterion;

    @Option(names = "--converge-all",
            description = "Run every candidate to the full tolerance. By default a first pass fits every candidate to a "
                    + "looser tolerance (Aitken 1e-6) and only those whose criterion could still reach the best one's "
                    + "(with a generous bound on the gain still to come) run on; the others are marked stopped.")
    boolean convergeAll;

    @OutputPaths.Writes
    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the best model as the fit command's model file.")
    Path out;

    @Option(names = "--json", description = "Print the comparison as JSON instead of the table.")
    boolean json;

    @OutputPaths.Writes
    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw BIC against k, one line per variant.")
    Path plot;

    @Mixin
    ReportOptions reports;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;
}
