package org.mlem.cli;

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
        header = "Gaussian mixtures over a grid of k and covariance structures, by BIC.",
        description = "Fit a Gaussian mixture for every k and covariance structure and print log-likelihood, parameters, "
                + "BIC, AIC and ICL of each; the lowest BIC is marked best. mlem's criteria are lower-is-better "
                + "(-2 log L + penalty): mclust's BIC is the negative of mlem's. Each candidate's seed derives from --seed, "
                + "k and the structure, so results do not depend on --threads or on the rest of the grid.")
public final class SelectGmmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "1..9|2,4,6", description = "The values of k: a range MIN..MAX or a list.")
    String k;

    @Option(names = "--covariance", split = ",", paramLabel = "TYPE",
            description = "Structures to compare, from full, tied, diag, spherical (default: ${DEFAULT-VALUE}).")
    List<String> covariance;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--n-init", paramLabel = "R", description = "Starts per candidate; the best is kept (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--threads", paramLabel = "N",
            description = "Candidates fit at once, 0 for every core; results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    InputOptions input;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the best model (lowest BIC) as a gmm model file.")
    Path out;

    @Option(names = "--json", description = "Print the comparison as JSON instead of the table.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw BIC against k, one line per covariance structure.")
    Path plot;

    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        List<Integer> ks = KRange.parse(k);
        List<CovarianceStructure> variants = variants();
        GaussianFamily family = new GaussianFamily(GaussianFamily.DEFAULTS.regCovar(), GmmInit.DEFAULT,
                EmOptions.DEFAULTS.withRestarts(Checks.atLeast("--n-init", nInit, 1)));
        Checks.atLeast("--threads", threads, 0);

        CsvTable table = input.read(file, terminal);
        List<String> columns = input.modelColumns(table, null, List.of());
        input.noteTextColumns(table, List.of(), terminal);
        DataMatrix data = table.matrix(columns, input.rows(table, columns, terminal).rows());
        long t0 = System.nanoTime();
        SelectionResult<GaussianMixture> result = run(family, ks, variants, data);
        double seconds = (System.nanoTime() - t0) * 1e-9;

        ObjectNode node = SelectJson.node(result);
        node.put("n", data.rows());
        node.set("columns", ModelJson.MAPPER.valueToTree(columns));
        node.put("seed", seed);
        node.put("nInit", family.em().restarts());
        node.put("seconds", seconds);
        if (json) {
            terminal.out().print(ModelJson.toJson(node));
        } else {
            terminal.out().print(table(result, columns, data.rows(), seconds));
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

    private List<CovarianceStructure> variants() {
        if (covariance == null || covariance.isEmpty()) {
            return List.of(CovarianceStructure.values());
        }
        List<CovarianceStructure> out = new ArrayList<>();
        for (String c : covariance) {
            CovarianceStructure s = CovarianceStructure.parse(c.strip());
            if (out.contains(s)) {
                throw new MlemUserException("--covariance names " + s.id() + " twice; name each structure once");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Runs each contiguous stretch of {@code ks} as one grid and joins them; a candidate's result
     * depends only on the master seed, its k and its structure, so this equals one run over the
     * whole range restricted to {@code ks}.
     */
    private SelectionResult<GaussianMixture> run(GaussianFamily family, List<Integer> ks, List<CovarianceStructure> variants,
            DataMatrix data) {
        List<Candidate<GaussianMixture>> all = new ArrayList<>();
        int from = 0;
        while (from < ks.size()) {
            int to = from;
            while (to + 1 < ks.size() && ks.get(to + 1) == ks.get(to) + 1) {
                to++;
            }
            ModelSelection<CovarianceStructure, GaussianMixture> grid =
                    new ModelSelection<>(family, ks.get(from), ks.get(to), variants, threads);
            all.addAll(grid.run(data, seed).candidates());
            from = to + 1;
        }
        return new SelectionResult<>(all, lowest(all, true), lowest(all, false));
    }

    /** The index of the lowest BIC (or ICL), the first of equals, never a failed candidate; −1 when all failed. */
    private static int lowest(List<Candidate<GaussianMixture>> rows, boolean bic) {
        int best = -1;
        for (int i = 0; i < rows.size(); i++) {
            Candidate<GaussianMixture> c = rows.get(i);
            double v = bic ? c.bic() : c.icl();
            if (!c.failed() && !Double.isNaN(v)
                    && (best < 0 || v < (bic ? rows.get(best).bic() : rows.get(best).icl()))) {
                best = i;
            }
        }
        return best;
    }

    private static String table(SelectionResult<GaussianMixture> result, List<String> columns, int n, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Gaussian mixture selection: %d rows, columns %s; criteria lower is better%n%n", n, String.join(", ", columns)));
        TextTable t = new TextTable().row("k", "covariance", "log-likelihood", "parameters", "BIC", "AIC", "ICL", "");
        List<Candidate<GaussianMixture>> rows = result.candidates();
        for (int i = 0; i < rows.size(); i++) {
            Candidate<GaussianMixture> c = rows.get(i);
            String mark = i == result.bestByBic() ? "<- best BIC" : "";
            if (i == result.bestByIcl()) {
                mark = mark.isEmpty() ? "<- best ICL" : mark + ", ICL";
            }
            if (c.failed()) {
                t.row(String.valueOf(c.k()), c.variant(), "failed", "", "", "", "", c.failure());
            } else {
                t.row(String.valueOf(c.k()), c.variant(), CsvNumbers.brief(c.logLikelihood()), String.valueOf(c.nParameters()),
                        CsvNumbers.brief(c.bic()), CsvNumbers.brief(c.aic()), CsvNumbers.brief(c.icl()), mark);
            }
        }
        sb.append(t.render());
        if (result.bestByBic() >= 0) {
            Candidate<GaussianMixture> b = result.best();
            sb.append(String.format(Locale.ROOT, "%nbest by BIC: k=%d, %s covariance (BIC %s)%n", b.k(), b.variant(),
                    CsvNumbers.brief(b.bic())));
        }
        sb.append(String.format(Locale.ROOT, "time %.3f s%n", seconds));
        return sb.toString();
    }
}
