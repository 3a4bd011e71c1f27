package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.dist.ChiSquaredStatistic;
import org.mlem.dist.EdfStatistics;
import org.mlem.dist.Families;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelection;
import org.mlem.dist.FamilySelectionResult;
import org.mlem.dist.FittedDistribution;
import org.mlem.io.DistSelectJson;
import org.mlem.io.FitJson;
import org.mlem.io.ModelJson;
import org.mlem.select.Criterion;
import org.mlem.survival.CensoredFamilySelection;
import org.mlem.survival.RowException;
import org.mlem.survival.Truncation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem select dist}: distribution families by maximum likelihood, ranked by BIC or AIC, with fitdistrplus's gofstat. */
@Command(name = "dist", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Which distribution family fits a column: every family by maximum likelihood, ranked by BIC (or AIC).",
        description = "Fit each family to one column by maximum likelihood (as fit dist does) and rank them by "
                + "--criterion, lower is better, with the goodness-of-fit statistics of R's fitdistrplus::gofstat: "
                + "Kolmogorov-Smirnov, Cramer-von Mises and Anderson-Darling for densities, Pearson's chi-squared over "
                + "gofstat's cells (with its df and p-value) for counts. Densities and probability masses are not "
                + "compared with each other: whole numbers >= 0 are taken as counts unless --kind continuous is given. "
                + "A family whose support excludes a value is listed as not applicable, one that cannot be fitted as "
                + "failed, each with the reason. With --status or --interval (censored rows), --truncate-below/"
                + "--truncate-above or --weights, read as fit dist reads them, each family is fitted as fit "
                + "dist fits it with those options (as fitdistrplus::fitdistcens) and ranked by the censored "
                + "log-likelihood's BIC or AIC; gofstat has no form for such rows, so no statistics are shown. Those "
                + "rows compare continuous families unless --kind discrete or --families names count ones (bounds "
                + "then inclusive whole numbers, as fit dist reads them).",
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select dist --column eruptions --out best.json examples/faithful.csv",
                "  ./mlem select dist --column eruptions --families normal,gamma,weibull \\",
                "      --criterion aic examples/faithful.csv",
                "  ./mlem select dist --interval left,right --families lognormal,weibull,gamma \\",
                "      examples/salinity.csv"})
