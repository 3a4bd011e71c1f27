package org.mlem.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.formula.Frame;
import org.mlem.model.Capability;
import org.mlem.model.FittedModel;
import org.mlem.model.ModelKinds;
import org.mlem.model.RowScores;
import org.mlem.model.SequenceModel;
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
                "  ./mlem score --sequence sequence examples/hmm-weather.json days.csv",
                "  ./mlem fit survreg --formula \"Surv(time, status) ~ age + sex\" \\",
                "      --out sr.json examples/lung.csv",
                "  ./mlem score --total sr.json examples/lung.csv",
                "  ./mlem fit gmm --k 2 --columns mpg,qsec --concomitant \"~ wt\" \\",
                "      --out cg.json examples/mtcars.csv",
                "  ./mlem score --total cg.json examples/mtcars.csv",
                "  ./mlem fit mixture --family weibull --k 2 --column time \\",
                "      --status status --out wm.json examples/lung.csv",
                "  ./mlem score --status status --total wm.json examples/lung.csv"},
        header = "Log-likelihood of each row under a model, and the total.", versionProvider = Version.class,
        description = "Print a CSV with one column 'logLikelihood': log p(x) of each row under the model (natural "
                + "log). The total (and the mean per row) goes to standard error, so standard output stays a clean "
                + "CSV; --total prints only the total, on standard output. Every model file but an HMM's is scored "
                + "alike (a GLM, nls, regmix, zeroinfl or hurdle: log p(y | x); a mixture fitted with --concomitant: "
                + "log sum_j pi_j(z) f_j(x), the weights from the row's concomitant columns z; a survreg or Tobit file: with each row's censoring from its event column or censoring points, as survreg's loglik); a mixture of one column or a distribution fitted to censored rows (fit mixture or fit dist with --status or "
                + "--interval) scores them given the same option: a censored row log sum_j pi_j P_j(its interval) (a "
                + "distribution's: log P(its interval)), as the fit sums them (without it, every value is taken as exact); a "
                + "distribution fitted with --truncate-below/--truncate-above scores the truncated density, "
                + "log f(x) - log(F(B) - F(A)), and refuses a value outside [A, B]; a turnbull file is refused (its mass sits on intervals, so a value has no density under it); "
                + "a gmm file scores rows with censored cells given fit gmm's --censored-below, --censored-above or "
                + "--censored-interval: log sum_j pi_j N(exact cells) P(censored cells' box | exact cells), as the censored "
                + "fit sums them (without them every cell is exact); "
                + "a hidden Markov model (fit hmm) prints a line per sequence: 'sequence', 'steps', 'logLikelihood'. "
                + ScoreCommand.MISSING_HELP)
public final class ScoreCommand implements Callable<Integer> {
    /** What score, predict and decode do with missing cells (empty, NA or NaN). */
    static final String MISSING_HELP = "Missing cells (empty, NA or NaN) of a gmm, tmix, mixture, mvn or hmm model are "
            + "marginalised, as --missing em fits them: a row's log-likelihood is the density of its observed cells "
            + "alone (a Gaussian's or t's mean and covariance or scale restricted to them; a mixture of families' "
            + "product over them; an HMM step's emission density 1 for a missing cell) and its posteriors come from that; "
            + "a row with every cell missing scores 0 and gets the prior weights. --drop-missing drops such rows instead.";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelData.Args args;

    @Option(names = "--total", description = "Print only the total log-likelihood, on standard output.")
    boolean totalOnly;

    /** --status / --interval: censored rows of a one-column mixture or a distribution, as their fits read them. */
    @Mixin
    CensoringArgs censoring;

    /** --censored-below / --censored-above / --censored-interval: censored cells of a Gaussian mixture's rows, as fit gmm reads them. */
    @Mixin
    GmmCensoringArgs gmmCensoring;

    @Option(names = "--sequence", paramLabel = "COLUMN",
            description = "Hidden Markov models only: " + SequenceInput.SEQUENCE_HELP + " A line per sequence is printed.")
    String sequence;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        String source = args.model.toString();
        FittedModel model = ModelKinds.require(ModelKinds.read(args.model), Capability.SCORE, source);
        if (sequence != null && !(model instanceof SequenceModel)) {
            throw new MlemUserException("--sequence applies to hidden Markov models only, but the model is '" + model.kind() + "'");
        }
        if (model instanceof SequenceModel m) {
            return SequenceScores.print(HmmData.load(m, args.file, sequence, args.input, terminal), totalOnly, terminal);
        }
        if (censoring.given() || gmmCensoring.given()) {
            double[] scores = gmmCensoring.given()
                    ? CensoredGmmRows.logDensities(CensoredGmmRows.logTerms(model, gmmCensoring, args, terminal))
                    : CensoredRows.read(model, censoring, args, terminal).logDensities();
            double total = 0;
            if (!totalOnly) {
                terminal.out().println("logLikelihood");
            }
            for (double v : scores) {
                total += v;
                if (!totalOnly) {
                    terminal.out().println(v);
                }
            }
            return finish(terminal, total, scores.length, totalOnly);
        }
        RowScores m = (RowScores) model;
        PrintWriter out = terminal.out();
        double total = 0;
        long n = 0;
        try (ModelData in = ModelData.open(m.input(), args.file, args.input, terminal, true)) {
            boolean header = !totalOnly;
            for (Frame rows : in.frames()) { // a .npy file a block at a time
                double[] scores = in.apply(m::logDensities, rows);
                if (header) { // after the first block scored, so a row the model refuses leaves standard output empty
                    out.println("logLikelihood");
                    header = false;
                }
                for (double v : scores) {
                    total += v;
                    n++;
                    if (!totalOnly) {
                        out.println(v);
                    }
                }
            }
            if (header) {
                out.println("logLikelihood");
            }
        }
        return finish(terminal, total, n, totalOnly);
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
