package org.mlem.tmix;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.Moments;
import org.mlem.em.Restarts;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * Fits a mixture of k multivariate Student-t distributions with full scale matrices: a robust
 * alternative to the Gaussian mixture, whose heavy tails keep outliers from pulling the
 * components. The first start is a Gaussian mixture fit (k-means++ and a few EM iterations) turned into
 * t components with ν = {@link #START_DF} (or the fixed ν); later starts are screened random draws
 * (see {@link Restarts}). With {@link EmOptions#acceleration()}
 * SQUAREM the ECM steps are extrapolated (each accepted point's log-likelihood at least the last).
 *
 * @param components k
 * @param fixedDf the degrees of freedom held fixed for every component, or null to estimate them
 * @param regCovar added to the scale matrices' diagonals each M-step
 * @param em iterations, tolerance, starts, threads, acceleration
 * @param fixed parameter groups held at their values in the start given to
 *     {@link #fit(DataMatrix, TMixture)}, bit for bit (empty: none); {@link #fit(DataMatrix, long)}
 *     refuses a non-empty set. {@code fixedDf}, when given, overrides a held {@link TMixtureParameter#DF}.
 * @param dfStep how ν is updated: {@link DfStep#ECME} (the default) or Peel and McLachlan's ECM step
 * @param missingEm whether rows with missing (NaN) cells are fit by marginalising those cells in
 *     the E-step ({@link TMixtureMissingModel}); when false a missing cell is an error
 */
public record TMixtureEstimator(int components, Double fixedDf, double regCovar, EmOptions em,
        Set<TMixtureParameter> fixed, DfStep dfStep, boolean missingEm) {

    /** How the degrees of freedom are updated each iteration. */
    public enum DfStep {
        /**
         * Peel and McLachlan's ECM step alone: the root of ν's expected complete-data score. Slow
         * where the data say little about ν: it can creep towards a Gaussian component for
         * thousands of iterations.
         */
        ECM,
        /**
         * The ECM step, then each ν moved to the maximum of the observed-data log-likelihood with
         * the other parameters held (Liu and Rubin's ECME): a few passes over the data per
         * component and iteration (Newton steps on the stored profile), and the maximum in tens
         * of iterations.
         */
        ECME
    }

    /** The degrees of freedom every start begins with when they are estimated. */
    public static final double START_DF = 30;

    /** Gaussian EM iterations that place each start. */
    static final int GAUSSIAN_START_ITERATIONS = 10;

    public TMixtureEstimator {
        if (components < 1) {
            throw new MlemUserException("k = " + components + "; k must be at least 1");
        }
        if (fixedDf != null && !(fixedDf > 0)) {
            throw new MlemUserException("degrees of freedom must be positive, got " + fixedDf);
        }
        if (!(regCovar >= 0)) {
            throw new MlemUserException("regCovar must be >= 0, got " + regCovar);
        }
        if (em == null || fixed == null || dfStep == null) {
            throw new IllegalArgumentException("EM options, fixed and dfStep are required");
        }
        fixed = fixed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fixed));
    }

    /** An estimator that rejects missing cells. */
    public TMixtureEstimator(int components, Double fixedDf, double regCovar, EmOptions em,
            Set<TMixtureParameter> fixed, DfStep dfStep) {
        this(components, fixedDf, regCovar, em, fixed, dfStep, false);
    }

    /** An estimator with the ECME ν step. */
    public TMixtureEstimator(int components, Double fixedDf, double regCovar, EmOptions em,
            Set<TMixtureParameter> fixed) {
        this(components, fixedDf, regCovar, em, fixed, DfStep.ECME);
    }

    /** An estimator that holds no parameter group fixed (ν aside, through {@code fixedDf}), with the ECME ν step. */
    public TMixtureEstimator(int components, Double fixedDf, double regCovar, EmOptions em) {
        this(components, fixedDf, regCovar, em, Set.of());
    }

    /** k components, ν estimated, regCovar 1e-6, default EM options. */
    public static TMixtureEstimator of(int k) {
        return new TMixtureEstimator(k, null, GaussianMixtureEstimator.DEFAULT_REG_COVAR, EmOptions.DEFAULTS);
    }

    public TMixtureEstimator withFixedDf(Double df) {
        return new TMixtureEstimator(components, df, regCovar, em, fixed, dfStep, missingEm);
    }

    public TMixtureEstimator withEm(EmOptions o) {
        return new TMixtureEstimator(components, fixedDf, regCovar, o, fixed, dfStep, missingEm);
    }

    /** Holds {@code groups} at their values in the start passed to {@link #fit(DataMatrix, TMixture)}. */
    public TMixtureEstimator withFixed(Set<TMixtureParameter> groups) {
        return new TMixtureEstimator(components, fixedDf, regCovar, em, groups, dfStep, missingEm);
    }

    /** Updates ν by {@code step}. */
    public TMixtureEstimator withDfStep(DfStep step) {
        return new TMixtureEstimator(components, fixedDf, regCovar, em, fixed, step, missingEm);
    }

    /** With {@code true}, rows with missing cells are fit by marginalising them (the CLI's {@code --missing em}). */
    public TMixtureEstimator withMissingEm(boolean m) {
        return new TMixtureEstimator(components, fixedDf, regCovar, em, fixed, dfStep, m);
    }

    /**
     * Whether ν is at an end of the range the ν step searches ([1e-3, 1e4]): an estimate on the
     * boundary (at the top, as good as Gaussian), not an interior maximum of the likelihood.
     */
    public static boolean dfAtBound(double nu) {
        return nu <= TMixtureModel.MIN_DF || nu >= TMixtureModel.MAX_DF;
    }

    /** The groups not estimated: {@link #fixed()}, and ν when {@code fixedDf} is given. */
    public Set<TMixtureParameter> held() {
        EnumSet<TMixtureParameter> h = EnumSet.noneOf(TMixtureParameter.class);
        h.addAll(fixed);
        if (fixedDf != null) {
            h.add(TMixtureParameter.DF);
        }
        return Set.copyOf(h);
    }

    /**
     * Fits to {@code data} from Gaussian-mixture starts; the same seed gives the same bits on any
     * number of threads.
     *
     * @throws MlemUserException when a parameter group is held fixed (its values come from a
     *     given start: use {@link #fit(DataMatrix, TMixture)})
     */
    public MixtureFit<TMixture> fit(DataMatrix data, long seed) {
        if (!fixed.isEmpty()) {
            throw new MlemUserException("holding " + fixed + " fixed needs their values: start from a given model"
                    + " (--init FILE.json)");
        }
        boolean marginalise = checked(data);
        DataMatrix startData = marginalise ? data.missingFilledByMeans() : data;
        GaussianMixtureEstimator gauss = GaussianMixtureEstimator.of(components).withRegCovar(regCovar)
                .withEm(em.withMaxIterations(GAUSSIAN_START_ITERATIONS).withRestarts(1));
        var model = model(new TMixtureModel(fixedDf == null, regCovar, dfStep == DfStep.ECME), marginalise);
        // candidates are screened with the ECM ν step alone: on crabs, ten restarts so screened
        // reached the best maximum from each of seeds 0-9, as with ECME screening, in a third of the time
        var screenModel = model(new TMixtureModel(fixedDf == null, regCovar, false), marginalise);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            Restarts.Outcome<TMixture> out = Restarts.best(em.restartsFor((long) data.rows() * data.cols()), seed,
                    (seeds, draw) -> start(gauss, startData, seeds, draw, fixedDf == null ? START_DF : fixedDf),
                    (start, iterations) -> EmDriver.run(model, data, start, em, reducer, iterations),
                    Restarts.screening(em.maxIterations(), (start, iterations) -> EmDriver.run(screenModel, data, start, em.withMaxIterations(iterations), reducer, null)),
                    null, m -> !degenerateComponents(m, data).isEmpty());
            return out.toFit(data.rows(), data.totalWeight(), out.best().params().nParameters(held()), seed);
        }
    }

    /**
     * Runs EM from {@code start} (one start; an E-step first). The groups in {@link #fixed()} keep
     * the start's values bit for bit; with {@code fixedDf} given, every ν is set to it first.
     */
    public MixtureFit<TMixture> fit(DataMatrix data, TMixture start) {
        if (start.components() != components || start.dimension() != data.cols()) {
            throw new MlemUserException("the start has k=" + start.components() + ", d=" + start.dimension()
                    + " but the fit asks for k=" + components + ", d=" + data.cols() + "; make them agree");
        }
        EmProblem<TMixture> problem = problem(start, checked(data));
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            EmRun<TMixture> run = EmDriver.run(problem.model(), data, problem.start(), em, reducer, null);
            TMixture m = run.params();
            return new MixtureFit<>(m, run.logLikelihood(), run.trace(), run.iterations(), run.converged(),
                    new double[] {run.logLikelihood()}, 0, data.rows(), data.totalWeight(), m.nParameters(held()),
                    0, 0, run.seconds());
        }
    }

    /**
     * What {@link #fit(DataMatrix, TMixture)} runs from {@code start}, for an EM loop over blocks
     * held elsewhere; {@code marginalise}: some cells are missing and {@link #missingEm()} is on.
     */
    public EmProblem<TMixture> problem(TMixture start, boolean marginalise) {
        TMixture first = fixedDf == null ? start : start.withDegreesOfFreedom(fixedDf);
        var model = model(new TMixtureModel(fixedDf == null, regCovar, dfStep == DfStep.ECME, fixed, first), marginalise);
        return new EmProblem<>(model, null, first, m -> m.nParameters(held()));
    }

    /** Checks the data's cells; returns whether some are missing and to be marginalised. */
    private boolean checked(DataMatrix data) {
        if (missingEm && data.hasMissingCells()) {
            return true;
        }
        data.requireFinite("a t mixture");
        return false;
    }

    /** {@code complete}, or its E-step over observed cells when cells are missing. */
    private static LatentModel<TMixture, TMixtureStats> model(TMixtureModel complete, boolean marginalise) {
        return marginalise ? new TMixtureMissingModel(complete) : complete;
    }

    /**
     * The components of {@code model}, fitted by this estimator to {@code data}, that the data do
     * not support ({@link TMixtureDegeneracy}); rows with missing cells (with {@link #missingEm()})
     * count by the posterior of their observed cells.
     */
    public List<DegenerateComponent> degenerateComponents(TMixture model, DataMatrix data) {
        return missingEm && data.hasMissingCells() ? TMixtureDegeneracy.ofMissing(model, data, regCovar)
                : TMixtureDegeneracy.of(model, data, regCovar);
    }

    /**
     * The start of draw {@code draw} ({@link Restarts.Initialiser}): for draw 0, a short Gaussian
     * fit from k-means++ turned into t components with ν {@code df}; later draws alternate k distinct
     * rows drawn at random as locations, each with the whole data's covariance as its scale and
     * weight 1/k (odd), and one Gaussian M-step from random responsibilities (even). k-means++
     * seeding is not among the later draws: on data whose first principal axis is size (crabs'
     * measurements) it sends nearly every start to the one split by size.
     */
    private static TMixture start(GaussianMixtureEstimator gauss, DataMatrix data, java.util.SplittableRandom seeds,
            int draw, double df) {
        if (draw == 0) {
            return fromGaussian(gauss.fit(data, seeds.nextLong()).model(), df);
        }
        GaussianMixtureEstimator oneStep = gauss.withEm(gauss.em().withMaxIterations(1));
        if (draw % 2 == 0) {
            return fromGaussian(oneStep.withInit(new GmmInit.RandomResponsibilities()).fit(data, seeds.nextLong()).model(), df);
        }
        int k = gauss.components();
        double[][] whole = covariance(data, gauss.regCovar());
        int[] rows = seeds.ints(0, data.rows()).distinct().limit(Math.min(k, data.rows())).toArray();
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][][] scales = new double[k][][];
        double[] dfs = new double[k];
        for (int j = 0; j < k; j++) {
            weights[j] = 1.0 / k;
            means[j] = data.row(rows[j % rows.length]);
            scales[j] = whole;
            dfs[j] = df;
        }
        return TMixture.of(weights, means, scales, dfs);
    }

    /** The data's weighted covariance (divisor the total weight), {@code ridge} added to its diagonal. */
    private static double[][] covariance(DataMatrix data, double ridge) {
        Moments m = new Moments(data.weightedMeans());
        m.add(data.all());
        double[][] c = m.covariance();
        for (int a = 0; a < c.length; a++) {
            c[a][a] += ridge;
        }
        return c;
    }

    /** t components with the Gaussian's weights and locations, scales = covariances, and ν. */
    static TMixture fromGaussian(GaussianMixture g, double df) {
        int k = g.components();
        double[][][] scales = new double[k][][];
        double[] dfs = new double[k];
        for (int j = 0; j < k; j++) {
            scales[j] = g.covariance(j);
            dfs[j] = df;
        }
        return TMixture.of(g.weights(), g.means(), scales, dfs);
    }
}
