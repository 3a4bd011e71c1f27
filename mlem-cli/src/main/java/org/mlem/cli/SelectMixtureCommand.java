package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.EmOptions;
import org.mlem.io.MixtureJson;
import org.mlem.mixture.ProductComponents;
import org.mlem.mixture.ProductMixture;
import org.mlem.select.CensoredMixtureFamily;
import org.mlem.select.Criterion;
import org.mlem.select.ProductFamily;
import org.mlem.select.SelectionResult;
import org.mlem.survival.CensoredLikelihood;
import org.mlem.survival.RowException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem select mixture}: mixtures of per-column families (latent class analysis) over k and families. */
@Command(name = "mixture", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Mixtures of per-column families (latent classes) over a grid of k and families, by BIC (or ICL, AIC).",
        description = "Fit a mixture of independent per-column families for every k and family variant and print "
                + "log-likelihood, parameters, BIC, AIC and ICL of each, as select gmm does; the lowest --criterion is "
                + "marked best. Each name in --family is one variant (that family for every chosen column); --families "
                + "adds one variant with a family per column. A candidate with a component holding fewer than two rows or "
                + "with at least as many parameters as rows is marked and never chosen; a family the data do not fit "
                + "(counts for a negative cell, say) is listed as failed. Each candidate's seed derives from --seed, k and "
                + "the variant. With --status or --interval (read as fit mixture reads them) the one column's rows may be "
                + "right-, left- or interval-censored: each --family (continuous) is then fitted as fit mixture fits a "
                + "censored mixture, and compared by the censored log-likelihood.",
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select mixture --k 1..4 --family bernoulli \\",
                "      mlem-core/src/test/resources/fixtures/realdata/birthwt_lca.csv",
                "  ./mlem select mixture --k 1..3 --family poisson,negbin --columns count \\",
                "      mlem-core/src/test/resources/fixtures/realdata/discoveries.csv",
                "  ./mlem select mixture --k 1..3 --family poisson --columns art \\",
                "      --concomitant \"~ fem + ment\" examples/biochemists.csv",
                "  ./mlem select mixture --k 1..3 --family weibull,lognormal --columns time \\",
                "      --status status examples/lung.csv"})
