package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.MvnPlot;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.io.ModelJson;
import org.mlem.io.MvnJson;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameters;
import org.mlem.uncertainty.MvnUncertainty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem fit mvn}: a multivariate normal's mean and covariance by EM over the missing cells. */
@Command(name = "mvn", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit mvn examples/airquality.csv",
                "  ./mlem fit mvn --impute filled.csv --out air.json examples/airquality.csv",
                "  ./mlem fit mvn --plot air.png --plot-columns Ozone,Temp \\",
                "      examples/airquality.csv",
                "  ./mlem fit mvn --init air.json --fixed covariance examples/airquality.csv",
                "  ./mlem fit mvn --standard-errors louis examples/airquality.csv",
                "  ./mlem fit mvn --bootstrap 200 --seed 1 examples/airquality.csv"},
        header = "Multivariate normal by EM over missing cells.", versionProvider = Version.class, sortOptions = false,
        description = "Fit a multivariate normal's mean and covariance (maximum likelihood, divisor n) to the numeric "
                + "columns of a CSV file by EM: missing cells (empty, NA, NaN) are taken as missing at random and "
                + "integrated out, never an error; a row with every modelled cell missing is. The log-likelihood is the "
                + "observed-data log-likelihood. --plot draws two columns: complete rows, rows missing either cell at "
                + "their conditional-mean imputation, and the fitted normal's 1- and 2-sigma ellipses; with the "
                + "log-likelihood trace. There is no hidden class, so no --labels, and one start (the observed columns' "
                + "moments, or --init FILE.json), so no --n-init: --seed seeds the bootstrap.")
