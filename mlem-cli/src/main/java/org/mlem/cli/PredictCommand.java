package org.mlem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.mlem.MlemUserException;
import org.mlem.formula.Frame;
import org.mlem.model.Capability;
import org.mlem.model.FittedConcomitant;
import org.mlem.model.FittedGmm;
import org.mlem.model.FittedMixture;
import org.mlem.model.FittedModel;
import org.mlem.model.LatentClasses;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem predict}: each row's most probable component and every component's posterior probability. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 --out gmm.json examples/faithful.csv",
                "  ./mlem predict gmm.json examples/faithful.csv",
                "  ./mlem predict gmm.json examples/faithful.csv | head -3",
                "  ./mlem fit regmix --k 2 --formula \"mpg ~ wt\" --out rm.json examples/mtcars.csv",
                "  ./mlem predict --response rm.json examples/mtcars.csv",
                "  ./mlem fit hurdle \"art ~ fem + kid5 + ment\" --out h.json \\",
                "      examples/biochemists.csv",
                "  ./mlem predict h.json examples/biochemists.csv | head -3",
                "  ./mlem fit mixture --family poisson --k 2 --column art \\",
                "      --concomitant \"~ fem + ment\" --out cm.json examples/biochemists.csv",
                "  ./mlem predict cm.json examples/biochemists.csv | head -3",
                "  ./mlem fit turnbull --interval left,right --out tb.json \\",
                "      examples/salinity.csv",
                "  ./mlem predict tb.json examples/salinity_times.csv"},
        header = "Most probable component and posterior probabilities of each row.", versionProvider = Version.class,
        description = "Print a CSV with one line per row: 'label' (the most probable component, or its class name when "
                + "the model has classes) then 'p0..p(k-1)', the posterior probability of each component. With "
                + "--drop-missing, rows with a missing cell are left out (and counted on standard error). Takes every mixture "
                + "(gmm, tmix, mixture, regmix); a mixture fitted with --concomitant takes each row's prior weights from its "
                + "concomitant columns, which FILE must hold (flexmix's posterior(fit, newdata)); a one-column mixture "
                + "fitted to censored rows takes --status or --interval as its fit did, a censored row's posteriors "
                + "then coming from each component's probability of its interval; a gmm file takes fit gmm's --censored-below, "
                + "--censored-above or --censored-interval, a row's posteriors then coming from its exact cells' density "
                + "times its censored cells' box probability under each component. A GLM (fit glm) prints 'fit' (the mean), 'se.fit' (its standard error), "
                + "'link' (the linear predictor) and 'se.link', as R's predict.glm(se.fit = TRUE) on the response and link "
                + "scales; an nls file prints 'fit'; a survreg or Tobit file (fit survreg, fit tobit) prints, as R's predict.survreg, 'fit' and "
                + "'se.fit' (type \"response\": the time, exp of the linear predictor for the log-time distributions), "
                + "'lp' and 'se.lp' (type \"lp\") and 'quantile0.1', 'quantile0.5', 'quantile0.9' (type \"quantile\"); a "
                + "zeroinfl or hurdle file prints, as pscl's predict, 'fit' (type \"response\", the mean), 'count' (the "
                + "count part's mean), 'zero' (type \"zero\") and 'prob0..probK' (type \"prob\", K the largest count "
                + "fitted); a turnbull file (fit turnbull) prints 'survival' and 'cdf', S(t) and F(t) of the NPMLE at the "
                + "times of FILE's column 'time', as survfit's step curve reads it: a finite innermost interval's mass "
                + "drops at its midpoint, a right-open one's never; a regression mixture with --response prints its predicted response. For a hidden Markov model use 'mlem decode'. "
                + ScoreCommand.MISSING_HELP)
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--response",
            description = "A regression mixture's predicted response instead of its posteriors: 'fit' (the mean over "
                    + "the components, sum of weight x mean) and 'fit0..fit(k-1)' (each component's mean; binomial: the "
                    + "success probability), from the covariates alone.")
    boolean response;

    @Mixin
    ModelData.Args args;

    /** --censored-below / --censored-above / --censored-interval: censored cells of a Gaussian mixture's rows. */
    @Mixin
    GmmCensoringArgs gmmCensoring;

    /** --status / --interval: censored rows of a one-column mixture, as fit mixture reads them. */
    @Mixin
    CensoringArgs censoring;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        String source = args.model.toString();
        FittedModel model = ModelKinds.require(ModelKinds.read(args.model), Capability.PREDICT, source);
        PrintWriter out = terminal.out();
        if (response && !(model instanceof LatentClasses && model instanceof ResponsePredictor)
                && !(model instanceof FittedConcomitant)) {
            throw new MlemUserException("--response applies to a regression mixture (fit regmix); a " + model.kind()
                    + " file predicts " + (model instanceof LatentClasses ? "posteriors" : "its response") + " without it");
        }
        if (gmmCensoring.given()) {
            FittedGmm g = (FittedGmm) model; // CensoredGmmRows refuses every other model
            double[][] p = CensoredGmmRows.posteriors(CensoredGmmRows.logTerms(model, gmmCensoring, args, terminal));
            header(out, g.classes(), false);
            rows(out, LatentClasses.argmax(p), p, g.classNames());
            return 0;
        }
        if (censoring.given()) {
            CensoredRows.Read r = CensoredRows.read(model, censoring, args, terminal);
            FittedMixture m = (FittedMixture) r.model(); // a distribution file predicts nothing: refused above
            double[][] p = r.apply(m::posteriors);
            header(out, m.classes(), false);
            rows(out, LatentClasses.argmax(p), p, m.classNames());
            return 0;
        }
        boolean latent = model instanceof LatentClasses && !response;
        try (ModelData in = ModelData.open(model.input(), args.file, args.input, terminal, latent)) {
            if (latent) {
                LatentClasses m = (LatentClasses) model;
                header(out, m.classes(), m instanceof FittedGmm g && g.noise() != null);
                for (Frame rows : in.frames()) { // a .npy file a block at a time
                    double[][] p = in.apply(m::posteriors, rows);
                    rows(out, LatentClasses.argmax(p), p, m.classNames());
                }
            } else {
                Function<Frame, ResponsePredictor.Prediction> m = model instanceof FittedConcomitant c
                        ? c::predictResponse : ((ResponsePredictor) model)::predict;
                boolean first = true;
                for (Frame rows : in.frames()) {
                    ResponsePredictor.Prediction p = in.apply(m, rows);
                    if (first) {
                        out.println(CsvNumbers.header(p.names()));
                        first = false;
                    }
                    print(out, p);
                }
            }
        }
        return 0;
    }

    /** A prediction's rows, each value as Java prints a double. */
    private static void print(PrintWriter out, ResponsePredictor.Prediction p) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < p.rows(); i++) {
            line.setLength(0);
            for (int c = 0; c < p.columns().size(); c++) {
                line.append(c > 0 ? "," : "").append(p.columns().get(c)[i]);
            }
            out.println(line);
        }
    }

    static void header(PrintWriter out, int k) {
        header(out, k, false);
    }

    /** {@code label,p0,...}; a mixture with a noise component names its last column {@code pnoise}. */
    private static void header(PrintWriter out, int k, boolean noiseLast) {
        List<String> header = new ArrayList<>();
        header.add("label");
        for (int j = 0; j < k; j++) {
            header.add(noiseLast && j == k - 1 ? "p" + FittedGmm.NOISE_CLASS : "p" + j);
        }
        out.println(CsvNumbers.header(header));
    }

    static void rows(PrintWriter out, int[] labels, double[][] p, List<String> classes) {
        int k = p.length == 0 ? 0 : p[0].length;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            line.setLength(0);
            line.append(classes == null ? String.valueOf(labels[i]) : CsvNumbers.field(classes.get(labels[i])));
            for (int j = 0; j < k; j++) {
                line.append(',').append(p[i][j]);
            }
            out.println(line);
        }
    }
}
