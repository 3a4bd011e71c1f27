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
     * Whether anything asked for the JSON result: {@code --out}, {@code --json}, {@code --tidy} or
     * {@code --report}. When nothing did, the result is not built, so Jackson is never loaded.
     */
    boolean wanted() {
        return out != null || json || reports.requested();
    }

    /**
     * Writes {@code --out}, then prints the JSON ({@code --json}) or the summary; then
     * {@code --tidy} and {@code --report}. Each is made only when used: the result only when
     * {@link #wanted}, the summary only when printed (a GLM's sorts its million residuals for
     * their quartiles).
     */
    void emit(Supplier<ObjectNode> result, Supplier<String> summary, Terminal terminal) {
        ObjectNode node = wanted() ? result.get() : null;
        if (out != null) {
            ModelJson.write(node, out);
        }
        terminal.out().print(json ? ModelJson.toJson(node) : summary.get());
        reports.write(node);
    }
}
