package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.regmix.RegmixComponents;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegressionMixture;
import org.mlem.select.Criterion;
import org.mlem.select.RegmixFamily;
import org.mlem.select.SelectionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem select regmix}: mixtures of regressions over k and the response's family. */
@Command(name = "regmix", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Mixtures of regressions over a grid of k and families, by BIC (or ICL, AIC).",
        description = "Fit a mixture of k regressions of one R-style formula for every k and family and print "
                + "log-likelihood, parameters, BIC, AIC and ICL of each, as select gmm does; the lowest --criterion is "
                + "marked best. A candidate with a component on fewer rows than its coefficients and sd, or a gaussian "
                + "component that is a spike on a few rows, or with at least as many parameters as rows, is marked and "
                + "never chosen; a family the response does not fit is listed as failed. Each candidate's seed derives "
                + "from --seed, k and the family.",
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select regmix --k 1..3 --formula \"yn ~ x + I(x^2)\" \\",
                "      mlem-core/src/test/resources/fixtures/regmix/npreg.csv",
                "  ./mlem select regmix --k 1..3 --formula \"yp ~ x\" --family gaussian,poisson \\",
                "      mlem-core/src/test/resources/fixtures/regmix/npreg.csv",
                "  ./mlem select regmix --k 1..3 --formula \"breaks ~ tension\" \\",
                "      --family poisson --concomitant \"~ wool\" examples/warpbreaks.csv"})
public final class SelectRegmixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "1..9|2,4,6", description = "The values of k: a range MIN..MAX or a list.")
    String k;

    @Option(names = "--formula", required = true, paramLabel = "\"y ~ x\"", description = "R-style formula, as in fit regmix.")
    String formula;

    @Option(names = "--family", split = ",", paramLabel = "F", defaultValue = "gaussian",
            description = "Families to compare, from gaussian, poisson and binomial (default: ${DEFAULT-VALUE}).")
    List<String> family;

    @Option(names = "--trials", paramLabel = "COLUMN", description = "binomial: the column of numbers of trials.")
    String trials;

    /** The model matrix of the rows fitted, whose factor levels and bases the best model's file keeps. */
    private org.mlem.formula.Design fitted;

    @Option(names = "--init", paramLabel = "random|kmeans", defaultValue = "random",
            description = "Where each start begins: a random assignment of rows or k-means on the scaled (x, y) "
                    + "(default: ${DEFAULT-VALUE}).")
    String init;

    @Mixin
    EmArgs em;

    @Mixin
    ConcomitantArgs concomitant;

    @Mixin
    RowArgs rowArgs;

    @Mixin
    InputOptions input;

    @Mixin
    SelectOptions select;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        if (input.columns != null && !input.columns.isEmpty()) {
            throw new MlemUserException("--columns does not apply to regmix: the formula names the columns");
        }
        SelectGrid.rowOptions(spec, rowArgs, input, FitRegmixCommand.NO_MISSING);
        concomitant.refuseInSelect("select regmix", rowArgs, false, java.util.Map.of());
        List<Integer> ks = KRange.parse(k);
        Criterion by = Criterion.parse(select.criterion);
        List<Family> variants = new ArrayList<>();
        for (String f : family) {
            Family v = Family.byName(f.strip());
            if (!List.of("gaussian", "poisson", "binomial").contains(v.name())) {
                throw new MlemUserException("--family " + f.strip() + " is not available for a mixture of regressions; use "
                        + "gaussian, poisson or binomial");
            }
            if (variants.stream().anyMatch(x -> x.name().equals(v.name()))) {
                throw new MlemUserException("--family names " + v.name() + " twice; name each family once");
            }
            variants.add(v);
        }
        RegmixInit start = switch (init.toLowerCase(Locale.ROOT)) {
            case "random" -> RegmixInit.DEFAULT;
            case "kmeans" -> new RegmixInit.KMeans(10);
            default -> throw new MlemUserException("--init '" + init + "' is not random or kmeans; a model file fixes k, so "
                    + "start from it with mlem fit regmix --init FILE.json");
        };
        DesignSpec design = DesignSpec.DEFAULTS.withDropMissing(input.dropMissing);
        if (rowArgs.weights != null) {
            design = design.withWeights(rowArgs.weights);
        }
        RegmixEstimator settings = RegmixEstimator.of(formula, 1).withTrials(trials).withInit(start).withDesign(design);

        CsvTable table = input.read(select.file, terminal);
        Frame frame = Frame.of(table);
        List<String> columns = FitRegmixCommand.formulaColumns(formula, table);
        LabelColumn known = rowArgs.labels == null ? null : LabelColumn.read(table, rowArgs.labels, table.allRows().rows());
        RegmixFamily regmixFamily = new RegmixFamily(settings.withEm(em.options(settings.em())),
                known == null ? null : known.labels());
        long t0 = System.nanoTime();
        fitted = settings.fittedDesign(frame);
        if (concomitant.given()) {
            RegmixComponents first = new RegmixComponents(regmixFamily.estimator(ks.get(0), variants.get(0)), frame);
            concomitant.read(table, first.sourceRows()); // the rows the formula uses, whatever k and family
            var gated = concomitant.family(regmixFamily, (x, kk, v) -> new RegmixComponents(regmixFamily.estimator(kk, v), x),
                    RegressionMixture::weights, first.rowWeights(), regmixFamily.settings().em());
            finish(terminal, SelectGrid.run(gated, ks, variants, frame, by, em.threads, em.seed, select.convergeAll), t0, regmixFamily,
                    columns, frame, g -> ConcomitantArgs.gated(regmixNode(g.mixture().components(), columns), g));
        } else {
            finish(terminal, SelectGrid.run(LabelledFamily.of(regmixFamily, known == null ? null : known::check), ks,
                    variants, frame, by, em.threads, em.seed, select.convergeAll), t0, regmixFamily, columns, frame, m -> regmixNode(m, columns));
        }
        return 0;
    }

    /** The table, JSON, best model's file and plot of a grid's {@code result} (candidates of model type X). */
    private <X> void finish(Terminal terminal, SelectionResult<X> result, long t0, RegmixFamily regmixFamily,
            List<String> columns, Frame frame, java.util.function.Function<X, ObjectNode> modelNode) {
        double seconds = (System.nanoTime() - t0) * 1e-9;
        java.util.function.Supplier<ObjectNode> node = () -> {
            ObjectNode n = SelectGrid.node(result, frame.rows(), columns, em.seed, regmixFamily.settings().em(), seconds);
            n.put("formula", formula);
            concomitant.name(n);
            return n;
        };
        new SelectGrid("Mixture of regressions", "k", "family", v -> "family " + v).report(terminal, result, node,
                String.format(Locale.ROOT, "%s, %d rows%s", formula, frame.rows(), concomitant.describe()), v -> v, seconds,
                select, modelNode);
    }

    /** The model file of a plain regression mixture, as fit regmix writes it. */
    private ObjectNode regmixNode(RegressionMixture m, List<String> columns) {
        ObjectNode best = RegmixJson.of(m, formula, trials, fitted).node();
        best.set("columns", ModelJson.mapper().valueToTree(columns));
        best.set("terms", ModelJson.mapper().valueToTree(m.terms()));
        return best;
    }
}
