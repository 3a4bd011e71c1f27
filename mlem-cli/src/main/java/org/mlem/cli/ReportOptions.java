package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlem.cli.report.HtmlReport;
import org.mlem.cli.report.Provenance;
import org.mlem.cli.report.TidyTable;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code --tidy FILE.csv} and {@code --report FILE.html}, the outputs made from a fit's JSON
 * result: mixed into {@link OutputOptions} (the EM fits' template, {@code fit mvn}),
 * {@link JsonOutput} (the one-shot fits through {@link ResultOutput}, and {@code fit gmmda}),
 * {@link SelectOptions} and {@code select dist}, so every
 * fit and selection takes them with one meaning. Both paths take part in {@link OutputPaths}'
 * check: one naming an input is refused before anything is written.
 */
final class ReportOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @OutputPaths.Writes
    @Option(order = Shared.ORDER, names = "--tidy", paramLabel = "FILE.csv", description = "Write the parameters as a "
            + "CSV table, one row per parameter, with broom's columns (term, component or state, estimate, std.error, "
            + "conf.low, conf.high, statistic, p.value, where the fit has them).")
    Path tidy;

    @OutputPaths.Writes
    @Option(order = Shared.ORDER, names = "--report", paramLabel = "FILE.html", description = "Write a self-contained "
            + "HTML page of the fit: summary, estimates, plots, convergence trace, starts, warnings and what reproduces it.")
    Path report;

    /** The file {@link #plotFile} chose; {@link #scratch} when it is the report's own. */
    private Path drawn;
    private boolean scratch;

    /**
     * Where the fit's picture is drawn: {@code plot} (the {@code --plot} file) when given, else, for
     * the report, a scratch file that {@link #write} deletes; null when nothing needs one.
     */
    Path plotFile(Path plot) {
        if (plot != null || report == null) {
            drawn = plot;
            return plot;
        }
        try {
            drawn = Files.createTempFile("mlem-report-", ".png");
            scratch = true;
            drawn.toFile().deleteOnExit();
            return drawn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch file for the report's picture", e);
        }
    }

    /** Whether {@code --tidy} or {@code --report} was given: then the fit's JSON result is needed. */
    boolean requested() {
        return tidy != null || report != null;
    }

    /**
     * Writes {@code --tidy} and {@code --report} of a fit's JSON result, with the picture {@link #plotFile}
     * gave; {@code result} may be null when neither was given ({@link #requested}).
     */
    void write(JsonNode result) {
        write(result, result);
    }

    /** As {@link #write(JsonNode)}, the parameters taken from {@code model} (a selection's chosen model; null for none). */
    void write(JsonNode result, JsonNode model) {
        try {
            write(result, model, drawn, tidy, report, mixee);
        } finally {
            if (scratch) {
                drawn.toFile().delete();
            }
        }
    }

    /**
     * Writes the tidy table of {@code model} to {@code tidyFile} and the page of {@code result} to
     * {@code reportFile} (each when not null), with the picture in {@code png} (null or empty for
     * none); {@code spec} is any command of the tree that ran, for what reproduces it.
     */
    static void write(JsonNode result, JsonNode model, Path png, Path tidyFile, Path reportFile, CommandSpec spec) {
        if (tidyFile != null && model != null) {
            TidyTable.of(model).write(tidyFile);
        }
        if (reportFile == null) {
            return;
        }
        List<HtmlReport.Figure> figures = new ArrayList<>();
        try {
            if (png != null && Files.size(png) > 0) {
                figures.add(new HtmlReport.Figure("mlem " + leaf(spec).qualifiedName().replaceFirst("^mlem ", "")
                        + ": the fit (and its log-likelihood trace, for EM)", Files.readAllBytes(png)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the picture drawn for the report", e);
        }
        new HtmlReport(result, model, figures, provenance(spec)).write(reportFile);
    }

    /** The command line as typed, this mlem's version and each file the command read, hashed. */
    private static Provenance provenance(CommandSpec spec) {
        ParseResult parsed = spec.root().commandLine().getParseResult();
        List<Provenance.FileFact> files = new ArrayList<>();
        for (ArgSpec arg : leaf(spec).args()) {
            Object value = arg.getValue();
            if (!(arg.userObject() instanceof Field f) || !f.isAnnotationPresent(OutputPaths.Reads.class) || value == null) {
                continue;
            }
            String path = value.toString();
            if (path.equals("-") || Files.isRegularFile(Path.of(path))) {
                files.add(Provenance.fileFact(arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel(), path));
            }
        }
        return new Provenance(Provenance.shellLine(parsed.originalArgs()), version(), files);
    }

    /** The command that ran: the deepest subcommand parsed. */
    private static CommandSpec leaf(CommandSpec spec) {
        ParseResult r = spec.root().commandLine().getParseResult();
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec();
    }

    private static String version() {
        try {
            return String.join("; ", new Version().getVersion());
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
