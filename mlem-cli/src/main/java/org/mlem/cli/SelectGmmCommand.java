package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CensoredCells;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmComponents;
import org.mlem.gmm.GmmInit;
import org.mlem.io.ModelJson;
import org.mlem.select.Criterion;
import org.mlem.select.CensoredGaussianFamily;
import org.mlem.select.CriterionTable;
import org.mlem.select.GaussianFamily;
import org.mlem.select.SelectionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem select gmm}: Gaussian mixtures over k and covariance structures, compared as mclust's mclustBIC does. */
@Command(name = "gmm", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select gmm --k 1..4 examples/faithful.csv",
                "  ./mlem select gmm --k 1..3 --covariance full,diag --out best.json \\",
                "      --plot bic.png examples/faithful.csv",
                "  ./mlem select gmm --k 2,4,6 --criterion icl --json examples/faithful.csv",
                "  ./mlem select gmm --k 1..4 --missing em examples/faithful_holes.csv",
                "  ./mlem select gmm --k 1..4 --covariance VVV --bootstrap-lrt 99 \\",
                "      examples/faithful.csv",
                "  ./mlem select gmm --k 1..3 --columns mpg,qsec --concomitant \"~ wt\" \\",
                "      examples/mtcars.csv",
                "  ./mlem select gmm --k 1..3 --covariance diag --censored-below eruptions=2 \\",
                "      examples/faithful.csv"},
        header = "Gaussian mixtures over a grid of k and covariance structures, by BIC (or ICL, AIC).",
        description = "Fit a Gaussian mixture for every k and covariance structure and print log-likelihood, parameters, "
                + "BIC, AIC and ICL of each; the lowest --criterion is marked best. mlem's criteria are lower-is-better "
                + "(-2 log L + penalty): mclust's BIC is the negative of mlem's. A candidate with a degenerate component "
                + "(as few rows as its covariance needs, a variance at the --reg-covar floor, or a spike on a few rows) "
                + "or with at least as many parameters as rows is marked and never chosen, as mclust leaves such fits NA. "
                + "In one column the models are E (equal variances, scikit-learn's tied) and V (unequal: full, diag and "
                + "spherical are this one model). Each candidate's seed derives from --seed, k and the structure, so "
                + "results do not depend on --threads, and a candidate that can be chosen not on the rest of the grid "
                + "either; a candidate a first, looser pass shows cannot be chosen is left there, marked ~ (--converge-all).")