public final class SelectDistCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--column", paramLabel = "C",
            description = "The column to fit (default: the file's only numeric column).")
    String column;

    @Option(names = "--families", split = ",", paramLabel = "NAME",
            description = "The families to compare, named as fit dist names them (default: every family of the data's "
                    + "kind: continuous " + Families.CONTINUOUS_DEFAULTS + "; discrete " + Families.DISCRETE_DEFAULTS + ").")
    List<String> families;

    @Option(names = "--kind", paramLabel = "continuous|discrete",
            description = "Compare densities or count distributions (default: discrete when every value is a whole "
                    + "number >= 0, continuous otherwise; with --families, their kind).")
    String kind;

    @Option(names = "--criterion", paramLabel = "bic|aic", defaultValue = "bic",
            description = "The criterion that ranks the families (default: ${DEFAULT-VALUE}).")
    String criterion;

    @Mixin
    DistRowArgs rowArgs;

    @Mixin
    TableInput input;

    @OutputPaths.Writes
    @Option(names = "--out", paramLabel = "FILE.json",
            description = "Write the chosen family's model file, as fit dist --out writes it.")
    Path out;

    @Option(names = "--json", description = "Print the comparison as JSON instead of the table.")
    boolean json;

    @Mixin
    ReportOptions reports;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        Criterion by = Criterion.parse(criterion);
        FamilyKind wanted = kind == null ? null : FamilyKind.parse(kind);
        FamilySelection named = FamilySelection.named(families, wanted, by, "--kind", "--families");
        if (rowArgs.censoredOrTruncated() || rowArgs.weights != null) {
            return censored(named, wanted, by, terminal);
        }
        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        String name = columnName(table);
        int[] rows = FrameInput.completeRows(table, List.of(name), input.dropMissing, terminal);
        double[] x = table.numeric(name, rows);
        FamilySelection selection = named != null ? named : FamilySelection.defaults(kindOf(x, wanted, name, terminal), by);
        FamilySelectionResult result = selection.fit(x);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (result.bestIndex() < 0) {
            throw new MlemUserException("column '" + name + "': " + result.noneFitted(), table.source(), -1, -1);
        }
        // each JSON only when written, so that printing the table never loads Jackson
        ObjectNode node = json || reports.requested() ? DistSelectJson.node(result, selection.kind(), List.of(name), seconds)
                : null;
        ObjectNode best = out != null || reports.requested()
                ? FitDistCommand.modelNode(result.best().fit(), rows.length, List.of(name), 0, 0) : null;
        if (out != null) {
            ModelJson.write(best, out);
        }
        terminal.out().print(json ? ModelJson.toJson(node)
                : table(result, selection.kind(), name, table.source(), seconds, ""));
        reports.write(node, best);
        return 0;
    }

    /**
     * With {@code --status}, {@code --interval}, truncation or {@code --weights}: every continuous
     * family fitted as {@code fit dist} fits it with the same options ({@link CensoredFamilySelection}),
     * without goodness-of-fit statistics.
     */
    private Integer censored(FamilySelection named, FamilyKind wanted, Criterion by, Terminal terminal) {
        rowArgs.censoring.check();
        FamilySelection selection = named != null ? named
                : FamilySelection.defaults(wanted == null ? FamilyKind.CONTINUOUS : wanted, by);
        Truncation t = rowArgs.truncation.truncation();
        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        CensoringArgs.Rows read = rowArgs.read(table, () -> columnName(table), column, input.dropMissing, terminal);
        CensoredFamilySelection.Result result;
        try {
            result = CensoredFamilySelection.fit(selection, read.sample(), t);
        } catch (RowException e) {
            throw table.errorAt(read.columns().get(0), read.rows()[e.row()], e.problem());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        FamilySelectionResult ranked = result.ranked();
        String name = String.join(",", read.columns());
        if (ranked.bestIndex() < 0) {
            throw new MlemUserException("column '" + name + "': " + ranked.noneFitted(), table.source(), -1, -1);
        }
        ObjectNode node = null;
        if (json || reports.requested()) {
            node = DistSelectJson.node(ranked, selection.kind(), read.columns(), seconds);
            CensoringArgs.addCounts(node, read.sample());
            ObjectNode trunc = node.putObject("truncation");
            FitJson.number(trunc, "below", t.below());
            FitJson.number(trunc, "above", t.above());
        }
        ObjectNode best = out != null || reports.requested()
                ? CensoredDistRun.modelNode(result.best(), read.rows().length, read.columns(), 0, 0) : null;
        if (out != null) {
            ModelJson.write(best, out);
        }
        terminal.out().print(json ? ModelJson.toJson(node) : table(ranked, selection.kind(), name, table.source(), seconds,
                CensoredDistRun.censoringLine(read.sample(), t, selection.kind() == FamilyKind.DISCRETE)));
        reports.write(node, best);
        return 0;
    }

    private static FamilyKind kindOf(double[] x, FamilyKind wanted, String column, Terminal terminal) {
        if (wanted != null) {
            return wanted;
        }
        FamilyKind guess = FamilyKind.guess(x);
        if (guess == FamilyKind.DISCRETE) {
            terminal.err().println("mlem: note: every value of '" + column + "' is a whole number >= 0, so count "
                    + "distributions are compared; --kind continuous compares densities");
        }
        return guess;
    }

    private String columnName(CsvTable table) {
        if (column != null) {
            return table.column(column).name();
        }
        List<String> numeric = new ArrayList<>(table.numericNames());
        if (rowArgs.weights != null) {
            numeric.remove(table.column(rowArgs.weights).name());
        }
        if (numeric.size() == 1) {
            return numeric.get(0);
        }
        throw new MlemUserException(numeric.isEmpty()
                ? "no numeric column to fit; the columns are " + String.join(", ", table.names())
                : "the file has numeric columns " + String.join(", ", numeric) + "; choose the one to fit with --column",
                table.source(), -1, -1);
    }

    /** The comparison as text; {@code censoring} (lines, or empty) follows the title. */
    private static String table(FamilySelectionResult result, FamilyKind kind, String column, String source,
            double seconds, String censoring) {
        String upper = result.criterion().id().toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Distribution selection: column '%s' of %s (%d rows), %s families by %s; criteria lower is better%n%n",
                column, source, result.n(), kind.id(), upper));
        if (!censoring.isEmpty()) {
            sb.setLength(sb.length() - System.lineSeparator().length());
            sb.append(censoring).append(System.lineSeparator());
        }
        boolean counts = kind == FamilyKind.DISCRETE;
        boolean censored = result.bestIndex() >= 0 && result.best().goodnessOfFit() == null;
        TextTable t = new TextTable();
        if (censored) {
            t.row("family", "estimates", "log-likelihood", "AIC", "BIC", "");
        } else if (counts) {
            t.row("family", "estimates", "log-likelihood", "AIC", "BIC", "chi-squared", "df", "p-value", "");
        } else {
            t.row("family", "estimates", "log-likelihood", "AIC", "BIC", "KS", "CvM", "AD", "");
        }
        List<String> notes = new ArrayList<>();
        boolean dashes = false;
        for (int i = 0; i < result.candidates().size(); i++) {
            FamilyCandidate c = result.candidates().get(i);
            if (!c.isFitted()) {
                t.row(c.family(), c.status().id());
                notes.add("  " + c.family() + " " + c.status().id() + ": " + c.reason());
                continue;
            }
            FittedDistribution fit = c.fit();
            List<String> cells = new ArrayList<>(List.of(estimates(fit.estimates()), CsvNumbers.brief(fit.logLikelihood()),
                    CsvNumbers.brief(fit.aic()), CsvNumbers.brief(fit.bic())));
            if (c.goodnessOfFit() instanceof ChiSquaredStatistic chi) {
                dashes |= Double.isNaN(chi.pValue());
                cells.addAll(chi.computed()
                        ? List.of(CsvNumbers.brief(chi.chisq()), String.valueOf(chi.df()),
                                Double.isNaN(chi.pValue()) ? "-" : CsvNumbers.brief(chi.pValue()))
                        : List.of("-", "-", "-"));
            } else if (c.goodnessOfFit() instanceof EdfStatistics edf) {
                cells.addAll(List.of(CsvNumbers.brief(edf.ks()), CsvNumbers.brief(edf.cvm()), CsvNumbers.brief(edf.ad())));
            }
            cells.add(i == result.bestIndex() ? "<- best " + upper : "");
            t.row(c.family(), cells.toArray(String[]::new));
        }
        sb.append(t.render());
        if (!notes.isEmpty()) {
            sb.append(System.lineSeparator());
            notes.forEach(n -> sb.append(n).append(System.lineSeparator()));
        }
        FamilyCandidate best = result.best();
        sb.append(String.format(Locale.ROOT, "%nbest by %s: %s (%s %s)%n", upper, best.family(), upper,
                CsvNumbers.brief(upper.equals("AIC") ? best.fit().aic() : best.fit().bic())));
        if (censored) {
            sb.append(String.format(Locale.ROOT, "no goodness-of-fit statistics: fitdistrplus's gofstat has no form for "
                    + "censored, truncated or weighted rows%n"));
        }
        if (dashes) {
            sb.append(String.format(Locale.ROOT, "'-': too few values for gofstat's cells, or df <= 0 (no p-value)%n"));
        }
        sb.append(String.format(Locale.ROOT, "time %.3f s%n", seconds));
        return sb.toString();
    }

    private static String estimates(Map<String, Double> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + " " + CsvNumbers.brief(v)));
        return String.join(", ", parts);
    }
}
