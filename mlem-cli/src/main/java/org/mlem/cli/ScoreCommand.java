package org.mlem.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem score}: each row's log-likelihood under a model, and the total. */
@Command(name = "score", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 --out gmm.json examples/faithful.csv",
                "  ./mlem score gmm.json examples/faithful.csv",
                "  ./mlem score --total gmm.json examples/faithful.csv",
                "  ./mlem sample examples/hmm-weather.json --lengths 300,200 --seed 1 > days.csv",
                "  ./mlem score --sequence sequence examples/hmm-weather.json days.csv"},
        header = "Log-likelihood of each row under a model, and the total.", versionProvider = Version.class,
        description = "Print a CSV with one column 'logLikelihood': log p(x) of each row under the model (natural "
                + "log). The total (and the mean per row) goes to standard error, so standard output stays a clean "
                + "CSV; --total prints only the total, on standard output. A t mixture (fit tmix) is scored alike; a "
                + "hidden Markov model (fit hmm) prints a line per sequence: 'sequence', 'steps', 'logLikelihood'.")
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScoringInput.Args args;

    @Option(names = "--total", description = "Print only the total log-likelihood, on standard output.")
    boolean totalOnly;

    @Option(names = "--sequence", paramLabel = "COLUMN",
            description = "Hidden Markov models only: " + SequenceInput.SEQUENCE_HELP + " A line per sequence is printed.")
    String sequence;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        args.model = ModelFiles.readable(args.model);
        Integer other = OtherModels.score(args, sequence, totalOnly, terminal);
        if (other != null) {
            return other;
        }
        FamilyModels.Scored family = FamilyModels.score(args, terminal);
        if (family != null) {
            return print(terminal, family.logLikelihoods(), totalOnly);
        }
        PrintWriter out = terminal.out();
        double total = 0;
        long n = 0;
        try (ScoringInput in = args.load(terminal)) {
            if (!totalOnly) {
                out.println("logLikelihood");
            }
            for (DataMatrix rows : in.chunks()) { // a .npy file a block at a time
                for (double v : in.mixture().scoreSamples(rows)) {
                    total += v;
                    n++;
                    if (!totalOnly) {
                        out.println(v);
                    }
                }
            }
        }
        return finish(terminal, total, n, totalOnly);
    }

    /** The score CSV of per-row log-likelihoods (or only their total), the total on standard error. */
    static int print(Terminal terminal, double[] ll, boolean totalOnly) {
        double total = 0;
        for (double v : ll) {
            total += v;
        }
        PrintWriter out = terminal.out();
        if (!totalOnly) {
            out.println("logLikelihood");
            for (double v : ll) {
                out.println(v);
            }
        }
        return finish(terminal, total, ll.length, totalOnly);
    }

    /** With {@code --total} the total alone on standard output; else the total on standard error. */
    private static int finish(Terminal terminal, double total, long n, boolean totalOnly) {
        if (totalOnly) {
            terminal.out().println(total);
            return 0;
        }
        terminal.err().println(String.format(Locale.ROOT, "total log-likelihood %s over %d rows (mean %s)",
                total, n, total / n));
        return 0;
    }
}
