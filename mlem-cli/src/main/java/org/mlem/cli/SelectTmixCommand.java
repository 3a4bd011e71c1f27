package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.io.ModelJson;
import org.mlem.io.TMixtureJson;
import org.mlem.select.Criterion;
import org.mlem.select.SelectionResult;
import org.mlem.select.TMixtureFamily;
import org.mlem.tmix.TMixture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem select tmix}: t mixtures over k and free or fixed degrees of freedom. */
@Command(name = "tmix", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "t mixtures over a grid of k and degrees of freedom, by BIC (or ICL, AIC).",
        description = "Fit a multivariate t mixture for every k and degrees-of-freedom variant (free: one ν per "
                + "component, estimated; a number: every component held at it) and print log-likelihood, parameters, "
                + "BIC, AIC and ICL of each, as select gmm does; the lowest --criterion is marked best. A candidate with a "
                + "degenerate component or with at least as many parameters as rows is marked and never chosen. Each "
                + "candidate's seed derives from --seed, k and the variant.",
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select tmix --k 1..3 --df free,4 examples/faithful_outliers.csv",
                "  ./mlem select tmix --k 2..4 --criterion icl --out best.json \\",
                "      examples/faithful_outliers.csv",
                "  ./mlem select tmix --k 1..3 --missing em examples/faithful_holes.csv"})
public final class SelectTmixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "1..9|2,4,6", description = "The values of k: a range MIN..MAX or a list.")
    String k;

    @Option(names = "--df", split = ",", paramLabel = "free|NU", defaultValue = "free",
            description = "Degrees-of-freedom variants: free (estimated per component) or a positive number held for "
                    + "every component (default: ${DEFAULT-VALUE}).")
    List<String> df;

    @Mixin
    EmArgs em;

    @Option(names = "--reg-covar", paramLabel = "E", defaultValue = "1e-6",
            description = "Added to the scale matrices' diagonals in each M-step (default: ${DEFAULT-VALUE}).")
    double regCovar;

    @Mixin
    RowArgs rowArgs;

    @Mixin
    InputOptions input;

    @Mixin
    SelectOptions select;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        List<Integer> ks = KRange.parse(k);
        Criterion by = Criterion.parse(select.criterion);
        List<TMixtureFamily.Df> variants = new ArrayList<>();
        for (String v : df) {
            TMixtureFamily.Df d = TMixtureFamily.Df.parse(v);
            if (variants.contains(d)) {
                throw new MlemUserException("--df names " + v.strip() + " twice; name each variant once");
            }
            variants.add(d);
        }
        boolean missingEm = SelectGrid.rowOptions(spec, rowArgs, input, null);
        TMixtureFamily family = new TMixtureFamily(Checks.nonNegative("--reg-covar", regCovar), em.options(EmOptions.DEFAULTS),
                missingEm);

        CsvTable table = input.read(select.file, terminal);
        List<String> exclude = rowArgs.sideColumns(table);
        List<String> columns = input.modelColumns(table, null, exclude);
        input.noteTextColumns(table, exclude, terminal);
        RowArgs.Labelled in = rowArgs.labelledMatrix(table, columns, missingEm, input, terminal);
        DataMatrix data = in.data();
        long t0 = System.nanoTime();
        SelectionResult<TMixture> result = SelectGrid.run(LabelledFamily.of(family, in.check()), ks, variants, data, by,
                em.threads, em.seed, select.convergeAll);
        double seconds = (System.nanoTime() - t0) * 1e-9;

        java.util.function.Supplier<ObjectNode> node = () -> {
            ObjectNode n = SelectGrid.node(result, data.rows(), columns, em.seed, family.em(), seconds);
            n.put("regCovar", family.regCovar());
            if (missingEm) {
                n.put("missing", "em");
            }
            return n;
        };
        new SelectGrid("t mixture", "k", "df", v -> v.equals("free") ? "df free" : v).report(terminal, result, node,
                String.format(Locale.ROOT, "%d rows, columns %s", data.rows(), String.join(", ", columns)), v -> v,
                seconds, select, m -> {
                    ObjectNode best = TMixtureJson.node(m);
                    best.set("columns", ModelJson.mapper().valueToTree(columns));
                    best.put("regCovar", family.regCovar());
                    return in.addClasses(best);
                });
        return 0;
    }
}