public final class SelectGmmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "1..9|2,4,6", description = "The values of k: a range MIN..MAX or a list.")
    String k;

    @Option(names = "--covariance", split = ",", paramLabel = "TYPE",
            description = "Structures to compare, from full, tied, diag, spherical (mclust's VVV, EEE, VVI, VII; E and V "
                    + "in one column) and mclust's EII, EEI, VEI, EVI, VEE, EVE, VVE, EEV, VEV, EVV; all for every one "
                    + "(default: ${DEFAULT-VALUE}; E,V in one column).")
    List<String> covariance;

    @Mixin
    EmArgs em;

    @Option(names = "--reg-covar", paramLabel = "E|scaled",
            description = "Added to every variance in each M-step, as in fit gmm; 0 adds nothing; scaled is 1e-6 times the "
                    + "mean column variance, so the choice does not depend on the data's units (default: ${DEFAULT-VALUE}).")
    String regCovar;

    @Option(names = "--init", paramLabel = "kmeans++|random|hc",
            description = "Where each start begins: k-means++ seeding, random responsibilities, or hc (mclust's start: "
                    + "model-based hierarchical clustering of at most 2000 rows, drawn by --seed, built once and cut at "
                    + "each k) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--equal-proportions",
            description = "Hold every candidate's mixing weights at 1/k (mclust's equalPro): k-1 fewer parameters each.")
    boolean equalProportions;

    @Option(names = "--prior", paramLabel = "default",
            description = "Fit every candidate by MAP EM under mclust's default conjugate prior (priorControl()), BIC "
                    + "from the data's log-likelihood at the estimate as mclust computes it; with --covariance all, the "
                    + "models mclust gives a prior for (all but VEE, EVE, VVE, EVV; E and V in one column).")
    String prior;

    @Option(names = "--bootstrap-lrt", paramLabel = "B",
            description = "Also test k against k + 1 components for each consecutive pair in --k by mclust's parametric "
                    + "bootstrap likelihood-ratio test (mclustBootstrapLRT) with B replicates (mclust: 999), in one "
                    + "covariance model (--covariance with one name); replicates run on --threads, seeded by --seed.")
    Integer bootstrapLrt;

    @Mixin
    ConcomitantArgs concomitant;

    @Mixin
    GmmCensoringArgs censoring;

    @Mixin
    RowArgs rowArgs;

    @Mixin
    InputOptions input;

    @Mixin
    SelectOptions select;

    private CensoredCells cells;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        List<Integer> ks = KRange.parse(k);
        Criterion by = Criterion.parse(select.criterion);
        GmmInit start = gmmInit();
        EmOptions options = em.options(EmOptions.DEFAULTS);
        boolean missingEm = SelectGrid.rowOptions(spec, rowArgs, input, null);
        if (bootstrapLrt != null) {
            Checks.atLeast("--bootstrap-lrt", bootstrapLrt, 1);
            if (covariance == null || covariance.size() != 1 || covariance.get(0).strip().equalsIgnoreCase("all")) {
                throw new MlemUserException("--bootstrap-lrt tests k against k + 1 in one covariance model; name one with "
                        + "--covariance (e.g. --covariance VVV)");
            }
            if (ks.size() < 2) {
                throw new MlemUserException("--bootstrap-lrt needs at least two consecutive values of k (e.g. --k 1..4)");
            }
        }

        // the likelihood-ratio test reads every candidate's maximum: none may be left where a first pass stopped it
        select.convergeAll |= bootstrapLrt != null;
        concomitant.refuseInSelect("select gmm", rowArgs, missingEm, java.util.Map.of("--prior", prior != null,
                "--equal-proportions", equalProportions, "--bootstrap-lrt", bootstrapLrt != null));

        censoring.refuse(java.util.List.of(java.util.Map.entry("--missing em", missingEm),
                java.util.Map.entry("--concomitant", concomitant.given()), java.util.Map.entry("--bootstrap-lrt", bootstrapLrt != null)));
        CsvTable table = input.read(select.file, terminal);
        List<String> exclude = new ArrayList<>(rowArgs.sideColumns(table));
        if (censoring.given()) {
            exclude.addAll(censoring.limitColumns(table));
        }
        List<String> columns = input.modelColumns(table, null, exclude);
        input.noteTextColumns(table, exclude, terminal);
        RowArgs.Labelled in = rowArgs.labelledMatrix(table, columns, missingEm, input, terminal);
        DataMatrix data = in.data();
        int d = data.cols();
        boolean map = PriorArg.parse(prior);
        List<CovarianceStructure> variants = map ? PriorArg.variants(variants(d, terminal), allNamed(), d, terminal)
                : variants(d, terminal);
        GaussianFamily family = new GaussianFamily(RegCovarArg.parse(regCovar, data), start, options).forDimension(d)
                .withEqualProportions(equalProportions).withMissingEm(missingEm).withDefaultPrior(map);
        long t0 = System.nanoTime();
        if (concomitant.given()) {
            concomitant.read(table, in.rows());
            var gated = concomitant.family(family, (x, kk, v) -> new GmmComponents(family.estimator(kk, v), x),
                    GaussianMixture::weights, data.hasWeights() ? data.weights() : null, family.em());
            finish(terminal, SelectGrid.run(gated, ks, variants, data, by, em.threads, em.seed, select.convergeAll), t0, family, variants,
                    columns, in, g -> ConcomitantArgs.gated(ModelJson.gmmNode(g.mixture().components()), g));
        } else if (censoring.given()) {
            cells = censoring.read(table, columns, in.rows(), data);
            var censored = new CensoredGaussianFamily(family, cells, censoring.box());
            finish(terminal, SelectGrid.run(LabelledFamily.of(censored, in.check()), ks, variants, data, by, em.threads,
                    em.seed, select.convergeAll), t0, family, variants, columns, in, ModelJson::gmmNode);
        } else {
            finish(terminal, SelectGrid.run(LabelledFamily.of(family, in.check()), ks, variants, data, by, em.threads,
                    em.seed, select.convergeAll), t0, family, variants, columns, in, ModelJson::gmmNode);
        }
        return 0;
    }

    /** The table, JSON, best model's file and plots of a grid's {@code result} (candidates of model type X). */
    @SuppressWarnings("unchecked")
    private <X> void finish(Terminal terminal, SelectionResult<X> result, long t0, GaussianFamily family,
            List<CovarianceStructure> variants, List<String> columns, RowArgs.Labelled in,
            java.util.function.Function<X, ObjectNode> modelNode) {
        DataMatrix data = in.data();
        int d = data.cols();
        double seconds = (System.nanoTime() - t0) * 1e-9;

        UnaryOperator<String> mclustName = v -> structureOf(v, variants, family).mclustName(d);
        CriterionTable bic = CriterionTable.of(result, Criterion.BIC, mclustName);
        CriterionTable icl = CriterionTable.of(result, Criterion.ICL, mclustName);
        // never with --concomitant: the candidates are plain mixtures
        LrtReport lrt = bootstrapLrt == null ? null : LrtReport.run((SelectionResult<GaussianMixture>) result,
                KRange.parse(k), variants.get(0), family, data, bootstrapLrt, em.seed, em.threads);
        String lrtText = lrt == null ? "" : lrt.text();
        java.util.function.Supplier<ObjectNode> node = () -> {
            ObjectNode n = SelectGrid.node(result, data.rows(), columns, em.seed, family.em(), seconds);
            ArrayNode rows = (ArrayNode) n.get("candidates");
            for (int i = 0; i < rows.size(); i++) {
                CovarianceStructure s = structureOf(result.candidates().get(i).variant(), variants, family);
                ((ObjectNode) rows.get(i)).put("covariance", s.id()).put("mclustModel", s.mclustName(d));
            }
            n.put("regCovar", family.regCovar());
            n.put("init", init);
            n.put("equalProportions", equalProportions);
            if (family.defaultPrior()) {
                n.put("prior", "default");
            }
            if (family.missingEm()) {
                n.put("missing", "em");
            }
            n.set("bicTable", CriterionTables.json(bic));
            n.set("iclTable", CriterionTables.json(icl));
            concomitant.name(n);
            censoring.addTo(n, cells);
            if (lrt != null) {
                n.set("bootstrapLrt", lrt.json());
            }
            return n;
        };
        new SelectGrid("Gaussian mixture", "k", d == 1 ? "model" : "covariance", v -> v + (d == 1 ? " model" : " covariance")).report(terminal, result, node,
                String.format(Locale.ROOT, "%d rows, columns %s%s", data.rows(), String.join(", ", columns),
                        concomitant.describe()),
                v -> d == 1 ? v + (v.equals("E") ? " (tied)" : " (full)") : v, seconds, select, m -> {
                    ObjectNode best = modelNode.apply(m);
                    best.set("columns", ModelJson.mapper().valueToTree(columns));
                    censoring.addTo(best, cells);
                    return in.addClasses(best);
                }, CriterionTables.text(bic, "k") + CriterionTables.text(icl, "k") + lrtText);
    }

    private boolean allNamed() {
        return covariance != null && covariance.size() == 1 && covariance.get(0).strip().equalsIgnoreCase("all");
    }

    private GmmInit gmmInit() {
        GmmInit start = CoreDefaults.gmmInit(init, em.seed);
        if (start == null) {
            throw new MlemUserException("--init '" + init + "' is not kmeans++, random or hc; a model file fixes k, so start "
                    + "from it with mlem fit gmm --init FILE.json");
        }
        return start;
    }

    /**
     * The structures to compare in {@code d} columns ({@code all}: mclust's fourteen). In one column
     * every structure is E (equal variances) or V: those asked for together are fit once, with a
     * note saying so.
     */
    private List<CovarianceStructure> variants(int d, Terminal terminal) {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--covariance");
        if (!given) {
            return GaussianFamily.variants(d);
        }
        if (covariance.size() == 1 && covariance.get(0).strip().equalsIgnoreCase("all")) {
            return d == 1 ? GaussianFamily.variants(1) : List.of(CovarianceStructure.values());
        }
        List<CovarianceStructure> out = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        for (String c : covariance) {
            if (c.strip().equalsIgnoreCase("all")) {
                throw new MlemUserException("--covariance all already names every structure; give it alone");
            }
            CovarianceStructure s = CovarianceStructure.parse(c.strip(), d);
            if (d == 1) {
                s = s.mclustName(1).equals("E") ? CovarianceStructure.TIED : CovarianceStructure.FULL;
            }
            if (!out.contains(s)) {
                out.add(s);
            } else if (d == 1 && !c.strip().equalsIgnoreCase(s.mclustName(1))) {
                merged.add(c.strip());
            } else {
                throw new MlemUserException("--covariance names " + c.strip() + " twice; name each structure once");
            }
        }
        if (!merged.isEmpty()) {
            terminal.err().println("mlem: note: in one column full, diag and spherical are one model, V; fitting it once ("
                    + String.join(", ", merged) + " merged)");
        }
        return out;
    }

    private static CovarianceStructure structureOf(String variant, List<CovarianceStructure> variants, GaussianFamily family) {
        for (CovarianceStructure s : variants) {
            if (family.variantName(s).equals(variant)) {
                return s;
            }
        }
        throw new IllegalStateException("no structure named " + variant);
    }
}
