package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.TmixPlot;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelJson;
import org.mlem.io.SelectJson;
import org.mlem.io.TMixtureFile;
import org.mlem.io.TMixtureJson;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;
import org.mlem.tmix.TMixtureParameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem fit tmix}: a mixture of multivariate t distributions by EM (robust to outliers). */
@Command(name = "tmix", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit tmix --k 2 --out t.json examples/faithful_outliers.csv",
                "  ./mlem fit tmix --k 2 --df 4 --plot tmix.png examples/faithful_outliers.csv",
                "  ./mlem fit tmix --init t.json --fixed means,df examples/faithful_outliers.csv",
                "  ./mlem fit tmix --k 2 --missing em examples/faithful_holes.csv"},
        header = "Mixture of multivariate t distributions by EM (robust to outliers).", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit a mixture of k multivariate Student-t distributions with full scale matrices to the numeric "
                + "columns of a CSV file by EM (ECM for the degrees of freedom): heavy tails keep outliers from pulling "
                + "the components. Each start is a short Gaussian-mixture fit from k-means++. --plot draws the points "
                + "by component with the contours of each scale matrix (or a histogram with the densities in 1-D) and "
                + "the log-likelihood trace.")
public final class FitTmixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", paramLabel = "K", description = "Number of components (default: the --init model's).")
    Integer k;

    @Option(names = "--df", paramLabel = "NU",
            description = "Hold every component's degrees of freedom at NU (> 0); by default they are estimated.")
    Double df;

    @Mixin
    EmArgs em;

    @Option(names = "--reg-covar", paramLabel = "E",
            description = "Added to the scale matrices' diagonals in each M-step (default: ${DEFAULT-VALUE}).")
    double regCovar;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "kmeans++|FILE.json",
            description = "Where EM starts: Gaussian-mixture starts from k-means++, or a model file's parameters (an "
                    + "E-step first) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Parameter groups held at the --init model's values, bit for bit: weights, means, scales, df.")
    List<String> fixed;

    @Option(names = "--df-step", paramLabel = "ecme|ecm", defaultValue = "ecme",
            description = "How the degrees of freedom are updated: ecme also moves each to the maximum of the observed "
                    + "log-likelihood (a few dozen passes over the data per iteration, the maximum in tens of iterations); "
                    + "ecm is Peel and McLachlan's step alone, slow where the data say little about df "
                    + "(default: ${DEFAULT-VALUE}).")
    String dfStep;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = "--labels", paramLabel = "COLUMN", description = LabelColumn.HELP)
    String labels;

    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @Option(names = "--missing", paramLabel = "error|em",
            description = "em: fit rows with missing cells by marginalising those cells (each row's t density, precision "
                    + "weight and df step from its observed cells; EM over the missing ones); error: a missing cell is an "
                    + "error unless --drop-missing (default: error).")
    String missing;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        TMixtureFile start = initFile();
        TMixtureEstimator estimator = estimator(start).withMissingEm(MissingCells.em(missing, input));
        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        input.missingUse = MissingCells.USE;
        List<String> exclude = new ArrayList<>();
        for (String c : new String[] {labels, weights}) {
            if (c != null) {
                exclude.add(table.column(c).name());
            }
        }
        List<String> columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null || start.columns() == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        List<String> required = new ArrayList<>(columns);
        if (weights != null) {
            required.add(weights);
        }
        int[] rows = estimator.missingEm() ? MissingCells.rows(table, columns, weights == null ? List.of() : List.of(weights),
                input, terminal) : input.rows(table, required, terminal).rows();
        DataMatrix data = table.matrix(columns, rows);
        if (weights != null) {
            data = data.withWeights(WeightColumn.read(table, weights, rows));
        }
        LabelColumn known = labels == null ? null : LabelColumn.read(table, labels, rows, estimator.components());
        if (known != null) {
            data = data.withLabels(known.labels());
        }
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        MixtureFit<TMixture> fit;
        try {
            fit = start == null ? estimator.fit(data, em.seed) : estimator.fit(data, start.mixture());
        } catch (MlemUserException e) {
            throw RowPlaces.locate(e, table, rows);
        }
        ObjectNode json = json(fit, estimator, columns, readSeconds);
        if (known != null && known.classes() != null) {
            json.set("classes", ModelJson.MAPPER.valueToTree(known.classes()));
        }
        List<DegenerateComponent> degenerate = estimator.degenerateComponents(fit.model(), data);
        json.set("degenerateComponents", SelectJson.degenerateArray(degenerate));
        StartsReport.warn(terminal, "fit tmix", fit);
        if (output.out != null) {
            ModelJson.write(json, output.out);
        }
        EmWarnings.report("fit tmix", fit.trace(), fit.totalWeight(), terminal);
        if (output.json) {
            terminal.out().print(ModelJson.toJson(json));
        } else {
            terminal.out().print(summary(fit, estimator, columns, readSeconds));
            if (!degenerate.isEmpty()) {
                terminal.out().println();
                terminal.out().print(GmmSummary.degenerateLines(degenerate, "component", "raise --reg-covar"));
            }
            if (output.trace) {
                terminal.out().println();
                terminal.out().print(FitGmmCommand.traceTable(fit.trace()));
            }
        }
        if (output.plot != null) {
            TmixPlot.write(output.plot, estimator.missingEm() ? table.matrix(columns, table.completeRows(columns, true).rows())
                    : data, fit.model(), fit.trace());
        }
        return 0;
    }

    private TMixtureFile initFile() {
        if (init.equalsIgnoreCase(CoreDefaults.KMEANS_PLUS_PLUS)) {
            return null;
        }
        Path p = Path.of(init);
        if (!Files.exists(p) && !init.endsWith(".json")) {
            throw new MlemUserException("--init '" + init + "' is not kmeans++ or an existing model file; use one of those");
        }
        return TMixtureJson.read(p);
    }

    private TMixtureEstimator estimator(TMixtureFile start) {
        if (k == null && start == null) {
            throw new MlemUserException("--k is required: give the number of components (or --init FILE.json to take it from a model)");
        }
        int components = Checks.atLeast("--k", k != null ? k : start.mixture().components(), 1);
        if (df != null && !(df > 0 && df < Double.POSITIVE_INFINITY)) {
            throw new MlemUserException("--df " + df + " must be a finite number > 0");
        }
        EmOptions emOptions = em.options(EmOptions.DEFAULTS);
        Set<TMixtureParameter> held = fixedGroups();
        if (!held.isEmpty() && start == null) {
            throw new MlemUserException("--fixed " + String.join(",", fixed) + " needs the values to hold: start from a model "
                    + "file with --init FILE.json (written by mlem fit tmix --out)");
        }
        return new TMixtureEstimator(components, df, Checks.nonNegative("--reg-covar", regCovar), emOptions, held,
                dfStep());
    }

    private TMixtureEstimator.DfStep dfStep() {
        return switch (dfStep.strip().toLowerCase(Locale.ROOT)) {
            case "ecme" -> TMixtureEstimator.DfStep.ECME;
            case "ecm" -> TMixtureEstimator.DfStep.ECM;
            default -> throw new MlemUserException("--df-step '" + dfStep + "' is not ecme or ecm; use one of those");
        };
    }

    private Set<TMixtureParameter> fixedGroups() {
        Set<TMixtureParameter> groups = EnumSet.noneOf(TMixtureParameter.class);
        for (String g : fixed == null ? List.<String>of() : fixed) {
            switch (g.strip().toLowerCase(Locale.ROOT)) {
                case "weights" -> groups.add(TMixtureParameter.WEIGHTS);
                case "means" -> groups.add(TMixtureParameter.MEANS);
                case "scales" -> groups.add(TMixtureParameter.SCALES);
                case "df" -> groups.add(TMixtureParameter.DF);
                default -> throw new MlemUserException("--fixed '" + g + "' is not a parameter group; use weights, means, "
                        + "scales or df (comma-separated)");
            }
        }
        return groups;
    }

    private ObjectNode json(MixtureFit<TMixture> fit, TMixtureEstimator estimator, List<String> columns, double readSeconds) {
        ObjectNode node = ModelJson.fitNode("tmix", fit, columns, readSeconds);
        node.setAll(TMixtureJson.node(fit.model()));
        if (df != null) {
            node.put("dfFixed", df);
        }
        node.put("regCovar", estimator.regCovar());
        node.put("tol", estimator.em().tolerance());
        node.put("convergence", estimator.em().convergence().id());
        node.put("dfStep", estimator.dfStep().name().toLowerCase(Locale.ROOT));
        node.put("seed", em.seed);
        node.put("nInit", estimator.em().restarts());
        node.put("init", init);
        node.put("acceleration", estimator.em().acceleration().name().toLowerCase(Locale.ROOT));
        if (estimator.missingEm()) {
            node.put("missing", "em");
        }
        if (!estimator.fixed().isEmpty()) {
            var held = node.putArray("fixed");
            estimator.fixed().stream().sorted().forEach(g -> held.add(g.name().toLowerCase(Locale.ROOT)));
        }
        node.set("trace", ModelJson.MAPPER.valueToTree(fit.trace()));
        if (fit.startLogLikelihoods().length > 1) {
            node.set("startLogLikelihoods", ModelJson.MAPPER.valueToTree(fit.startLogLikelihoods()));
        }
        return node;
    }

    private static String summary(MixtureFit<TMixture> fit, TMixtureEstimator estimator, List<String> columns,
            double readSeconds) {
        TMixture m = fit.model();
        int c = m.components();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Mixture of multivariate t distributions: k=%d, %d rows, columns %s%n%n", c, fit.rows(), String.join(", ", columns)));
        String[] header = new String[c];
        for (int j = 0; j < c; j++) {
            header[j] = "component " + j;
        }
        TextTable t = new TextTable().row("", header).row("weight", m.weights());
        for (int a = 0; a < columns.size(); a++) {
            double[] col = new double[c];
            for (int j = 0; j < c; j++) {
                col[j] = m.mean(j)[a];
            }
            t.row("location " + columns.get(a), col);
        }
        t.row("degrees of freedom", m.degreesOfFreedom());
        sb.append(t.render());
        for (int j = 0; j < c; j++) {
            sb.append(nl).append("scale matrix of component ").append(j).append(" (covariance = df/(df-2) x scale)").append(nl);
            sb.append(GmmSummary.matrix(m.scale(j), columns));
        }
        TextTable lines = GmmSummary.fitLines(fit, readSeconds);
        if (!estimator.fixed().isEmpty()) {
            lines.row("held fixed", estimator.fixed().stream().sorted().map(g -> g.name().toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(", ")) + " (the --init model's values)");
        }
        sb.append(nl).append(lines.render());
        return sb.toString();
    }
}
