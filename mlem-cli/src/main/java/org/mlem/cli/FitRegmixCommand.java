package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;
import org.mlem.glm.Family;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.io.SelectJson;
import org.mlem.regmix.FixedParameters;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegressionMixture;
import org.mlem.regmix.RegmixUncertainty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem fit regmix}: a mixture of k regressions (gaussian, poisson or binomial GLMs), as flexmix. */
@Command(name = "regmix", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit regmix --k 2 --formula \"mpg ~ hp\" --n-init 5 examples/mtcars.csv",
                "  ./mlem fit regmix --k 2 --family poisson --formula \"breaks ~ tension\" \\",
                "      --out rm.json examples/warpbreaks.csv",
                "  ./mlem fit regmix --k 2 --formula \"mpg ~ hp\" --standard-errors louis \\",
                "      examples/mtcars.csv"},
        header = "Mixture of regressions (gaussian, poisson, binomial), as R's flexmix.", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit k regressions sharing one R-style formula, each row belonging to a hidden component, by EM: "
                + "the E-step weighs each row by how well each component's regression explains it, the M-step refits "
                + "each component by weighted least squares (gaussian) or weighted GLM (poisson, binomial). The start is "
                + "flexmix's, a random assignment of rows; where flexmix stops after 200 iterations or a change of 1e-6, "
                + "EM here runs to the maximum (see --convergence).")
