package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.da.CrossValidation;
import org.mlem.gmm.da.DaType;
import org.mlem.gmm.da.DiscriminantEstimator;
import org.mlem.io.DaJson;
import org.mlem.io.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem fit gmmda}: Gaussian discriminant analysis, mclust's EDDA and MclustDA, with cross-validated error. */
@Command(name = "gmmda", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmmda --class species examples/iris.csv",
                "  ./mlem fit gmmda --class species --type edda --covariance VEV \\",
                "      examples/iris.csv",
                "  ./mlem fit gmmda --class species --components 1..3 --cv-folds 10 \\",
                "      --seed 1 --out da.json examples/iris.csv",
                "  ./mlem predict da.json examples/iris.csv",
                "  ./mlem fit gmmda --class species --test new.csv examples/iris.csv"},
        header = "Gaussian discriminant analysis (mclust's EDDA and MclustDA).", versionProvider = Version.class,
        sortOptions = false,
        description = "Classify rows by Gaussian class densities fitted to rows whose class is known (--class), as R's "
                + "mclust MclustDA: --type edda fits one Gaussian per class by maximum likelihood in closed form, the "
                + "covariances constrained across the classes by an mclust model (EII ... VVV; the lowest BIC of those "
                + "given); --type mclustda fits a Gaussian mixture per class by EM, G and model chosen per class by BIC. "
                + "The class priors are the class proportions. --cv-folds K reports cvMclustDA's cross-validated "
                + "classification error and Brier score (each fold refitted with the chosen G and model); --test FILE "
                + "the same on held-out labelled rows. Every row needs a class: a missing class cell is an error. The log-likelihood is mclust's: each row's density with its class "
                + "unknown, sum over classes of prior x density. predict prints each row's class and class "
                + "probabilities; score its log-density.")
