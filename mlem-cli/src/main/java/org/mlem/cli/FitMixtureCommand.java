package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.MixtureJson;
import org.mlem.mixture.FixedParameters;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductComponents;
import org.mlem.mixture.ProductDegeneracy;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ProductMixtureUncertainty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlem fit mixture}: a mixture of any families, one per column (mixed types, latent class analysis, counts). */
@Command(name = "mixture", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit mixture --family poisson --k 2 --column breaks \\",
                "      examples/warpbreaks.csv",
                "  ./mlem fit mixture --family bernoulli --k 2 --columns vs,am --n-init 5 \\",
                "      examples/mtcars.csv",
                "  ./mlem fit mixture --families eruptions=gamma,waiting=normal --k 2 \\",
                "      --out mix.json examples/faithful.csv",
                "  ./mlem fit mixture --family poisson --k 2 --column breaks \\",
                "      --bootstrap 200 --seed 1 examples/warpbreaks.csv",
                "  ./mlem fit mixture --family weibull --k 2 --column time \\",
                "      --status status examples/lung.csv",
                "  ./mlem fit mixture --family poisson --k 2 --column art \\",
                "      --concomitant \"~ fem + ment\" examples/biochemists.csv"},
        header = "Mixture of any families: counts, binary (latent class analysis), mixed-type columns.",
        versionProvider = Version.class, sortOptions = false,
        description = "Fit a k-component mixture by EM. Each component is a product of independent per-column "
                + "distributions: --family F on every chosen column (bernoulli on several columns is latent class "
                + "analysis; multinomial treats the columns as one vector of counts), or --families a=poisson,b=normal "
                + "one family per column. Families: normal, lognormal, exponential, gamma, weibull, beta, t, laplace, "
                + "logistic, poisson, negbin, geometric, binomial:SIZE, bernoulli, categorical[:K], multinomial. "
                + "Parameters are named as R names them (poisson lambda, normal mean and sd, ...). With --status or "
                + "--interval (as fit dist reads them) the one column's rows may be right-, left- or interval-censored: "
                + "a censored row's component term is its probability (survival, F(u), F(u) - F(l)); continuous families.")
public final class FitMixtureCommand extends EmFitCommand<ProductMixture> {
    @Mixin
    ConcomitantArgs concomitant;

    @Option(names = "--family", paramLabel = "F", description = "The family of every chosen column.")
    String family;

    @Option(names = "--families", split = ",", paramLabel = "COLUMN=FAMILY",
            description = "One family per column, e.g. a=poisson,b=bernoulli,c=normal (a product, mixed-type mixture); "
                    + "the columns are modelled in this order.")
    List<String> families;

    @Option(names = "--k", paramLabel = "K", description = "Number of components (default: the --init model's).")
    Integer k;

