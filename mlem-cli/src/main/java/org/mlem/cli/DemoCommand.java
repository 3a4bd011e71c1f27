package org.mlem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlem demo}: the same two-component mixture fit with its labels (closed-form MLE) and
 * without them (EM), a start from which EM cannot reach the maximum, and restarts that fix it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem demo",
                "  ./mlem demo --plot mle-em.png",
                "  ./mlem demo --no-plot"},
        header = "The MLE-versus-EM demonstration, in seconds.", versionProvider = Version.class,
        description = "Maximum likelihood with labels (MLE) and without them (EM), in a few seconds: 1,000 draws from "
                + "two 1-D Gaussians fit with and without the labels; EM's log-likelihood at each iteration; a "
                + "symmetric start that stalls at a stationary point; restarts that fix it.")
public final class DemoCommand implements Callable<Integer> {
    static final long SEED = 20240601L;
    static final int N = 1000;
    /** The truth: 0.4·N(−2, 1) + 0.6·N(2, 1). */
    static final double[] TRUE_WEIGHTS = {0.4, 0.6};
    static final double[] TRUE_MEANS = {-2, 2};
    static final double[] TRUE_SDS = {1, 1};
    /** EM's deliberately poor start: both components far to the right, wide, equal weights. */
    static final double[] POOR_MEANS = {4, 5};
    static final double POOR_SD = 3;
    /**
     * A badly placed start: one wide component over everything, one narrow component in the left
     * tail. EM converges from it to a genuine local maximum where the narrow component keeps a
     * small, tight clump of the tail.
     */
    static final double[] LOCAL_WEIGHTS = {0.9, 0.1};
    static final double[] LOCAL_MEANS = {0.5, -4.5};
    static final double[] LOCAL_SDS = {2, Math.sqrt(0.05)};
    /** The symmetric start: two identical components. */
    static final double SYMMETRIC_MEAN = 0;
    static final double SYMMETRIC_SD = 1;
    static final double DEMO_TOL = 1e-8;
    static final int RESTARTS = 5;
    /** The picture's default place: the scratch folder the README's examples write into, not the current folder. */
    static final String DEFAULT_PLOT = "out/demo.png";

    @Spec
    CommandSpec spec;

    /** Null for the default, {@link #DEFAULT_PLOT}, whose folder is made when missing (so not checked before). */
    @OutputPaths.Writes
    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Where to draw the picture (default: " + DEFAULT_PLOT + ", in the scratch folder out/, made "
                    + "when missing).")
    Path plot;

    @Option(names = "--no-plot", description = "Do not draw the picture.")
    boolean noPlot;

    /** Everything the demo computes, so that tests can check it without parsing text. */
    record Result(DataMatrix data, int[] trueLabels, GaussianMixture truth, MixtureFit<GaussianMixture> mle,
            MixtureFit<GaussianMixture> em, MixtureFit<GaussianMixture> local, MixtureFit<GaussianMixture> symmetric,
            MixtureFit<GaussianMixture> restarts, double oneGaussianLogLikelihood) {}

    static Result compute() {
        GaussianMixture truth = mixture(TRUE_WEIGHTS, TRUE_MEANS, TRUE_SDS);
        GaussianMixture.Sample sample = truth.sample(N, SEED, List.of("x"));
        DataMatrix hidden = sample.data();
        DataMatrix labelled = hidden.withLabels(sample.components());
        GaussianMixtureEstimator estimator = GaussianMixtureEstimator.of(2).withCovariance(CovarianceStructure.FULL)
                .withRegCovar(0).withEm(EmOptions.SKLEARN.withTolerance(DEMO_TOL).withMaxIterations(1000));
        MixtureFit<GaussianMixture> mle = estimator.fit(labelled, SEED);
        GaussianMixture poor = mixture(new double[] {0.5, 0.5}, POOR_MEANS, new double[] {POOR_SD, POOR_SD});
        MixtureFit<GaussianMixture> em = estimator.withInit(new GmmInit.Given(poor)).fit(hidden, SEED);
        MixtureFit<GaussianMixture> local = estimator
                .withInit(new GmmInit.Given(mixture(LOCAL_WEIGHTS, LOCAL_MEANS, LOCAL_SDS))).fit(hidden, SEED);
        GaussianMixture symmetric = mixture(new double[] {0.5, 0.5}, new double[] {SYMMETRIC_MEAN, SYMMETRIC_MEAN},
                new double[] {SYMMETRIC_SD, SYMMETRIC_SD});
        MixtureFit<GaussianMixture> stuck = estimator.withInit(new GmmInit.Given(symmetric)).fit(hidden, SEED);
        MixtureFit<GaussianMixture> restarts = estimator.withInit(GmmInit.DEFAULT)
                .withEm(estimator.em().withRestarts(RESTARTS)).fit(hidden, SEED);
        return new Result(hidden, sample.components(), truth, mle, em, local, stuck, restarts,
                oneGaussianLogLikelihood(hidden));
    }

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        long t0 = System.nanoTime();
        Result r = compute();
        PrintWriter out = terminal.out();
        out.print(DemoReport.text(r));
        if (!noPlot) {
            try {
                Path picture = plot != null ? plot : Path.of(DEFAULT_PLOT);
                if (plot == null) {
                    makeFolder(picture.toAbsolutePath().getParent());
                }
                Plots.demo(picture, r.data().values(), r.trueLabels(), r.mle().model(), r.em().model(), r.local().model(),
                        r.em().trace(), r.local().trace());
                out.println("Picture: " + picture);
            } catch (MlemUserException e) {
                terminal.err().println("mlem: demo: " + e.getMessage() + " (the picture was not drawn)");
            }
        }
        out.println(String.format(Locale.ROOT, "%nDone in %.2f s.", (System.nanoTime() - t0) * 1e-9));
        return 0;
    }

    /** Makes the default picture's folder when it is missing. */
    private static void makeFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new MlemUserException("cannot make the folder " + folder + " (" + e.getMessage()
                    + "); choose another place with --plot FILE.png");
        }
    }

    /** A 1-D mixture from weights, means and standard deviations. */
    static GaussianMixture mixture(double[] weights, double[] means, double[] sds) {
        double[][] mu = new double[means.length][];
        double[][][] cov = new double[means.length][][];
        for (int j = 0; j < means.length; j++) {
            mu[j] = new double[] {means[j]};
            cov[j] = new double[][] {{sds[j] * sds[j]}};
        }
        return GaussianMixture.of(weights, mu, CovarianceStructure.FULL.fromShape(cov, means.length, 1));
    }

    /**
     * The maximised log-likelihood of one normal distribution, in closed form:
     * {@code −n/2 · (log(2π σ̂²) + 1)} with σ̂² the variance about the mean (divisor n).
     */
    static double oneGaussianLogLikelihood(DataMatrix x) {
        int n = x.rows();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x.get(i, 0);
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double e = x.get(i, 0) - mean;
            ss += e * e;
        }
        return -0.5 * n * (Math.log(2 * Math.PI * ss / n) + 1);
    }
}