public final class FitMvnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @OutputPaths.Writes
    @Option(names = "--impute", paramLabel = "FILE.csv",
            description = "Write the file's rows with each missing modelled cell replaced by its conditional mean given "
                    + "the row's observed cells, under the fitted normal.")
    Path impute;

    @Option(names = "--plot-columns", split = ",", paramLabel = "A,B",
            description = "The two modelled columns --plot draws (default: the first two; one column draws a histogram).")
    List<String> plotColumns;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "columns|FILE.json",
            description = "Where EM starts: the observed column means and variances, or a model file's mean and "
                    + "covariance (written by fit mvn --out; an E-step first) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Hold mean or covariance at the --init model's values, bit for bit; the other is maximised "
                    + "given it (with the covariance held the mean is the GLS mean, with the mean held the covariance is "
                    + "the scatter about it; EM when cells are missing).")
    List<String> fixed;

    @Option(names = "--acceleration", paramLabel = "none|squarem",
            description = "Plain EM or SQUAREM extrapolation (default: ${DEFAULT-VALUE}).")
    String acceleration;

    @Option(names = "--convergence", paramLabel = "aitken|sklearn",
            description = "Stopping rule, as for fit gmm: aitken runs EM to its maximum; sklearn stops when the mean "
                    + "log-likelihood per row changes by less than T (default: ${DEFAULT-VALUE}).")
    String convergence;

    @Option(names = "--tol", paramLabel = "T",
            description = "The stopping rule's tolerance (see --convergence); 0 runs --max-iter iterations "
                    + "(default: ${DEFAULT-VALUE}; with --convergence sklearn, scikit-learn's).")
    double tol;

    @Option(names = "--max-iter", paramLabel = "M", description = "Most EM iterations (default: ${DEFAULT-VALUE}; "
            + "with --convergence sklearn, scikit-learn's).")
    int maxIter;

    @Mixin
    UncertaintyArgs uncertainty;

    @Option(order = Shared.ORDER, names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the bootstrap's draws (the fit itself is deterministic) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(order = Shared.ORDER, names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads to use (the E-step; bootstrap replicates fitted at once), 0 for every core; results "
                    + "do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        uncertainty.check();
        EmOptions em = EmArgs.stopping(MvnMissingEstimator.DEFAULT_OPTIONS, convergence, tol, maxIter,
                spec.commandLine().getParseResult()).withAcceleration(EmArgs.acceleration(acceleration))
                .withThreads(Checks.atLeast("--threads", threads, 0));
        MvnJson.Model start = MvnStart.read(init);
        MvnMissingEstimator estimator = new MvnMissingEstimator(em, MvnStart.fixed(fixed, start));
        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        input.missingUse = " (fit mvn fits around missing cells)";
        List<String> exclude = weights == null ? List.of() : List.of(table.column(weights).name());
        List<String> columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null || start.columns() == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        List<String> required = new java.util.ArrayList<>(columns);
        required.addAll(exclude);
        int[] rows = input.dropMissing ? input.rows(table, required, terminal).rows()
                : MissingCells.rows(table, columns, exclude, input, terminal);
        DataMatrix data = table.matrix(columns, rows);
        if (weights != null) {
            data = data.withWeights(WeightColumn.read(table, weights, rows));
        }
        int[] shown = plotIndices(columns);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        MvnFit fit;
        try {
            fit = start == null ? estimator.fit(data) : estimator.fit(data, start.parameters());
        } catch (MlemUserException e) {
            throw RowPlaces.locate(e, table, rows);
        }
        DataMatrix used = data;
        MvnParameters params = fit.parameters();
        uncertainty.compute(MvnUncertainty.bootstrap(estimator), used, params, seed, threads,
                () -> MvnUncertainty.observed(params, used));
        ObjectNode json = null; // built only when asked for (OutputOptions.wanted): a summary never loads Jackson
        if (output.wanted()) {
            json = json(fit, em, columns, readSeconds);
            uncertainty.addTo(json);
        }
        if (output.out != null) {
            ModelJson.write(json, output.out);
        }
        EmWarnings.report("fit mvn", fit.trace(), fit.totalWeight(), terminal);
        if (output.json) {
            terminal.out().print(ModelJson.toJson(json));
        } else {
            terminal.out().print(summary(fit, columns, readSeconds));
            uncertainty.printTable(terminal.out());
            if (output.trace) {
                terminal.out().println();
                terminal.out().print(EmFitCommand.traceTable(fit.trace()));
            }
        }
        if (impute != null) {
            Imputed.write(impute, table, columns, rows, MvnMissingEstimator.impute(fit.parameters(), data));
        }
        Path png = output.reports.plotFile(output.plot);
        if (png != null) {
            MvnPlot.write(png, data, fit.parameters(), shown, fit.trace());
        }
        output.reports.write(json);
        return 0;
    }

    /** The indices in {@code columns} of the columns --plot draws: --plot-columns, else the first two (or the one). */
    private int[] plotIndices(List<String> columns) {
        if (plotColumns == null) {
            return columns.size() == 1 ? new int[] {0} : new int[] {0, 1};
        }
        if (output.plot == null) {
            throw new MlemUserException("--plot-columns chooses what --plot draws; add --plot FILE.png");
        }
        if (plotColumns.size() < 1 || plotColumns.size() > 2) {
            throw new MlemUserException("--plot-columns takes one or two columns, got " + plotColumns.size());
        }
        int[] idx = new int[plotColumns.size()];
        for (int p = 0; p < idx.length; p++) {
            idx[p] = columns.indexOf(plotColumns.get(p).strip());
            if (idx[p] < 0) {
                throw new MlemUserException("--plot-columns: '" + plotColumns.get(p) + "' is not a modelled column; choose "
                        + "from " + String.join(", ", columns));
            }
        }
        if (idx.length == 2 && idx[0] == idx[1]) {
            throw new MlemUserException("--plot-columns names '" + plotColumns.get(0) + "' twice; give two different columns");
        }
        return idx;
    }

    private static ObjectNode json(MvnFit fit, EmOptions em, List<String> columns, double readSeconds) {
        return MvnJson.fit(fit, em, columns, readSeconds);
    }

    private static String summary(MvnFit fit, List<String> columns, double readSeconds) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Multivariate normal (EM over missing cells): %d rows, %d missing cells, columns %s%n%n",
                fit.rows(), fit.missingCells(), String.join(", ", columns)));
        sb.append(new TextTable().row("", columns.toArray(String[]::new)).row("mean", fit.parameters().mean()).render());
        sb.append(nl).append("covariance (maximum likelihood, divisor n)").append(nl);
        sb.append(GmmSummary.matrix(fit.parameters().covariance(), columns));
        TextTable lines = new TextTable().leftAligned()
                .row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()) + " (observed data)")
                .row("parameters", String.valueOf(fit.nParameters()))
                .row("AIC", CsvNumbers.brief(fit.aic()))
                .row("BIC", CsvNumbers.brief(fit.bic()))
                .row("iterations", fit.iterations() + (fit.converged() ? " (converged)" : " (NOT converged: raise --max-iter or --tol)"))
                .row("time", String.format(Locale.ROOT, "%.3f s (read %.3f, fit %.3f)", readSeconds + fit.seconds(), readSeconds,
                        fit.seconds()));
        if (!fit.held().isEmpty()) {
            lines.row("held fixed", fit.held().stream().sorted().map(g -> g.name().toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(", ")) + " (the --init model's values)");
        }
        sb.append(nl).append(lines.render());
        return sb.toString();
    }
}