public final class FitGmmdaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--class", required = true, paramLabel = "COLUMN",
            description = "The column of known classes (text or numbers; classes in sorted order).")
    String classColumn;

    @Option(names = "--type", paramLabel = "edda|mclustda", defaultValue = "mclustda",
            description = "One Gaussian per class (edda) or a mixture per class (mclustda) (default: ${DEFAULT-VALUE}).")
    String type;

    /** {@code --covariance}'s name for every mclust model mlem has ({@link DiscriminantEstimator#allModels}), its default. */
    static final String ALL_MODELS = "all";

    @Option(names = "--covariance", split = ",", paramLabel = "MODEL",
            description = "mclust covariance models to compare by BIC: EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EEV, VEV, "
                    + "EVV, VVV (full, tied, diag, spherical as aliases), or all (default: ${DEFAULT-VALUE}).")
    List<String> covariance;

    @Option(names = "--components", paramLabel = "G", defaultValue = "1.." + DiscriminantEstimator.DEFAULT_MAX_COMPONENTS,
            description = "Components per class for mclustda, a range MIN..MAX or one number; edda takes 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    String components;

    @Option(names = "--cv-folds", paramLabel = "K", defaultValue = "0",
            description = "Cross-validate over K class-balanced folds drawn with --seed, as cvMclustDA (mclust uses "
                    + CrossValidation.DEFAULT_FOLDS + "); 0 for none (default: ${DEFAULT-VALUE}).")
    int cvFolds;

    @Option(names = "--folds", paramLabel = "COLUMN",
            description = "Cross-validate over the folds a column gives (one value per fold, whole numbers), instead of "
                    + "drawn ones.")
    String foldColumn;

    @OutputPaths.Reads
    @Option(names = "--test", paramLabel = "FILE.csv",
            description = "Labelled rows held out: report their classification error and Brier score (the class "
                    + "column and the model's columns are read from it; a class the fit has not seen is an error).")
    String test;

    @Option(names = "--reg-covar", paramLabel = "E",
            description = "Added to every variance (mclust adds nothing) (default: ${DEFAULT-VALUE}).")
    double regCovar;

    @Option(names = "--n-init", paramLabel = "R|auto",
            description = "mclustda: EM starts (k-means++) per class, G and model; the best is kept. auto: 10 on at most "
                    + "2^18 values, else 1 (default: ${DEFAULT-VALUE}).")
    String nInit;

    @Option(names = "--tol", paramLabel = "T",
            description = "mclustda: EM's tolerance (EM run to its maximum, as fit gmm's default rule) (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--max-iter", paramLabel = "M",
            description = "mclustda: most EM iterations per fit (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(order = Shared.ORDER, names = "--seed", paramLabel = "S",
            description = "Seed of the EM starts and of the drawn folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(order = Shared.ORDER, names = "--threads", paramLabel = "N",
            description = "Threads for the E-step, 0 for every core; results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    InputOptions input;

    @Mixin
    JsonOutput output;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        DaType daType = DaType.parse(type);
        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        String cls = table.column(classColumn).name();
        List<String> exclude = new ArrayList<>(List.of(cls));
        if (foldColumn != null) {
            exclude.add(table.column(foldColumn).name());
        }
        List<String> columns = input.modelColumns(table, null, exclude);
        input.noteTextColumns(table, exclude, terminal);
        int[] rows = input.rows(table, columns, terminal).rows();
        DataMatrix x = table.matrix(columns, rows);
        ClassColumn classes = ClassColumn.read(table, cls, rows, null);
        DiscriminantEstimator estimator = estimator(daType, x.cols());
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        long t1 = System.nanoTime();
        DiscriminantEstimator.Fit fit;
        try {
            fit = estimator.fit(x, classes.index(), classes.names(), seed);
        } catch (MlemUserException e) {
            throw RowPlaces.locate(e, table, rows);
        }
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;
        CrossValidation cv = crossValidate(estimator, fit, x, classes, table, rows);
        Holdout held = test == null ? null : Holdout.of(fit.model(), columns, cls, test, input, terminal);
        output.emit(() -> json(fit, columns, cls, cv, held, readSeconds, fitSeconds), () -> DaSummary.of(fit, x, classes.index(), columns, cv, held, readSeconds + fitSeconds),
                terminal);
        return 0;
    }

    private DiscriminantEstimator estimator(DaType daType, int d) {
        List<CovarianceStructure> models = new ArrayList<>();
        for (String m : covariance) {
            if (m.strip().equalsIgnoreCase(ALL_MODELS)) {
                models.addAll(DiscriminantEstimator.allModels(d));
            } else {
                models.add(CovarianceStructure.parse(m, d));
            }
        }
        List<Integer> g = KRange.parse(components);
        int low = g.get(0);
        int high = g.get(g.size() - 1);
        if (g.size() != high - low + 1) {
            throw new MlemUserException("--components " + components + ": give a range MIN..MAX or one number");
        }
        if (daType == DaType.EDDA && spec.commandLine().getParseResult().hasMatchedOption("--components") && high != 1) {
            throw new MlemUserException("--components " + components + " applies to --type mclustda; edda fits one Gaussian "
                    + "per class (drop --components or use --type mclustda)");
        }
        EmOptions em = EmOptions.DEFAULTS.withTolerance(Checks.nonNegative("--tol", tol))
                .withMaxIterations(Checks.atLeast("--max-iter", maxIter, 1)).withRestarts(EmArgs.restarts(nInit))
                .withThreads(Checks.atLeast("--threads", threads, 0));
        return new DiscriminantEstimator(daType, models.stream().distinct().toList(), daType == DaType.EDDA ? 1 : low,
                daType == DaType.EDDA ? 1 : high, Checks.nonNegative("--reg-covar", regCovar), em);
    }

    private CrossValidation crossValidate(DiscriminantEstimator estimator, DiscriminantEstimator.Fit fit, DataMatrix x,
            ClassColumn classes, CsvTable table, int[] rows) {
        if (foldColumn != null && cvFolds != 0) {
            throw new MlemUserException("--folds and --cv-folds both choose the folds; give one");
        }
        int[] folds;
        if (foldColumn != null) {
            folds = ClassColumn.read(table, foldColumn, rows, "--folds").index();
        } else if (cvFolds != 0) {
            folds = CrossValidation.balancedFolds(classes.index(), classes.names().size(), cvFolds, seed);
        } else {
            return null;
        }
        try {
            return CrossValidation.run(estimator, fit, x, classes.index(), folds, seed, DiscriminantEstimator.ClassStarts.DEFAULT);
        } catch (MlemUserException e) {
            throw new MlemUserException("cross-validation: " + e.getMessage()
                    + (e.getMessage().contains("rows") ? " (in a fold's training rows; use fewer folds)" : ""));
        }
    }

    private ObjectNode json(DiscriminantEstimator.Fit fit, List<String> columns, String cls, CrossValidation cv, Holdout held,
            double readSeconds, double fitSeconds) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "gmmda");
        node.put("n", fit.rows());
        node.put("logLikelihood", fit.logLikelihood());
        node.put("nParameters", fit.model().nParameters());
        node.put("aic", fit.aic());
        node.put("bic", fit.bic());
        node.set("columns", ModelJson.mapper().valueToTree(columns));
        ObjectNode seconds = node.putObject("seconds");
        seconds.put("read", readSeconds);
        seconds.put("init", 0.0);
        seconds.put("fit", fitSeconds);
        node.setAll(DaJson.node(fit.model()));
        node.put("classColumn", cls);
        node.put("regCovar", regCovar);
        node.put("seed", seed);
        ArrayNode candidates = node.putArray("candidates");
        for (DiscriminantEstimator.Candidate c : fit.candidates()) {
            ObjectNode o = candidates.addObject();
            if (c.classIndex() >= 0) {
                o.put("class", fit.model().classes().get(c.classIndex()));
            }
            o.put("k", c.g());
            o.put("covariance", c.model().mclustName(fit.model().dimension()));
            if (c.failure() == null) {
                o.put("logLikelihood", c.logLikelihood());
                o.put("nParameters", c.nParameters());
                o.put("bic", c.bic());
            } else {
                o.put("failed", c.failure());
            }
        }
        if (cv != null) {
            ObjectNode o = node.putObject("crossValidation");
            o.put("folds", java.util.Arrays.stream(cv.folds()).max().orElse(0) + 1);
            o.put("error", cv.error());
            o.put("errorSe", cv.errorSe());
            o.put("brier", cv.brier());
            o.put("brierSe", cv.brierSe());
        }
        if (held != null) {
            ObjectNode o = node.putObject("test");
            o.put("n", held.n());
            o.put("error", held.error());
            o.put("brier", held.brier());
        }
        return node;
    }
}