    @Option(names = "--column", paramLabel = "C", description = "The one column to model (same as --columns C).")
    String column;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "kmeans++|random|FILE.json",
            description = "Where EM starts: hard labels from k-means++ on standardised columns, random responsibilities, "
                    + "or a model file's parameters (an E-step first; its families and k are used) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Parameter groups held at the --init model's values, bit for bit: weights, components, or "
                    + "component:J for component J alone.")
    List<String> fixed;

    /** The groups {@code --fixed} holds, per component (for the standard errors). */
    private FixedGroups heldGroups = new FixedGroups(Map.of());

    @Mixin
    CensoringArgs censoring;

    /** The censored fit, with --status or --interval; null otherwise. */
    private CensoredMixtureRun censored;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    private ProductMixtureEstimator estimator;
    private DataMatrix data;

    @Override
    String kind() {
        return "mixture";
    }

    @Override
    void prepare(Terminal terminal) {
        if (censoring.given()) {
            if (concomitant.given()) {
                throw new MlemUserException("--concomitant with --status or --interval is not available yet: the censored "
                        + "mixture's weights do not depend on covariates; drop one of them");
            }
            censored = CensoredMixtureRun.prepare(this, terminal);
            return;
        }
        ProductMixture start = ModelFiles.isFile(init) ? ModelFiles.mixture(Path.of(init)) : null;
        checkFlags(start);
        boolean missingEm = missingEm();
        concomitant.refuse(rowArgs, uncertainty, fixedGroups(), missingEm);
        CsvTable table = input.read(file, terminal);
        input.missingUse = MissingCells.USE;
        List<String> exclude = sideColumns(table);
        Map<String, String> perColumn = families == null ? null : MixtureLayout.parseFamilies(families);
        columns = chooseColumns(table, start, perColumn, exclude, terminal);
        estimator = estimator(start, perColumn, columns.size()).withMissingEm(missingEm);
        data = matrix(table, columns, estimator.components(), missingEm, terminal);
        MixtureLayout.checkSupport(estimator.layout(), data, table, rowsFitted(), missingEm);
        if (concomitant.given()) {
            concomitant.read(table, rowsFitted());
        }
    }

    @Override
    EmOptions emOptions() {
        return censored != null ? censored.emOptions() : estimator.em();
    }

    @Override
    MixtureFit<ProductMixture> fit(long seed, Progress progress) {
        if (censored != null) {
            return censored.fit(seed, progress);
        }
        MixtureFit<ProductMixture> plain = estimator.fit(data, seed, concomitant.listener(progress));
        return concomitant.given() ? concomitant.fit(new ProductComponents(estimator, data), plain,
                ProductMixture::weights, data.hasWeights() ? data.weights() : null, estimator.em(),
                (m, posterior) -> !ProductDegeneracy.of(m, data).isEmpty()) : plain;
    }

    @Override
    void standardErrors(UncertaintyArgs args, ProductMixture model, long seed) {
        if (censored != null) {
            censored.standardErrors(args, model, seed);
            return;
        }
        if (concomitant.given()) {
            concomitant.standardErrors(args, seed, em.threads);
            return;
        }
        Map<String, TreeSet<Integer>> groups = new HashMap<>();
        if (!heldGroups.of("weights").isEmpty()) {
            groups.put("weights", heldGroups.of("weights"));
        }
        TreeSet<Integer> comps = new TreeSet<>(heldGroups.of("components"));
        comps.addAll(heldGroups.of("component"));
        if (!comps.isEmpty()) {
            groups.put("components", comps);
        }
        Predicate<String> held = HeldParameters.components(groups, HeldParameters.MIXTURE);
        args.compute(ProductMixtureUncertainty.bootstrap(estimator), data, model, seed, em.threads,
                () -> ProductMixtureUncertainty.louis(model, data, held), held);
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
    ObjectNode modelNode(MixtureFit<ProductMixture> fit) {
        ObjectNode node = MixtureJson.node(fit.model());
        if (censored != null) {
            censored.addTo(node);
        }
        concomitant.addTo(node);
        return node;
    }

    @Override
    String extraSummary(MixtureFit<ProductMixture> fit) {
        return concomitant.summary();
    }

    @Override
    String summary(MixtureFit<ProductMixture> fit, double readSeconds) {
        String s = MixtureSummary.of(fit, known() == null ? null : known().classes(), readSeconds);
        return censored != null ? s + censored.summaryLine() : s;
    }

    @Override
    List<DegenerateComponent> degenerate(ProductMixture model) {
        if (censored != null) {
            return List.of();
        }
        return ProductDegeneracy.of(model, data);
    }

    @Override
    void plot(Path png, MixtureFit<ProductMixture> fit) {
        if (censored != null) {
            censored.plot(png, fit);
            return;
        }
        Plots.mixture(png, data, fit.model(), fit.trace());
    }

    private void checkFlags(ProductMixture start) {
        int given = (family != null ? 1 : 0) + (families != null ? 1 : 0);
        if (given > 1) {
            throw new MlemUserException("--family and --families both given; use --family F for every column or "
                    + "--families a=F1,b=F2 for one per column");
        }
        if (start == null && given == 0) {
            throw new MlemUserException("--family is required (e.g. --family poisson), or --families a=poisson,b=normal, "
                    + "or --init FILE.json to take the families from a model");
        }
        if (family != null && !family.trim().equalsIgnoreCase("multinomial")) {
            Families.byName(family);
        }
        if (families != null) {
            MixtureLayout.parseFamilies(families).values().forEach(f -> {
                if (!f.equalsIgnoreCase("multinomial")) {
                    Families.byName(f);
                }
            });
        }
        if (k == null && start == null) {
            throw new MlemUserException("--k is required: give the number of components (or --init FILE.json to take it from a model)");
        }
        if (column != null && input.columns != null && !input.columns.isEmpty()) {
            throw new MlemUserException("--column and --columns both given; use one");
        }
    }

    private List<String> chooseColumns(CsvTable table, ProductMixture start, Map<String, String> perColumn,
            List<String> exclude, Terminal terminal) {
        if (column != null) {
            return table.resolve(List.of(column), exclude);
        }
        if (perColumn != null && (input.columns == null || input.columns.isEmpty())) {
            return table.resolve(new ArrayList<>(perColumn.keySet()), exclude);
        }
        List<String> columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        if (perColumn != null && !columns.equals(new ArrayList<>(perColumn.keySet()))) {
            throw new MlemUserException("--columns " + String.join(",", columns) + " differ from the --families columns "
                    + String.join(",", perColumn.keySet()) + "; --families alone chooses the columns");
        }
        return columns;
    }

    private ProductMixtureEstimator estimator(ProductMixture start, Map<String, String> perColumn, int d) {
        int components;
        ProductMixtureEstimator e;
        if (start != null && family == null && perColumn == null) {
            components = k != null ? k : start.k();
            if (components != start.k()) {
                throw new MlemUserException("--k " + k + " but the --init model has k=" + start.k() + "; drop --k or make them agree");
            }
            if (d != start.dimension()) {
                throw new MlemUserException("the --init model has " + start.dimension() + " columns but " + d
                        + " were chosen; choose the model's columns " + start.columns());
            }
            e = ProductMixtureEstimator.of(components, start.layout());
        } else {
            components = Checks.atLeast("--k", k != null ? k : start.k(), 1);
            e = perColumn != null ? MixtureLayout.perColumn(components, perColumn) : MixtureLayout.sameFamily(components, family, d);
        }
        MixtureInit mixtureInit = start != null ? new MixtureInit.Given(start)
                : init.equalsIgnoreCase("random") ? new MixtureInit.RandomResponsibilities() : MixtureInit.DEFAULT;
        FixedGroups held = FixedGroups.parse(fixed, List.of("weights", "components", "component"), List.of("component"),
                components, start == null ? "give one with --init FILE.json" : null);
        heldGroups = held;
        FixedParameters f = FixedParameters.NONE;
        if (!held.of("weights").isEmpty()) {
            f = f.withWeights(start.weights());
        }
        TreeSet<Integer> comps = new TreeSet<>(held.of("components"));
        comps.addAll(held.of("component"));
        for (int j : comps) {
            f = f.withComponent(j, start.component(j));
        }
        return e.withInit(mixtureInit).withEm(em.options(e.em())).withFixed(f);
    }
}