public final class FitRegmixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", paramLabel = "K", description = "Number of components (default: the --init model's).")
    Integer k;

    @Option(names = "--formula", paramLabel = "\"y ~ x\"",
            description = "R-style formula: response ~ terms (x, x1 + x2, I(x^2), log(x), factors, a:b; -1 drops the "
                    + "intercept). For binomial the response counts successes (0/1 without --trials). "
                    + "Default: the --init model's.")
    String formula;

    @Option(names = "--family", paramLabel = "F", description = "gaussian, poisson or binomial (default: ${DEFAULT-VALUE}).",
            defaultValue = "gaussian")
    String family;

    @Option(names = "--trials", paramLabel = "COLUMN", description = "binomial: the column of numbers of trials.")
    String trials;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "random|kmeans|FILE.json",
            description = "Where EM starts: a random assignment of rows (flexmix's), k-means on the scaled (x, y), or a "
                    + "model file's parameters (an E-step first) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Parameter groups held at the --init model's values, bit for bit: weights, coefficients, sd; "
                    + "coefficients:J or sd:J for component J alone.")
    List<String> fixed;

    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @Option(names = "--labels", paramLabel = "COLUMN", description = LabelColumn.HELP)
    String labels;

    @Mixin
    EmArgs em;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Mixin
    UncertaintyArgs uncertainty;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        uncertainty.check();
        if (input.columns != null && !input.columns.isEmpty()) {
            throw new MlemUserException("--columns does not apply to regmix: the formula names the columns");
        }
        RegmixJson start = init.equalsIgnoreCase("random") || init.equalsIgnoreCase("kmeans") ? null
                : ModelFiles.regmix(Path.of(init));
        RegmixEstimator estimator = estimator(start);

        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        Frame frame = Frame.of(table);
        List<String> columns = formulaColumns(estimator.formula(), table);
        if (output.plot != null) {
            RegmixPicture.predictor(estimator.formula(), table.names());
        }
        double readSeconds = (System.nanoTime() - t0) * 1e-9;

        LabelColumn known = labels == null ? null
                : LabelColumn.read(table, labels, table.allRows().rows(), estimator.components());
        Progress progress = new Progress(terminal, estimator.em().restarts());
        MixtureFit<RegressionMixture> fit;
        try {
            fit = estimator.fit(frame, known == null ? null : known.labels(), em.seed, progress);
        } catch (MlemUserException e) {
            throw e.place().isEmpty() ? new MlemUserException(e.getMessage(), table.source(), -1, -1) : e;
        }
        progress.finish();
        RegmixJson model = new RegmixJson(fit.model(), estimator.formula(), estimator.trials());
        ObjectNode json = json(fit, model, estimator, columns, readSeconds);
        RegressionMixture fitted = fit.model();
        uncertainty.compute(RegmixUncertainty.bootstrap(estimator, frame, known == null ? null : known.labels()), frame,
                fitted, em.seed, em.threads, () -> RegmixUncertainty.louis(estimator, fitted, frame));
        uncertainty.addTo(json);
        if (known != null && known.classes() != null) {
            json.set("classes", ModelJson.MAPPER.valueToTree(known.classes()));
        }
        List<DegenerateComponent> degenerate = estimator.degenerateComponents(fit.model(), frame);
        json.set("degenerateComponents", SelectJson.degenerateArray(degenerate));
        StartsReport.warn(terminal, "fit regmix", fit);
        if (output.out != null) {
            ModelJson.write(json, output.out);
        }
        EmWarnings.report("fit regmix", fit.trace(), fit.totalWeight(), terminal);
        if (output.json) {
            terminal.out().print(ModelJson.toJson(json));
        } else {
            terminal.out().print(RegmixSummary.of(fit, estimator.formula(), readSeconds));
            uncertainty.printTable(terminal.out());
            if (!degenerate.isEmpty()) {
                terminal.out().println();
                terminal.out().print(GmmSummary.degenerateLines(degenerate, "component", "more starts (--n-init)"));
            }
            if (output.trace) {
                terminal.out().println();
                terminal.out().print(FitGmmCommand.traceTable(fit.trace()));
            }
        }
        if (output.plot != null) {
            Plots.regmix(output.plot, model, frame, input.dropMissing, fit.trace());
        }
        return 0;
    }

    private RegmixEstimator estimator(RegmixJson start) {
        if (formula == null && start == null) {
            throw new MlemUserException("--formula is required, e.g. --formula \"y ~ x\" (or --init FILE.json to take it from a model)");
        }
        if (k == null && start == null) {
            throw new MlemUserException("--k is required: give the number of components (or --init FILE.json to take it from a model)");
        }
        int components = Checks.atLeast("--k", k != null ? k : start.mixture().components(), 1);
        boolean familyGiven = spec.commandLine().getParseResult().hasMatchedOption("--family");
        Family f = start != null && !familyGiven ? start.mixture().family() : Family.byName(family);
        if (!List.of("gaussian", "poisson", "binomial").contains(f.name())) {
            throw new MlemUserException("--family " + family + " is not available for a mixture of regressions; use gaussian, "
                    + "poisson or binomial");
        }
        RegmixEstimator e = RegmixEstimator.of(formula != null ? formula : start.formula(), components).withFamily(f);
        if (start != null) {
            e = e.withLink(start.mixture().link());
        }
        String trialsColumn = trials != null ? trials : start != null ? start.trials() : null;
        if (trialsColumn != null) {
            e = e.withTrials(trialsColumn);
        }
        RegmixInit regmixInit = start != null ? new RegmixInit.Given(start.mixture())
                : init.equalsIgnoreCase("kmeans") ? new RegmixInit.KMeans(10) : RegmixInit.DEFAULT;
        DesignSpec design = DesignSpec.DEFAULTS.withDropMissing(input.dropMissing);
        if (weights != null) {
            design = design.withWeights(weights);
        }
        FixedGroups held = FixedGroups.parse(fixed, List.of("weights", "coefficients", "sd"), List.of("coefficients", "sd"),
                components, start == null ? "give one with --init FILE.json" : null);
        FixedParameters hold = FixedParameters.NONE;
        if (!held.of("weights").isEmpty()) {
            hold = hold.withWeights();
        }
        for (int j : held.of("coefficients")) {
            hold = hold.withCoefficients(j);
        }
        for (int j : held.of("sd")) {
            hold = hold.withSd(j);
        }
        return e.withInit(regmixInit).withEm(em.options(e.em())).withDesign(design).withFixed(hold);
    }

    /** The data columns the formula uses, in file order; a user error naming any that is missing. */
    static List<String> formulaColumns(String formula, CsvTable table) {
        ModelFormula f = ModelFormula.parse(formula, table.names());
        Set<String> used = new LinkedHashSet<>(f.response().columns());
        for (Term t : f.terms()) {
            for (Variable v : t.variables()) {
                used.addAll(v.columns());
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : table.names()) {
            if (used.remove(name)) {
                out.add(name);
            }
        }
        if (!used.isEmpty()) {
            throw new MlemUserException("the formula '" + formula + "' names " + String.join(", ", used)
                    + (used.size() == 1 ? ", which is not a column" : ", which are not columns") + " of the file; the columns are "
                    + String.join(", ", table.names()), table.source(), -1, -1);
        }
        return out;
    }

    private ObjectNode json(MixtureFit<RegressionMixture> fit, RegmixJson model, RegmixEstimator estimator,
            List<String> columns, double readSeconds) {
        ObjectNode node = ModelJson.fitNode("regmix", fit, columns, readSeconds);
        node.setAll(model.node());
        node.set("terms", ModelJson.MAPPER.valueToTree(fit.model().terms()));
        node.put("tol", estimator.em().tolerance());
        node.put("convergence", estimator.em().convergence().id());
        node.put("acceleration", estimator.em().acceleration().name().toLowerCase(Locale.ROOT));
        node.put("seed", em.seed);
        node.put("nInit", estimator.em().restarts());
        node.put("init", init);
        node.set("trace", ModelJson.MAPPER.valueToTree(fit.trace()));
        if (fit.startLogLikelihoods().length > 1) {
            node.set("startLogLikelihoods", ModelJson.MAPPER.valueToTree(fit.startLogLikelihoods()));
        }
        return node;
    }
}
