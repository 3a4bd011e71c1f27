package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.NlsPlot;
import org.mlem.data.CsvTable;
import org.mlem.expr.Formula;
import org.mlem.io.FitJson;
import org.mlem.nls.NlsEstimator;
import org.mlem.nls.NlsFit;
import org.mlem.nls.NlsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem fit nls}: nonlinear regression with normal errors by maximum likelihood, as R's {@code nls}. */
@Command(name = "nls", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit nls --formula \"rate ~ Vm*conc/(K+conc)\" --start Vm=200,K=0.1 \\",
                "      examples/puromycin.csv",
                "  ./mlem fit nls --formula \"rate ~ Vm*conc/(K+conc)\" --start Vm=200,K=0.1 \\",
                "      --weights w --plot nls.png examples/puromycin.csv"},
        header = "Nonlinear regression by maximum likelihood (least squares, as R's nls).",
        description = "Fit y = f(x; parameters) + normal error by least squares, which is maximum likelihood, with "
                + "exact derivatives of the formula. Standard errors, t values and the residual standard error are R's.")
public final class FitNlsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--formula", required = true, paramLabel = "\"y ~ b1*(1-exp(-b2*x))\"",
            description = "response ~ model: column names, the parameters of --start, numbers, + - * / ^, parentheses, "
                    + "exp log sqrt sin cos tan atan abs and pi; the response may be an expression of columns (log(y)).")
    String formula;

    @Option(names = "--start", required = true, split = ",", paramLabel = "NAME=VALUE",
            description = "The starting value of every parameter, e.g. b1=500,b2=1e-4.")
    List<String> start;

    @Option(names = "--weights", paramLabel = "COLUMN", description = "Case weights (R's weights=): weighted least squares.")
    String weights;

    @Option(names = "--max-iter", paramLabel = "M", description = "Most iterations of each stage (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tol", paramLabel = "T",
            description = "Converged when Bates and Watts' relative offset is below T (R's nls.control tol is 1e-5) "
                    + "(default: ${DEFAULT-VALUE}).")
    double tol;

    @Mixin
    FileFitArgs io;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        Formula parsed = Formula.parse(formula);
        Map<String, Double> starts = starts();
        long t0 = System.nanoTime();
        CsvTable table = io.read(terminal);
        List<String> columns = columns(parsed, starts, table);
        List<String> required = new ArrayList<>(columns);
        if (weights != null) {
            required.add(table.column(weights).name());
        }
        int[] rows = io.input.asInputOptions().rows(table, required, terminal).rows();
        Map<String, double[]> data = new HashMap<>();
        for (String c : columns) {
            data.put(c, table.numeric(c, rows));
        }
        double[] w = weights == null ? null : WeightColumn.read(table, weights, rows);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;

        long t1 = System.nanoTime();
        NlsFit fit = new NlsEstimator(parsed, starts, options()).fit(data, w);
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;

        Path png = io.output.plotFile();
        if (png != null) {
            NlsPlot.write(png, parsed, fit, data);
        }
        if (io.output.json && !fit.converged()) {
            terminal.err().println("mlem: fit nls: warning: did not converge: " + fit.message());
        }
        io.output.emit(() -> FitJson.nls(fit, parsed.toString(), required, readSeconds, fitSeconds), () -> NlsSummary.of(fit, parsed.toString(), table.source(), readSeconds + fitSeconds), terminal);
        return 0;
    }

    private NlsOptions options() {
        if (!(tol > 0 && tol < 1)) {
            throw new MlemUserException("--tol " + tol + " must lie between 0 and 1");
        }
        return NlsOptions.DEFAULTS.withMaxIterations(Checks.atLeast("--max-iter", maxIter, 1)).withTolerance(tol);
    }

    /** {@code --start} as name → value, in the order given. */
    private Map<String, Double> starts() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String s : start) {
            int eq = s.indexOf('=');
            String name = eq < 0 ? s.trim() : s.substring(0, eq).trim();
            if (eq <= 0 || name.isEmpty()) {
                throw new MlemUserException("--start '" + s + "' must look like NAME=VALUE, e.g. --start b1=500,b2=1e-4");
            }
            try {
                m.put(name, Double.parseDouble(s.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new MlemUserException("--start " + name + "='" + s.substring(eq + 1) + "' is not a number; give e.g. "
                        + name + "=1.5");
            }
        }
        return m;
    }

    /**
     * The file's columns the formula reads. A name on the right that is neither a column nor a
     * parameter with a start value, or a response name that is not a column, is an error saying which.
     */
    private static List<String> columns(Formula parsed, Map<String, Double> starts, CsvTable table) {
        List<String> columns = new ArrayList<>();
        for (String name : parsed.lhs().variables()) {
            if (!table.names().contains(name)) {
                throw new MlemUserException("the response '" + parsed.lhs() + "' names column '" + name
                        + "', which is not in the file; the columns are " + String.join(", ", table.names()),
                        table.source(), -1, -1);
            }
            columns.add(name);
        }
        List<String> unused = new ArrayList<>(starts.keySet());
        unused.removeAll(parsed.rhs().variables());
        for (String name : parsed.rhs().variables()) {
            if (table.names().contains(name)) {
                if (!columns.contains(name)) {
                    columns.add(name);
                }
            } else if (!starts.containsKey(name)) {
                throw new MlemUserException("the formula uses '" + name + "', which is neither a column of the file ("
                        + String.join(", ", table.names()) + ") nor a parameter given in --start (" + String.join(", ", starts.keySet())
                        + "); " + (unused.isEmpty() ? "add " + name + "=VALUE to --start" : "is it --start's '" + unused.get(0) + "'?")
                        + " or fix the name");
            }
        }
        if (!unused.isEmpty()) {
            throw new MlemUserException("--start gives '" + unused.get(0) + "' but the formula '" + parsed
                    + "' does not use it; fix the name or drop it");
        }
        return columns;
    }
}
