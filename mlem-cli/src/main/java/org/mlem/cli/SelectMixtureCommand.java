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
import org.mlem.em.EmOptions;
import org.mlem.io.MixtureJson;
import org.mlem.mixture.ProductComponents;
import org.mlem.mixture.ProductMixture;
import org.mlem.select.Criterion;
import org.mlem.select.ProductFamily;
import org.mlem.select.SelectionResult;
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
                + "the variant.",
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select mixture --k 1..4 --family bernoulli \\",
                "      mlem-core/src/test/resources/fixtures/realdata/birthwt_lca.csv",
                "  ./mlem select mixture --k 1..3 --family poisson,negbin --columns count \\",
                "      mlem-core/src/test/resources/fixtures/realdata/discoveries.csv",
                "  ./mlem select mixture --k 1..3 --family poisson --columns art \\",
                "      --concomitant \"~ fem + ment\" examples/biochemists.csv"})
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
