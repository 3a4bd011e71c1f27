package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.mlem.io.ModelJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a fit's result goes: the summary or JSON on standard output, a JSON file, and {@link ReportOptions}' tidy table and report. */
class JsonOutput {
    @OutputPaths.Writes
    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the fitted model as JSON to this file.")
    Path out;

    @Option(names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    @Mixin
    ReportOptions reports;

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
