package org.mlem.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.TurnbullPlot;
import org.mlem.data.CsvTable;
import org.mlem.io.FitJson;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.Turnbull;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem fit turnbull}: the nonparametric MLE of interval-censored data, as survfit's Turnbull estimate. */
@Command(name = "turnbull", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit turnbull --interval left,right examples/salinity.csv",
                "  ./mlem fit turnbull --interval left,right --plot s.png \\",
                "      examples/salinity.csv"},
        header = "Turnbull's nonparametric MLE for interval-censored data (EM self-consistency).",
        description = "Estimate a distribution without a parametric family from interval-censored rows, as "
                + "survival::survfit(Surv(l, r, type = \"interval2\") ~ 1) does: mass on the innermost intervals, "
                + "moved by the self-consistency (EM) iteration until no mass moves by --tol. Rows: equal ends "
                + "exact, LO missing left-censored, HI missing right-censored, else (LO, HI].")
public final class FitTurnbullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--interval", required = true, paramLabel = "LO,HI", split = ",",
            description = "Two columns bounding each value (as fit dist --interval).")
    List<String> interval;

    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @Option(names = "--tol", paramLabel = "T", description = "Stop when no mass moves by T (default: 1e-12).")
    Double tol;

    @Option(names = "--max-iter", paramLabel = "M", defaultValue = "" + Turnbull.DEFAULT_MAX_ITERATIONS,
            description = "Most EM iterations (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Mixin
    FileFitArgs io;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        if (interval.size() != 2) {
            throw new MlemUserException("--interval takes two columns, LO,HI; got " + String.join(",", interval));
        }
        long t0 = System.nanoTime();
        CsvTable table = io.read(terminal);
        String lo = table.column(interval.get(0)).name();
        String hi = table.column(interval.get(1)).name();
        int[] rows = FrameInput.completeRows(table, weights == null ? List.of() : List.of(table.column(weights).name()),
                io.input.dropMissing, terminal);
        double[] w = weights == null ? null : WeightColumn.read(table, weights, rows);
        CensoredSample sample;
        try {
            sample = CensoredSample.ofIntervals(table.numeric(lo, rows), table.numeric(hi, rows), w);
        } catch (RowException e) {
            throw table.errorAt(lo, rows[e.row()], e.problem());
        }
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        long t1 = System.nanoTime();
        if (tol != null && !(tol >= 0)) {
            throw new MlemUserException("--tol must be at least 0, got " + tol);
        }
        Turnbull.Fit fit = Turnbull.fit(sample, tol == null ? Turnbull.DEFAULT_TOLERANCE : tol, Checks.atLeast("--max-iter", maxIter, 1));
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;

        double[] survival = fit.survivalAfter();
        StringBuilder table2 = new StringBuilder(String.format(Locale.ROOT, "%14s %14s %12s %12s%n", "lower", "upper",
                "mass", "S(upper)"));
        for (int j = 0; j < fit.mass().length; j++) {
            table2.append(String.format(Locale.ROOT, "%14s %14s %12.6g %12.6g%n", CsvNumbers.brief(fit.lower()[j]),
                    CsvNumbers.brief(fit.upper()[j]), fit.mass()[j], survival[j]));
        }
        Path png = io.output.plotFile();
        if (png != null) {
            TurnbullPlot.write(png, fit.lower(), fit.upper(), fit.mass(), table.source());
        }
        String summary = String.format(Locale.ROOT, "Turnbull's nonparametric MLE of %s,%s in %s (%d rows)%n%n", lo, hi,
                table.source(), rows.length) + table2 + String.format(Locale.ROOT,
                "%nlog-likelihood  %s%niterations      %d%s%ntime            %.3f s%n", CsvNumbers.brief(fit.logLikelihood()),
                fit.iterations(), fit.converged() ? " (converged)" : " (NOT converged: raise --max-iter)",
                readSeconds + fitSeconds);
        io.output.emit(() -> FitJson.turnbull(fit, rows.length, List.of(lo, hi), readSeconds, fitSeconds), () -> summary,
                terminal);
        return 0;
    }
}
