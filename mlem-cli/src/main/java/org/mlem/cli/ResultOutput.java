package org.mlem.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a one-shot fit's result goes (no EM trace): {@link JsonOutput}'s, and a picture. */
final class ResultOutput extends JsonOutput {
    @OutputPaths.Writes
    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the fit into this PNG file.")
    Path plot;

    /** Where the fit's picture is drawn ({@link ReportOptions#plotFile}): {@code --plot}, or the report's; null for none. */
    Path plotFile() {
        return reports.plotFile(plot);
    }
}