public final class SelectMixtureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "1..9|2,4,6", description = "The values of k: a range MIN..MAX or a list.")
    String k;

    @Option(names = "--family", split = ",", paramLabel = "F",
            description = "Families to compare, each for every chosen column (e.g. poisson,negbin).")
    List<String> family;

    @Option(names = "--families", split = ",", paramLabel = "COLUMN=FAMILY",
            description = "One more variant with one family per column, e.g. a=poisson,b=bernoulli; the columns are "
                    + "modelled in this order.")
    List<String> families;

    @Mixin
    EmArgs em;

    @Mixin
    ConcomitantArgs concomitant;

    @Mixin
    RowArgs rowArgs;

    @Mixin
    CensoringArgs censoring;

    @Mixin
    InputOptions input;

    @Mixin
    SelectOptions select;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        if (family == null && families == null) {
            throw new MlemUserException("--family is required (e.g. --family poisson,negbin), or --families a=poisson,b=normal");
        }
        List<Integer> ks = KRange.parse(k);
        Criterion by = Criterion.parse(select.criterion);
        if (censoring.given()) {
            censored(ks, by, terminal);
            return 0;
        }
        Map<String, String> perColumn = families == null ? null : MixtureLayout.parseFamilies(families);
        boolean missingEm = SelectGrid.rowOptions(spec, rowArgs, input, null);
        concomitant.refuseInSelect("select mixture", rowArgs, missingEm, java.util.Map.of());
        CsvTable table = input.read(select.file, terminal);
        List<String> exclude = rowArgs.sideColumns(table);
        List<String> columns;
        if (perColumn != null && (input.columns == null || input.columns.isEmpty())) {
            columns = table.resolve(new ArrayList<>(perColumn.keySet()), exclude);
        } else {
            columns = input.modelColumns(table, null, exclude);
            input.noteTextColumns(table, exclude, terminal);
        }
        if (perColumn != null && !columns.equals(new ArrayList<>(perColumn.keySet()))) {
            throw new MlemUserException("--columns " + String.join(",", columns) + " differ from the --families columns "
                    + String.join(",", perColumn.keySet()) + "; --families alone chooses the columns");
        }
        RowArgs.Labelled in = rowArgs.labelledMatrix(table, columns, missingEm, input, terminal);
        DataMatrix data = in.data();
        List<ProductFamily.Layout> variants = new ArrayList<>();
        for (String f : family == null ? List.<String>of() : family) {
            String name = f.strip().toLowerCase(Locale.ROOT);
            if (variants.stream().anyMatch(v -> v.name().equals(name))) {
                throw new MlemUserException("--family names " + name + " twice; name each family once");
            }
            variants.add(new ProductFamily.Layout(name, MixtureLayout.sameFamily(1, name, columns.size()).layout()));
        }
        if (perColumn != null) {
            List<String> names = new ArrayList<>();
            perColumn.forEach((c, f) -> names.add(c + "=" + f));
            variants.add(new ProductFamily.Layout(String.join(",", names), MixtureLayout.perColumn(1, perColumn).layout()));
        }
        ProductFamily productFamily = new ProductFamily(em.options(EmOptions.DEFAULTS), missingEm);
        long t0 = System.nanoTime();
        if (concomitant.given()) {
            concomitant.read(table, in.rows());
            var gated = concomitant.family(productFamily, (x, kk, v) -> new ProductComponents(productFamily.estimator(kk, v), x),
                    ProductMixture::weights, data.hasWeights() ? data.weights() : null, productFamily.em());
            finish(terminal, SelectGrid.run(gated, ks, variants, data, by, em.threads, em.seed, select.convergeAll), t0, productFamily, columns,
                    in, g -> ConcomitantArgs.gated(MixtureJson.node(g.mixture().components()), g));
        } else {
            finish(terminal, SelectGrid.run(LabelledFamily.of(productFamily, in.check()), ks, variants, data, by,
                    em.threads, em.seed, select.convergeAll), t0, productFamily, columns, in, MixtureJson::node);
        }
        return 0;
    }

    /**
     * With {@code --status} or {@code --interval}: mixtures of each named continuous family fitted to the
     * one column's censored rows ({@link CensoredMixtureFamily}), each candidate {@code fit mixture}'s
     * with the same options and the candidate's seed.
     */
    private void censored(List<Integer> ks, Criterion by, Terminal terminal) {
        censoring.check();
        String flag = families != null ? "--families" : concomitant.given() ? "--concomitant"
                : rowArgs.labels != null ? "--labels" : rowArgs.missingEm(input) ? "--missing em" : null;
        if (flag != null) {
            throw new MlemUserException(flag + " is not implemented for censored mixtures (--status/--interval); leave it out");
        }
        List<UnivariateFamily> variants = new ArrayList<>();
        for (String f : family) {
            UnivariateFamily uf = Families.byName(f);
            if (variants.stream().anyMatch(v -> v.name().equals(uf.name()))) {
                throw new MlemUserException("--family names " + uf.name() + " twice; name each family once");
            }
            if (uf.isDiscrete()) {
                throw new MlemUserException("censored mixtures are implemented for continuous families; " + uf.name()
                        + " is a count family: name continuous ones (--family weibull,lognormal) or drop --status/--interval");
            }
            variants.add(uf);
        }
        CsvTable table = input.read(select.file, terminal);
        CensoringArgs.Rows read = censoring.readRows(table, CensoredMixtureRun.valueColumn(null, input.columns),
                rowArgs.sideColumns(table), rowArgs.weights, input.dropMissing, terminal);
        String column = read.columns().get(0);
        requireSupport(variants, read, table);
        EmOptions options = em.options(EmOptions.DEFAULTS);
        CensoredMixtureFamily censoredFamily = new CensoredMixtureFamily(options, column);
        long t0 = System.nanoTime();
        SelectionResult<ProductMixture> result;
        try {
            result = SelectGrid.run(censoredFamily, ks, variants, read.sample(), by, em.threads, em.seed,
                    select.convergeAll);
        } catch (RowException e) {
            throw table.errorAt(column, read.rows()[e.row()], e.problem());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        java.util.function.Supplier<ObjectNode> node = () -> {
            ObjectNode n = SelectGrid.node(result, read.rows().length, List.of(column), em.seed, options, seconds);
            CensoringArgs.addCounts(n, read.sample());
            return n;
        };
        new SelectGrid("Censored mixture", "k", "family", v -> "family " + v).report(terminal, result, node,
                String.format(Locale.ROOT, "%d rows, column %s; %s", read.rows().length, column,
                        CensoringArgs.countsLine(read.sample()).replaceFirst("^censoring\\s+", "").strip()),
                v -> v, seconds, select, m -> {
                    ObjectNode n = MixtureJson.node(m);
                    CensoringArgs.addCounts(n, read.sample());
                    return n;
                });
    }

    /**
     * Stops at the line of the first row outside every family's support (a negative bound of positive
     * families); a family some row excludes while another family takes every row is listed as failed.
     */
    private static void requireSupport(List<UnivariateFamily> variants, CensoringArgs.Rows read, CsvTable table) {
        RowException first = null;
        for (UnivariateFamily f : variants) {
            try {
                CensoredLikelihood.checkSupport(f, read.sample().lower(), read.sample().upper());
                return;
            } catch (RowException e) {
                first = first == null ? e : first;
            }
        }
        throw table.errorAt(read.columns().get(0), read.rows()[first.row()], first.problem());
    }

    /** The table, JSON, best model's file and plot of a grid's {@code result} (candidates of model type X). */
    private <X> void finish(Terminal terminal, SelectionResult<X> result, long t0, ProductFamily productFamily,
            List<String> columns, RowArgs.Labelled in, java.util.function.Function<X, ObjectNode> modelNode) {
        double seconds = (System.nanoTime() - t0) * 1e-9;
        DataMatrix data = in.data();
        java.util.function.Supplier<ObjectNode> node = () -> {
            ObjectNode n = SelectGrid.node(result, data.rows(), columns, em.seed, productFamily.em(), seconds);
            if (productFamily.missingEm()) {
                n.put("missing", "em");
            }
            concomitant.name(n);
            return n;
        };
        new SelectGrid("Mixture", "k", "families", v -> "families " + v).report(terminal, result, node,
                String.format(Locale.ROOT, "%d rows, columns %s%s", data.rows(), String.join(", ", columns),
                        concomitant.describe()), v -> v, seconds, select, m -> in.addClasses(modelNode.apply(m)));
    }
}
