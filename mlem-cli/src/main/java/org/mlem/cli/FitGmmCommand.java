package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.data.npy.FloatRows;
import org.mlem.data.npy.NpyBlockSource;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CensoredCells;
import org.mlem.gmm.CensoredGmmEstimator;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Degeneracy;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmParameter;
import org.mlem.gmm.NoiseMixture;
import org.mlem.gmm.NoiseMixtureEstimator;
import org.mlem.gmm.NoiseStart;
import org.mlem.gmm.Precision;
import org.mlem.io.GmmFile;
import org.mlem.io.ModelJson;
import org.mlem.uncertainty.CensoredGaussianBootstrapFamily;
import org.mlem.uncertainty.CensoredGmmUncertainty;
import org.mlem.uncertainty.GaussianBootstrapFamily;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.LouisInformation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlem fit gmm}: a Gaussian mixture by EM (closed-form MLE when every row is labelled). */
@Command(name = "gmm", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 examples/faithful.csv",
                "  ./mlem fit gmm --k 2 --covariance diag --out gmm.json examples/faithful.csv",
                "  ./mlem fit gmm --k 2 --n-init 5 --seed 1 --plot gmm.png examples/faithful.csv",
                "  ./mlem fit gmm --k 2 --standard-errors louis examples/faithful.csv",
                "  ./mlem fit gmm --init gmm.json --fixed means --json examples/faithful.csv",
                "  ./mlem fit gmm --k 2 --noise --covariance VVV examples/faithful_noise.csv",
                "  ./mlem fit gmm --k 2 --covariance diag --censored-below eruptions=2 \\",
                "      examples/faithful.csv",
                "  ./mlem fit gmm --k 2 --columns mpg,qsec --concomitant \"~ wt\" \\",
                "      --standard-errors louis examples/mtcars.csv"},
        header = "Gaussian mixture by EM (closed-form MLE when every row is labelled).", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit a Gaussian mixture to the numeric columns of a CSV file by maximum likelihood: EM over the "
                + "hidden component of each row, or the closed-form MLE when --labels gives every row's component. "
                + "The ridge (--reg-covar) and one start are scikit-learn's GaussianMixture's defaults; the start is "
                + "k-means++ and the stopping rule runs EM to its maximum (--convergence sklearn for scikit-learn's).")
public final class FitGmmCommand extends EmFitCommand<GaussianMixture> {
    @Mixin
    ConcomitantArgs concomitant;

    @Mixin
    GmmCensoringArgs censoring;

    @Option(names = "--k", paramLabel = "K", description = "Number of components (default: the --init model's).")
    Integer k;

    @Option(names = "--covariance", paramLabel = "TYPE",
            description = "full, diag, tied or spherical (mclust's VVV, EEE, VVI, VII), or mclust's EII, EEI, VEI, EVI, "
                    + "VEE, EVE, VVE, EEV, VEV, EVV; in one column E (equal variances, = tied) or V (unequal, = full, diag and spherical) (default: ${DEFAULT-VALUE}, or the --init model's).")
    String covariance;

