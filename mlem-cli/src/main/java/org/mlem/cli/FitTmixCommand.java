package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.TmixPlot;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.TMixtureFile;
import org.mlem.io.TMixtureJson;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;
import org.mlem.tmix.TMixtureParameter;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.TMixtureUncertainty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlem fit tmix}: a mixture of multivariate t distributions by EM (robust to outliers). */
@Command(name = "tmix", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit tmix --k 2 --out t.json examples/faithful_outliers.csv",
                "  ./mlem fit tmix --k 2 --df 4 --plot tmix.png examples/faithful_outliers.csv",
                "  ./mlem fit tmix --init t.json --fixed means,df examples/faithful_outliers.csv",
                "  ./mlem fit tmix --k 2 --missing em examples/faithful_holes.csv",
                "  ./mlem fit tmix --k 2 --standard-errors louis examples/faithful_outliers.csv"},
        header = "Mixture of multivariate t distributions by EM (robust to outliers).", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit a mixture of k multivariate Student-t distributions with full scale matrices to the numeric "
                + "columns of a CSV file by EM (ECM for the degrees of freedom): heavy tails keep outliers from pulling "
                + "the components. Each start is a short Gaussian-mixture fit from k-means++. --plot draws the points "
                + "by component with the contours of each scale matrix (or a histogram with the densities in 1-D) and "
                + "the log-likelihood trace.")
public final class FitTmixCommand extends EmFitCommand<TMixture> {
    @Option(names = "--k", paramLabel = "K", description = "Number of components (default: the --init model's).")
    Integer k;

    @Option(names = "--df", paramLabel = "NU",
            description = "Hold every component's degrees of freedom at NU (> 0); by default they are estimated.")
    Double df;

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

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    private TMixtureFile start;
    private TMixtureEstimator estimator;
    private DataMatrix data;
    private CsvTable table;

    @Override
    String kind() {
        return "tmix";
    }

    @Override
    void prepare(Terminal terminal) {
        start = initFile();
        estimator = estimator(start).withMissingEm(missingEm());
        table = input.read(file, terminal);
        input.missingUse = MissingCells.USE;
        List<String> exclude = sideColumns(table);
        columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null || start.columns() == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        data = matrix(table, columns, estimator.components(), estimator.missingEm(), terminal);
    }

    @Override
    EmOptions emOptions() {
        return estimator.em();
    }

    @Override
    MixtureFit<TMixture> fit(long seed, Progress progress) {
        return start == null ? estimator.fit(data, seed) : estimator.fit(data, start.mixture());
    }

    @Override
    void standardErrors(UncertaintyArgs args, TMixture model, long seed) {
        Predicate<String> held = HeldParameters.groups(fixedGroups(), HeldParameters.TMIX);
        boolean withDf = TMixtureUncertainty.estimatesDf(estimator);
        args.compute(TMixtureUncertainty.bootstrap(estimator), data, model, seed, em.threads,
                () -> TMixtureUncertainty.of(model, columns, withDf).louis(model, data, held), held);
    }

    @Override
    String init() {
        return init;
    }

    @Override
    List<String> fixedGroups() {
        return groupNames(estimator.fixed());
    }

    @Override
    List<DegenerateComponent> degenerate(TMixture model) {
        return estimator.degenerateComponents(model, data);
    }

    @Override
    void plot(Path png, MixtureFit<TMixture> fit) {
        TmixPlot.write(png, estimator.missingEm() ? table.matrix(columns, table.completeRows(columns, true).rows()) : data,
                fit.model(), fit.trace());
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
        Set<TMixtureParameter> held = FixedGroups.wholeGroups(fixed, TMixtureParameter.class);
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


    @Override
    ObjectNode modelNode(MixtureFit<TMixture> fit) {
        ObjectNode node = TMixtureJson.node(fit.model());
        if (df != null) {
            node.put("dfFixed", df);
        }
        node.put("regCovar", estimator.regCovar());
        node.put("dfStep", estimator.dfStep().name().toLowerCase(Locale.ROOT));
        return node;
    }

    @Override
    String summary(MixtureFit<TMixture> fit, double readSeconds) {
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
        if (heldLine() != null) {
            lines.row("held fixed", heldLine());
        }
        sb.append(nl).append(lines.render());
        return sb.toString();
    }
}
