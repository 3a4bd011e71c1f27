package org.mlem.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.data.DataMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem score}: each row's log-likelihood under a model, and the total. */
@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Log-likelihood of each row under a model, and the total.", versionProvider = Version.class,
        description = "Print a CSV with one column 'logLikelihood': log p(x) of each row under the model (natural "
                + "log). The total (and the mean per row) goes to standard error, so standard output stays a clean "
                + "CSV; --total prints only the total, on standard output.")
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScoringInput.Args args;

    @Option(names = "--total", description = "Print only the total log-likelihood, on standard output.")
    boolean totalOnly;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        PrintWriter out = terminal.out();
        double total = 0;
        long n = 0;
        try (ScoringInput in = args.load(terminal)) {
            if (!totalOnly) {
                out.println("logLikelihood");
            }
            for (DataMatrix rows : in.chunks()) {
                for (double v : in.mixture().scoreSamples(rows)) {
                    total += v;
                    n++;
                    if (!totalOnly) {
                        out.println(v);
                    }
                }
            }
        }
        if (totalOnly) {
            out.println(total);
            return 0;
        }
        terminal.err().println(String.format(Locale.ROOT, "total log-likelihood %s over %d rows (mean %s)",
                total, n, total / n));
        return 0;
    }
}