    @Option(names = "--reg-covar", paramLabel = "E|scaled",
            description = "Added to every variance in each M-step; 0 adds nothing; scaled is 1e-6 times the mean column "
                    + "variance of the data (default: ${DEFAULT-VALUE}, scikit-learn's).")
    String regCovar;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "kmeans++|random|hc|FILE.json",
            description = "Where EM starts: k-means++ seeding, random responsibilities, hc (mclust's start: model-based "
                    + "hierarchical clustering of at most 2000 rows, drawn by --seed, cut at k), or a model file's "
                    + "parameters (an E-step first) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--prior", paramLabel = "default",
            description = "MAP EM under mclust's conjugate prior with its defaults (priorControl(): shrinkage 0.01 "
                    + "towards the column means, dof d+2, scale the data's covariance over k^(2/d)); every model but "
                    + "VEE, EVE, VVE, EVV, as mclust. The log-likelihood, AIC and BIC reported are the data's at the "
                    + "estimate, as mclust's.")
    String prior;

    @Option(names = "--precision", paramLabel = "float|double", defaultValue = "double",
            description = "float: store the data as float (half the memory) and compute the full and tied E-step's "
                    + "squared distances in float (8-lane vectors; faster in high dimension, the log-likelihood moves "
                    + "by about 1e-9 relative); log densities, responsibilities, M-step and scoring stay double. "
                    + "Diagonal and spherical fits only store the data as float (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--equal-proportions",
            description = "Hold the mixing weights at 1/k (mclust's equalPro): k-1 fewer parameters; the model file "
                    + "records it (default: the --init model's).")
    boolean equalProportions;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Parameter groups held at the --init model's values: weights, means, covariances.")
    List<String> fixed;

    @Option(names = "--noise", description = "Add mclust's noise component: a uniform density over the data's region "
            + "(mclust's hypvol: the smaller of the bounding box along the columns and along the principal axes) with its "
            + "own mixing weight, for clustering with outliers. Rows most probably noise are labelled noise by predict.")
    boolean noise;

    @Option(names = "--noise-start", paramLabel = "COLUMN", description = NoiseStartColumn.HELP)
    String noiseStart;

    @Option(names = "--hypervolume", paramLabel = "V", description = "With --noise: the noise region's volume, the "
            + "noise density 1/V (mclust's Vinv = 1/V); the data's region is scaled about its middle to it. Default: "
            + "mclust's hypvol of the rows.")
    Double hypervolume;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input), or a .npy table "
            + "(mlem convert), streamed so it may exceed memory.")
    String file;

    private GmmFile start;
    private GaussianMixtureEstimator estimator;
    private CsvTable table;
    private DataMatrix data;
    private boolean[] noiseRows;
    private MixtureFit<NoiseMixture> noiseFit;
    private CensoredCells cells;

    @Override
    String kind() {
        return "gmm";
    }

    @Override
    String degenerateRemedy() {
        return "raise --reg-covar";
    }

    @Override
    public Integer call() {
        if (noiseStart != null && !noise) {
            throw new MlemUserException("--noise-start " + noiseStart + " needs --noise; add --noise or drop --noise-start");
        }
        if (hypervolume != null && !noise) {
            throw new MlemUserException("--hypervolume " + hypervolume + " needs --noise; add --noise or drop --hypervolume");
        }
        if (noise && (NpyInput.is(file) || uncertainty.requested() || rowArgs.labels != null)) {
            throw new MlemUserException("--noise fits CSV input without --labels, --standard-errors or --bootstrap; "
                    + "drop --noise or those options");
        }
        censoring.refuse(List.of(Map.entry("--missing em", missingEm()), Map.entry("--noise", noise),
                Map.entry("--concomitant", concomitant.given()), Map.entry("a .npy input", NpyInput.is(file)),
                Map.entry("--precision float", "float".equalsIgnoreCase(precision)),
                Map.entry("--bootstrap-kind parametric", uncertainty.bootstrap != null
                        && uncertainty.kind() == org.mlem.uncertainty.BootstrapKind.PARAMETRIC)));
        if (NpyInput.is(file)) {
            uncertainty.check();
            start = initFile();
            estimator = estimator(start);
            return fitNpy(MlemCommand.terminal(spec));
        }
        return super.call();
    }

    @Override
    void prepare(Terminal terminal) {
        start = initFile();
        estimator = estimator(start);
        concomitant.refuse(rowArgs, uncertainty, fixedGroups(), estimator.missingEm());
        table = input.read(file, terminal);
        input.missingUse = MissingCells.USE;
        List<String> exclude = new java.util.ArrayList<>(noiseStart == null ? sideColumns(table) : sideColumns(table, noiseStart));
        if (censoring.given()) {
            exclude.addAll(censoring.limitColumns(table));
        }
        columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null || start.columns() == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        data = matrix(table, columns, estimator.components(), estimator.missingEm(), terminal);
        checkOneDimensionalName(data.cols());
        if (censoring.given()) {
            cells = censoring.read(table, columns, rowsFitted(), data);
            CensoredGmmEstimator censored = censored();
            int bad = censored.firstUnsupportedRow();
            if (bad >= 0) {
                throw table.errorAt(columns.get(0), rowsFitted()[bad], censored.unsupportedRowProblem(bad, columns));
            }
        }
        if (concomitant.given()) {
            if (noise || prior != null || estimator.equalProportions()) {
                throw new MlemUserException("--concomitant models the weights by covariates; it does not combine with "
                        + (noise ? "--noise" : prior != null ? "--prior" : "--equal-proportions") + " yet");
            }
            concomitant.read(table, rowsFitted());
        }
        if (RegCovarArg.isScaled(regCovar)) {
            estimator = estimator.withRegCovar(RegCovarArg.scaled(data));
        }
        if (noise) {
            if (start != null) {
                throw new MlemUserException("--noise starts from k-means++ or random partitions of the rows outside the "
                        + "noise start, not from a model file; use --init kmeans++ or random");
            }
            noiseRows = noiseStart != null ? NoiseStartColumn.read(table, noiseStart, rowsFitted())
                    : NoiseStart.byNearestNeighbours(data);
        }
    }

    @Override
    EmOptions emOptions() {
        return estimator.em();
    }

    @Override
    MixtureFit<GaussianMixture> fit(long seed, Progress progress) {
        if (noise) {
            noiseFit = new NoiseMixtureEstimator(estimator, hypervolume == null ? Double.NaN : hypervolume)
                    .fit(data, noiseRows, seed, progress);
            MixtureFit<NoiseMixture> f = noiseFit;
            return new MixtureFit<>(f.model().gaussians(), f.logLikelihood(), f.trace(), f.iterations(), f.converged(),
                    f.startLogLikelihoods(), f.bestStart(), f.rows(), f.totalWeight(), f.nParameters(), f.seed(),
                    f.initSeconds(), f.fitSeconds());
        }
        if (cells != null) {
            return censored().fit(data, seed, progress);
        }
        EmListener listener = concomitant.listener(progress);
        MixtureFit<GaussianMixture> plain = estimator.precision() == Precision.FLOAT
                ? estimator.fit(FloatRows.of(data), seed, listener) : estimator.fit(data, seed, listener);
        return concomitant.given() ? concomitant.fit(new GmmComponents(estimator, data), plain, GaussianMixture::weights,
                data.hasWeights() ? data.weights() : null, estimator.em(),
                (m, posterior) -> !Degeneracy.of(m, data, posterior, estimator.regCovar()).isEmpty()) : plain;
    }

    @Override
    void standardErrors(UncertaintyArgs args, GaussianMixture model, long seed) {
        if (concomitant.given()) {
            concomitant.standardErrors(args, seed, em.threads);
            return;
        }
        Predicate<String> held = HeldParameters.groups(fixedGroups(), HeldParameters.GMM);
        if (cells != null) { // the non-parametric bootstrap: each resampled row keeps its censoring
            args.compute(new CensoredGaussianBootstrapFamily(censored()), data, model, seed, em.threads,
                    () -> CensoredGmmUncertainty.observed(model, data, censored(), held), held);
            return;
        }
        args.compute(new GaussianBootstrapFamily(estimator), data, model, seed, em.threads,
                () -> LouisInformation.of(model, data, held), held);
    }

    /** The censored fit of these cells with this estimator's settings. */
    private CensoredGmmEstimator censored() {
        return new CensoredGmmEstimator(estimator, cells, censoring.box());
    }

    @Override
    boolean penalised() {
        return PriorArg.parse(prior);
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
    List<DegenerateComponent> degenerate(GaussianMixture model) {
        return cells != null ? censored().degenerateComponents(model, data)
                : estimator.degenerateComponents(model, data);
    }

    @Override
    String summary(MixtureFit<GaussianMixture> fit, double readSeconds) {
        return GmmSummary.of(fit, columns, known() == null ? null : known().classes(), readSeconds);
    }

    @Override
    String extraSummary(MixtureFit<GaussianMixture> fit) {
        if (noiseFit == null) {
            return concomitant.summary() + GmmCensoringArgs.summary(cells);
        }
        NoiseMixture m = noiseFit.model();
        return String.format(Locale.ROOT, "noise component: weight %.6g (the weights above are among the Gaussian components; "
                + "each one's share of the whole is (1 - %.6g) x weight), uniform over hypervolume %.6g (%s box); %d rows "
                + "most probably noise, %d in the noise start%n", m.noiseWeight(),
                m.noiseWeight(), m.region().hypervolume(),
                m.region().principal() ? "principal-axes" : "column", noiseAssigned(), count(noiseRows));
    }

    private int noiseAssigned() {
        int n = 0;
        for (int z : noiseFit.model().predict(data)) {
            n += z == NoiseMixture.NOISE ? 1 : 0;
        }
        return n;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean b : flags) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Override
    void plot(Path png, MixtureFit<GaussianMixture> fit) {
        Plots.gmm(png, estimator.missingEm() ? table.matrix(columns, table.completeRows(columns, true).rows()) : data,
                fit.model(), fit.trace());
    }

    /** A fit streamed from a .npy file: columns x1..xd, no labels, weights, standard errors or plot. */
    private Integer fitNpy(Terminal terminal) {
        NpyInput.refuse(rowArgs.labels != null, "--labels", file);
        NpyInput.refuse(rowArgs.weights != null, "--weights", file);
        NpyInput.refuse(RegCovarArg.isScaled(regCovar), "--reg-covar scaled", file);
        if (output.plot != null) {
            throw new MlemUserException("--plot needs CSV input (it draws every row); convert a sample of the .npy "
                    + "file to CSV or drop --plot", file, -1, -1);
        }
        if (uncertainty.requested()) {
            throw new MlemUserException("standard errors need CSV input (they refit the rows); convert a sample of the "
                    + ".npy file to CSV", file, -1, -1);
        }
        try (NpyBlockSource source = NpyInput.open(file, input)) {
            columns = DataMatrix.defaultNames(source.cols());
            Progress progress = new Progress(terminal, estimator.em().restarts());
            long t0 = System.nanoTime();
            MixtureFit<GaussianMixture> fit = estimator.fit(
                    estimator.precision() == Precision.FLOAT ? FloatRows.of(source) : source, em.seed, progress);
            progress.finish();
            // reading is the checking pass that also draws the sample for the start
            double readSeconds = Math.max(0, (System.nanoTime() - t0) * 1e-9 - fit.initSeconds() - fit.fitSeconds());
            checkOneDimensionalName(source.cols());
            output.reports.write(report(terminal, fit, readSeconds, estimator.degenerateComponents(fit.model(), source)));
        }
        return 0;
    }

    /** The {@code --precision} asked for ({@code float} refuses labels and weights: float storage keeps neither). */
    private Precision precision() {
        Precision p = Precision.parse(precision);
        if (p == Precision.FLOAT && (rowArgs.labels != null || rowArgs.weights != null)) {
            throw new MlemUserException("--precision float keeps no " + (rowArgs.labels != null ? "--labels" : "--weights")
                    + "; fit in double precision");
        }
        return p;
    }

    private GmmFile initFile() {
        if (init.equalsIgnoreCase(CoreDefaults.KMEANS_PLUS_PLUS) || init.equalsIgnoreCase("random")
                || init.equalsIgnoreCase(CoreDefaults.HC)) {
            return null;
        }
        Path p = Path.of(init);
        if (!Files.exists(p) && !init.endsWith(".json")) {
            throw new MlemUserException("--init '" + init + "' is not kmeans++, random, hc or an existing model file; use one of those");
        }
        return ModelJson.readGmm(p);
    }

    private GaussianMixtureEstimator estimator(GmmFile start) {
        if (k == null && start == null) {
            throw new MlemUserException("--k is required: give the number of components (or --init FILE.json to take it from a model)");
        }
        int components = Checks.atLeast("--k", k != null ? k : start.mixture().components(), 1);
        boolean covarianceGiven = spec.commandLine().getParseResult().hasMatchedOption("--covariance");
        CovarianceStructure structure = start != null && !covarianceGiven ? start.mixture().structure()
                : CovarianceStructure.parse(covariance, oneDimensionalName(covariance) ? 1 : 2);
        GmmInit gmmInit = start != null ? new GmmInit.Given(start.mixture())
                : CoreDefaults.gmmInit(init, em.seed);
        EmOptions emOptions = em.options(EmOptions.DEFAULTS);
        Set<GmmParameter> held = FixedGroups.wholeGroups(fixed, GmmParameter.class);
        if (!held.isEmpty() && start == null) {
            throw new MlemUserException("--fixed " + String.join(",", fixed) + " needs the values to hold: start from a model "
                    + "file with --init FILE.json (written by mlem fit gmm --out)");
        }
        return GaussianMixtureEstimator.of(components).withCovariance(structure)
                .withRegCovar(RegCovarArg.isScaled(regCovar) ? GaussianMixtureEstimator.DEFAULT_REG_COVAR
                        : RegCovarArg.number(regCovar)).withInit(gmmInit).withEm(emOptions)
                .withMissingEm(missingEm()).withFixed(held).withPrecision(precision())
                .withEqualProportions(equalProportions || start != null && start.mixture().equalProportions())
                .withDefaultPrior(PriorArg.parse(prior));
    }

    /** Whether {@code name} is mclust's one-dimensional E or V. */
    private static boolean oneDimensionalName(String name) {
        return name != null && (name.strip().equalsIgnoreCase("E") || name.strip().equalsIgnoreCase("V"));
    }

    /** --covariance E or V on data of {@code d} columns: a user error unless d = 1. */
    private void checkOneDimensionalName(int d) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--covariance") && oneDimensionalName(covariance)) {
            CovarianceStructure.parse(covariance, d);
        }
    }


    @Override
    ObjectNode modelNode(MixtureFit<GaussianMixture> fit) {
        ObjectNode node = noiseFit != null ? ModelJson.gmmNode(noiseFit.model()) : ModelJson.gmmNode(fit.model());
        if (noiseFit != null) {
            ObjectNode n = (ObjectNode) node.get("noise");
            n.put("rows", noiseAssigned());
            n.put("startRows", count(noiseRows));
            n.put("start", noiseStart != null ? noiseStart : "nearest-neighbours");
        }
        node.put("mclustModel", fit.model().structure().mclustName(fit.model().dimension()));
        node.put("regCovar", estimator.regCovar());
        if (estimator.precision() != Precision.DOUBLE) {
            node.put("precision", estimator.precision().toString());
        }
        concomitant.addTo(node);
        censoring.addTo(node, cells);
        return node;
    }
}
