package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;
import org.mlem.glm.Family;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.regmix.FixedParameters;
import org.mlem.regmix.RegmixComponents;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegmixUncertainty;
import org.mlem.regmix.RegressionMixture;
import org.mlem.uncertainty.HeldParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlem fit regmix}: a mixture of k regressions (gaussian, poisson or binomial GLMs), as flexmix. */
@Command(name = "regmix", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit regmix --k 2 --formula \"mpg ~ hp\" --n-init 5 examples/mtcars.csv",
                "  ./mlem fit regmix --k 2 --family poisson --formula \"breaks ~ tension\" \\",
                "      --out rm.json examples/warpbreaks.csv",
                "  ./mlem fit regmix --k 2 --formula \"mpg ~ hp\" --standard-errors louis \\",
                "      examples/mtcars.csv",
                "  ./mlem fit regmix --k 2 --family poisson --formula \"breaks ~ tension\" \\",
                "      --concomitant \"~ wool\" examples/warpbreaks.csv"},
        header = "Mixture of regressions (gaussian, poisson, binomial), as R's flexmix.", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit k regressions sharing one R-style formula, each row belonging to a hidden component, by EM: "
                + "the E-step weighs each row by how well each component's regression explains it, the M-step refits "
                + "each component by weighted least squares (gaussian) or weighted GLM (poisson, binomial). The start is "
                + "flexmix's, a random assignment of rows; where flexmix stops after 200 iterations or a change of 1e-6, "
                + "EM here runs to the maximum (see --convergence). --missing em is refused: a row's covariates enter "
                + "the model matrix, which has no distribution to integrate them over (a missing response would only "
                + "drop the row); --drop-missing leaves such rows out and says how many.")
public final class FitRegmixCommand extends EmFitCommand<RegressionMixture> {
    @Mixin
    ConcomitantArgs concomitant;

    @Option(names = "--k", paramLabel = "K", description = "Number of components (default: the --init model's).")
    Integer k;

    @Option(names = "--formula", paramLabel = "\"y ~ x\"",
            description = "R-style formula: response ~ terms (x, x1 + x2, I(x^2), log(x), factors, a:b; -1 drops the "
                    + "intercept). For binomial the response counts successes (0/1 without --trials), or is "
                    + "cbind(successes, failures), or a yes/no (TRUE/FALSE) column. "
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

    /** The groups {@code --fixed} holds, per component (for the standard errors). */
    private FixedGroups heldGroups = new FixedGroups(Map.of());

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    private RegmixEstimator estimator;
    private CsvTable table;
    private Frame frame;

    @Override
    String kind() {
        return "regmix";
    }

    /** Why a regression mixture takes no {@code --missing em} (fit and select). */
    static final String NO_MISSING = "a regression mixture needs its covariates and response in every row (use "
            + "--drop-missing to leave out rows with missing cells)";

    @Override
    String missingRefusal() {
        return NO_MISSING;
    }

    @Override
    void prepare(Terminal terminal) {
        if (input.columns != null && !input.columns.isEmpty()) {
            throw new MlemUserException("--columns does not apply to regmix: the formula names the columns");
        }
        RegmixJson start = init.equalsIgnoreCase("random") || init.equalsIgnoreCase("kmeans") ? null
                : ModelFiles.regmix(Path.of(init));
        estimator = estimator(start);
        table = input.read(file, terminal);
        frame = Frame.of(table);
        columns = formulaColumns(estimator.formula(), table);
        if (output.plot != null) {
            RegmixPicture.predictor(estimator.formula(), table.names());
        }
        knownLabels(table, table.allRows().rows(), estimator.components());
        concomitant.refuse(rowArgs, uncertainty, fixedGroups(), false);
        if (concomitant.given()) {
            regmixComponents = new RegmixComponents(estimator, frame);
            concomitant.read(table, regmixComponents.sourceRows());
        }
    }

    /** The components for {@code --concomitant}, on the rows the formula uses. */
    private RegmixComponents regmixComponents;

    @Override
    EmOptions emOptions() {
        return estimator.em();
    }

    @Override
    MixtureFit<RegressionMixture> fit(long seed, Progress progress) {
        MixtureFit<RegressionMixture> plain = estimator.fit(frame, known() == null ? null : known().labels(), seed,
                concomitant.listener(progress));
        return concomitant.given() ? concomitant.fit(regmixComponents, plain, RegressionMixture::weights,
                regmixComponents.rowWeights(), estimator.em(),
                (m, posterior) -> !estimator.degenerateComponents(m, frame).isEmpty()) : plain;
    }

    @Override
    void standardErrors(UncertaintyArgs args, RegressionMixture model, long seed) {
        if (concomitant.given()) {
            concomitant.standardErrors(args, seed, em.threads);
            return;
        }
        int[] labels = known() == null ? null : known().labels();
        Predicate<String> held = HeldParameters.components(heldGroups.groups(), HeldParameters.REGMIX);
        args.compute(RegmixUncertainty.bootstrap(estimator, frame, labels), frame, model, seed, em.threads,
                () -> RegmixUncertainty.louis(estimator, model, frame, labels, held), held);
    }

    @Override
    MlemUserException locate(MlemUserException e) {
        if (!e.place().isEmpty()) {
            return e;
        }
        // the core names a response the family cannot take by its 1-based row of the frame, which is the table's
        MlemUserException placed = FrameInput.atLine(e, table, table.allRows().rows());
        return placed.place().isEmpty() ? new MlemUserException(e.getMessage(), table.source(), -1, -1) : placed;
    }

    @Override
    String init() {
        return init;
    }

    @Override
    List<String> fixedGroups() {
        return groupNames(fixed);
    }

    @Override
    ObjectNode modelNode(MixtureFit<RegressionMixture> fit) {
        ObjectNode node = model(fit).node();
        node.set("terms", ModelJson.mapper().valueToTree(fit.model().terms()));
        concomitant.addTo(node);
        return node;
    }

    @Override
    String extraSummary(MixtureFit<RegressionMixture> fit) {
        return concomitant.summary();
    }

    private RegmixJson model(MixtureFit<RegressionMixture> fit) {
        return RegmixJson.of(fit.model(), estimator.formula(), estimator.trials(), estimator.fittedDesign(frame));
    }

    @Override
    String summary(MixtureFit<RegressionMixture> fit, double readSeconds) {
        return RegmixSummary.of(fit, estimator.formula(), readSeconds);
    }

    @Override
    List<DegenerateComponent> degenerate(RegressionMixture model) {
        return estimator.degenerateComponents(model, frame);
    }

    @Override
    void plot(Path png, MixtureFit<RegressionMixture> fit) {
        Plots.regmix(png, model(fit), frame, input.dropMissing, fit.trace());
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
        if (rowArgs.weights != null) {
            design = design.withWeights(rowArgs.weights);
        }
        FixedGroups held = FixedGroups.parse(fixed, List.of("weights", "coefficients", "sd"), List.of("coefficients", "sd"),
                components, start == null ? "give one with --init FILE.json" : null);
        heldGroups = held;
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
}
