package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.SelectionPlot;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmInit;
import org.mlem.io.ModelJson;
import org.mlem.io.SelectJson;
import org.mlem.select.Candidate;
import org.mlem.select.Criterion;
import org.mlem.select.GaussianFamily;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem select gmm}: Gaussian mixtures over k and covariance structures, compared as mclust's mclustBIC does. */
@Command(name = "gmm", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Gaussian mixtures over a grid of k and covariance structures, by BIC (or ICL, AIC).",
        description = "Fit a Gaussian mixture for every k and covariance structure and print log-likelihood, parameters, "
                + "BIC, AIC and ICL of each; the lowest --criterion is marked best. mlem's criteria are lower-is-better "
                + "(-2 log L + penalty): mclust's BIC is the negative of mlem's. A candidate with a degenerate component "
                + "(as few rows as its covariance needs, a variance at the --reg-covar floor, or a spike on a few rows) "
                + "or with at least as many parameters as rows is marked and never chosen, as mclust leaves such fits NA. "
                + "In one column the models are E (equal variances, scikit-learn's tied) and V (unequal: full, diag and "
                + "spherical are this one model). Each candidate's seed derives from --seed, k and the structure, so "
                + "results do not depend on --threads or on the rest of the grid.")
public final class SelectGmmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "1..9|2,4,6", description = "The values of k: a range MIN..MAX or a list.")
    String k;

    @Option(names = "--covariance", split = ",", paramLabel = "TYPE",
            description = "Structures to compare, from full, tied, diag, spherical (mclust's VVV, EEE, VVI, VII; E and V "
                    + "in one column) (default: ${DEFAULT-VALUE}; E,V in one column).")
    List<String> covariance;

    @Option(names = "--criterion", paramLabel = "bic|icl|aic", defaultValue = "bic",
            description = "The criterion that picks the best candidate (default: ${DEFAULT-VALUE}).")
    String criterion;

    @Mixin
    EmArgs em;

    @Option(names = "--reg-covar", paramLabel = "E|scaled",
            description = "Added to every variance in each M-step, as in fit gmm; 0 adds nothing; scaled is 1e-6 times the "
                    + "mean column variance, so the choice does not depend on the data's units (default: ${DEFAULT-VALUE}).")
    String regCovar;

    @Option(names = "--init", paramLabel = "kmeans++|random",
            description = "Where each start begins: k-means++ seeding or random responsibilities (default: ${DEFAULT-VALUE}).")
    String init;

    @Mixin
    InputOptions input;

    @OutputPaths.Writes
    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the best model as a gmm model file.")
    Path out;

    @Option(names = "--json", description = "Print the comparison as JSON instead of the table.")
    boolean json;

    @OutputPaths.Writes
    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw BIC against k, one line per covariance structure.")
    Path plot;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        List<Integer> ks = KRange.parse(k);
        Criterion by = Criterion.parse(criterion);
        GmmInit start = gmmInit();
        EmOptions options = em.options(EmOptions.DEFAULTS);

        CsvTable table = input.read(file, terminal);
        List<String> columns = input.modelColumns(table, null, List.of());
        input.noteTextColumns(table, List.of(), terminal);
        DataMatrix data = table.matrix(columns, input.rows(table, columns, terminal).rows());
        int d = data.cols();
        List<CovarianceStructure> variants = variants(d, terminal);
        GaussianFamily family = new GaussianFamily(RegCovarArg.parse(regCovar, data), start, options).forDimension(d);
        long t0 = System.nanoTime();
        SelectionResult<GaussianMixture> result = run(family, ks, variants, data, by);
        double seconds = (System.nanoTime() - t0) * 1e-9;

        ObjectNode node = SelectJson.node(result);
        ArrayNode rows = (ArrayNode) node.get("candidates");
        for (int i = 0; i < rows.size(); i++) {
            CovarianceStructure s = structureOf(result.candidates().get(i).variant(), variants, family);
            ((ObjectNode) rows.get(i)).put("covariance", s.id()).put("mclustModel", s.mclustName(d));
        }
        node.put("n", data.rows());
        node.set("columns", ModelJson.MAPPER.valueToTree(columns));
        node.put("seed", em.seed);
        node.put("nInit", family.em().restarts());
        node.put("regCovar", family.regCovar());
        node.put("tol", family.em().tolerance());
        node.put("maxIter", family.em().maxIterations());
        node.put("init", init);
        node.put("seconds", seconds);
        if (json) {
            terminal.out().print(ModelJson.toJson(node));
        } else {
            terminal.out().print(table(result, columns, data.rows(), seconds, d));
        }
        if (result.bestIndex() < 0) {
            terminal.out().flush();
            throw new MlemUserException(result.noneEligible());
        }
        if (out != null) {
            ObjectNode best = ModelJson.gmmNode(result.best().model());
            best.set("columns", ModelJson.MAPPER.valueToTree(columns));
            ModelJson.write(best, out);
        }
        if (plot != null) {
            SelectionPlot.write(plot, result.candidates(), result.bestByBic());
        }
        return 0;
    }

    private GmmInit gmmInit() {
        if (init.equalsIgnoreCase(CoreDefaults.KMEANS_PLUS_PLUS)) {
            return GmmInit.DEFAULT;
        }
        if (init.equalsIgnoreCase("random")) {
            return new GmmInit.RandomResponsibilities();
        }
        throw new MlemUserException("--init '" + init + "' is not kmeans++ or random; a model file fixes k, so start "
                + "from it with mlem fit gmm --init FILE.json");
    }

    /**
     * The structures to compare in {@code d} columns. In one column full, diag and spherical are
     * one model (V): asked for together they are fit once, with a note saying so.
     */
    private List<CovarianceStructure> variants(int d, Terminal terminal) {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--covariance");
        if (!given) {
            return GaussianFamily.variants(d);
        }
        List<CovarianceStructure> out = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        for (String c : covariance) {
            CovarianceStructure s = CovarianceStructure.parse(c.strip(), d);
            if (d == 1 && s != CovarianceStructure.TIED) {
                s = CovarianceStructure.FULL;
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

    /**
     * Runs each contiguous stretch of {@code ks} as one grid and joins them; a candidate's result
     * depends only on the master seed, its k and its structure, so this equals one run over the
     * whole range restricted to {@code ks}.
     */
    private SelectionResult<GaussianMixture> run(GaussianFamily family, List<Integer> ks, List<CovarianceStructure> variants,
            DataMatrix data, Criterion by) {
        List<Candidate<GaussianMixture>> all = new ArrayList<>();
        int from = 0;
        while (from < ks.size()) {
            int to = from;
            while (to + 1 < ks.size() && ks.get(to + 1) == ks.get(to) + 1) {
                to++;
            }
            ModelSelection<CovarianceStructure, GaussianMixture> grid =
                    new ModelSelection<>(family, ks.get(from), ks.get(to), variants, em.threads, by);
            all.addAll(grid.run(data, em.seed).candidates());
            from = to + 1;
        }
        return new SelectionResult<>(all, by);
    }

    private static String table(SelectionResult<GaussianMixture> result, List<String> columns, int n, double seconds, int d) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Gaussian mixture selection: %d rows, columns %s; criteria lower is better%n%n", n, String.join(", ", columns)));
        TextTable t = new TextTable().row("k", d == 1 ? "model" : "covariance", "log-likelihood", "parameters", "BIC", "AIC",
                "ICL", "");
        List<Candidate<GaussianMixture>> rows = result.candidates();
        List<String> notes = new ArrayList<>();
        int[] best = {result.bestByBic(), result.bestByIcl(), result.bestBy(Criterion.AIC)};
        String[] names = {"BIC", "ICL", "AIC"};
        for (int i = 0; i < rows.size(); i++) {
            Candidate<GaussianMixture> c = rows.get(i);
            String variant = d == 1 ? c.variant() + (c.variant().equals("E") ? " (tied)" : " (full)") : c.variant();
            List<String> marks = new ArrayList<>();
            for (int b = 0; b < best.length; b++) {
                if (best[b] == i) {
                    marks.add(names[b]);
                }
            }
            String mark = marks.isEmpty() ? "" : "<- best " + String.join(", ", marks);
            if (c.failed()) {
                t.row(String.valueOf(c.k()), variant, "failed", "", "", "", "", c.failure());
                continue;
            }
            if (c.excluded() != null) {
                mark = c.degenerate() ? "degenerate" : "too many parameters";
                notes.add(String.format(Locale.ROOT, "k=%d %s: %s", c.k(), c.variant(), c.excluded()));
            }
            t.row(String.valueOf(c.k()), variant, CsvNumbers.brief(c.logLikelihood()), String.valueOf(c.nParameters()),
                    CsvNumbers.brief(c.bic()), CsvNumbers.brief(c.aic()), CsvNumbers.brief(c.icl()), mark);
        }
        sb.append(t.render());
        if (!notes.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nnever chosen:%n"));
            for (String note : notes) {
                sb.append("  ").append(note).append(System.lineSeparator());
            }
        }
        if (result.bestIndex() < 0) {
            return sb.toString();
        }
        Candidate<GaussianMixture> b = result.best();
        sb.append(String.format(Locale.ROOT, "%nbest by %s: k=%d, %s %s (%s %s)%n", result.criterion().id().toUpperCase(Locale.ROOT),
                b.k(), b.variant(), d == 1 ? "model" : "covariance", result.criterion().id().toUpperCase(Locale.ROOT),
                CsvNumbers.brief(result.criterion().of(b))));
        sb.append(String.format(Locale.ROOT, "time %.3f s%n", seconds));
        return sb.toString();
    }
}
