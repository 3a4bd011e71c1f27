package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.mlem.io.ModelJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a one-shot fit's result goes (no EM trace): the summary or JSON, a JSON file, a picture. */
final class ResultOutput {
    @OutputPaths.Writes
    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the fitted model as JSON to this file.")
    Path out;

    @Option(names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    @OutputPaths.Writes
    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the fit into this PNG file.")
    Path plot;

    @Mixin
    ReportOptions reports;

    /** Where the fit's picture is drawn ({@link ReportOptions#plotFile}): {@code --plot}, or the report's; null for none. */
    Path plotFile() {
        return reports.plotFile(plot);
    }

    /**
     * Writes {@code --out}, then prints the JSON ({@code --json}) or the summary; the summary is
     * made only when printed (a GLM's sorts its million residuals for their quartiles); then
     * {@code --tidy} and {@code --report}.
     */
    void emit(ObjectNode result, Supplier<String> summary, Terminal terminal) {
        if (out != null) {
            ModelJson.write(result, out);
        }
        terminal.out().print(json ? ModelJson.toJson(result) : summary.get());
        reports.write(result);
    }
}
