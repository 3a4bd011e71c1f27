package org.mlem.gmm;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.Moments;
import org.mlem.em.Restarts;

/**
 * Configuration for fitting a Gaussian mixture; immutable. {@link #fit} returns a
 * {@link MixtureFit} holding the fitted {@link GaussianMixture}.
 *
 * <p>One code path serves every labelling of the data: rows without labels are latent (EM),
 * rows with a label are fixed to their component, and when every row has a label the fit is the
 * single closed-form MLE step (class proportions, means and covariances). Per-row weights are
 * frequency weights: weight 2 is the row twice.
 *
 * @param components k, at least 1
 * @param covariance the covariance structure
 * @param regCovar added to every variance in every M-step (scikit-learn's {@code reg_covar}), at least 0
 * @param init where EM starts
 * @param em iterations, tolerance, starts, threads
 * @param missingEm whether rows with missing (NaN) cells are fit by marginalising those cells in
 *     the E-step ({@link GmmMissingModel}); when false a missing cell is an error
 * @param fixed parameter groups held at their values in the {@link GmmInit.Given} start, bit for
 *     bit (empty: none)
 * @param precision the EM fit's E-step arithmetic ({@link Precision}: {@code FLOAT} computes the
 *     full and tied structures' squared distances in float); the fitted {@link GaussianMixture}'s
 *     scoring and prediction stay double whatever it is
 * @param equalProportions every weight 1/k (mclust's {@code equalPro})
 * @param defaultPrior MAP EM under mclust's default conjugate prior ({@link GmmPrior#defaults},
 *     computed from the data and k at fit time); the log-likelihood reported is the data's, as mclust's
 */
public record GaussianMixtureEstimator(int components, CovarianceStructure covariance, double regCovar, GmmInit init,
        EmOptions em, boolean missingEm, Set<GmmParameter> fixed, Precision precision, boolean equalProportions,
        boolean defaultPrior) {

    /** scikit-learn's default ridge on the variances. */
    public static final double DEFAULT_REG_COVAR = 1e-6;

    public GaussianMixtureEstimator {
        if (components < 1) {
            throw new MlemUserException("k = " + components + " components; k must be at least 1");
        }
        if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
            throw new MlemUserException("regCovar = " + regCovar + "; it must be a finite number >= 0");
        }
        if (covariance == null || init == null || em == null || fixed == null || precision == null) {
            throw new IllegalArgumentException("covariance, init, em options, fixed and precision are required");
        }
        fixed = fixed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fixed));
        if (!fixed.isEmpty() && !(init instanceof GmmInit.Given)) {
            throw new MlemUserException("holding " + fixed + " fixed needs their values: start from a given model"
                    + " (--init FILE.json)");
        }
        if (equalProportions && fixed.contains(GmmParameter.WEIGHTS)) {
            throw new MlemUserException("equal proportions and fixed weights both set the weights; use one of them");
        }
        if (defaultPrior && !fixed.isEmpty()) {
            throw new MlemUserException("a prior and fixed parameter groups both constrain the M-step; use one of them");
        }
    }

    /** An estimator without a prior. */
    public GaussianMixtureEstimator(int components, CovarianceStructure covariance, double regCovar, GmmInit init,
            EmOptions em, boolean missingEm, Set<GmmParameter> fixed, Precision precision, boolean equalProportions) {
        this(components, covariance, regCovar, init, em, missingEm, fixed, precision, equalProportions, false);
    }

    /** An estimator with the weights estimated. */
    public GaussianMixtureEstimator(int components, CovarianceStructure covariance, double regCovar, GmmInit init,
            EmOptions em, boolean missingEm, Set<GmmParameter> fixed, Precision precision) {
        this(components, covariance, regCovar, init, em, missingEm, fixed, precision, false);
    }

    /** An estimator in double precision. */
    public GaussianMixtureEstimator(int components, CovarianceStructure covariance, double regCovar, GmmInit init,
            EmOptions em, boolean missingEm, Set<GmmParameter> fixed) {
        this(components, covariance, regCovar, init, em, missingEm, fixed, Precision.DOUBLE);
    }

    /** An estimator in double precision that rejects missing cells and holds nothing fixed. */
    public GaussianMixtureEstimator(int components, CovarianceStructure covariance, double regCovar, GmmInit init,
            EmOptions em) {
        this(components, covariance, regCovar, init, em, false, Set.of());
    }

    /** k components with every other setting at its default: full covariances, regCovar 1e-6, k-means++, {@link EmOptions#DEFAULTS}. */
    public static GaussianMixtureEstimator of(int components) {
        return new GaussianMixtureEstimator(components, CovarianceStructure.FULL, DEFAULT_REG_COVAR, GmmInit.DEFAULT,
                EmOptions.DEFAULTS);
    }

    public GaussianMixtureEstimator withCovariance(CovarianceStructure c) {
        return new GaussianMixtureEstimator(components, c, regCovar, init, em, missingEm, fixed, precision, equalProportions, defaultPrior);
    }

    public GaussianMixtureEstimator withRegCovar(double r) {
        return new GaussianMixtureEstimator(components, covariance, r, init, em, missingEm, fixed, precision, equalProportions, defaultPrior);
    }

    public GaussianMixtureEstimator withInit(GmmInit i) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, i, em, missingEm, fixed, precision, equalProportions, defaultPrior);
    }

    public GaussianMixtureEstimator withEm(EmOptions o) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, init, o, missingEm, fixed, precision, equalProportions, defaultPrior);
    }

    /** With {@code true}, rows with missing cells are fit by marginalising them (the CLI's {@code --missing em}). */
    public GaussianMixtureEstimator withMissingEm(boolean m) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, init, em, m, fixed, precision, equalProportions, defaultPrior);
    }

    /** Holds {@code groups} at their values in the given start ({@link #withInit} a {@link GmmInit.Given} first). */
    public GaussianMixtureEstimator withFixed(Set<GmmParameter> groups) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, init, em, missingEm, groups, precision, equalProportions, defaultPrior);
    }

    /**
     * With the E-step's squared distances in {@code p} ({@link Precision#FLOAT}: float for the full
     * and tied structures). Scoring and prediction with the fitted mixture stay double.
     */
    public GaussianMixtureEstimator withPrecision(Precision p) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, init, em, missingEm, fixed, p, equalProportions, defaultPrior);
    }

    /**
     * With {@code true}, every M-step sets the weights to 1/k (mclust's {@code equalPro}); the
     * fitted mixture counts k−1 fewer parameters.
     */
    public GaussianMixtureEstimator withEqualProportions(boolean e) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, init, em, missingEm, fixed, precision, e, defaultPrior);
    }

    /**
     * With {@code true}, MAP EM under mclust's default conjugate prior ({@code priorControl()}:
     * {@link GmmPrior#defaults}); structures without a prior M-step are refused at fit time.
     */
    public GaussianMixtureEstimator withDefaultPrior(boolean p) {
        return new GaussianMixtureEstimator(components, covariance, regCovar, init, em, missingEm, fixed, precision,
                equalProportions, p);
    }

    /**
     * What {@link #fit(DataMatrix, long)} runs from this estimator's {@link GmmInit.Given} start, for an
     * EM loop over blocks held elsewhere: with {@code marginalise} (missing cells, {@link #missingEm()}),
     * one EM iteration of the complete-data model on mean-filled rows first, then EM with the cells
     * marginalised, as {@code fitMissing} does.
     */
    public org.mlem.em.EmProblem<GaussianMixture> problem(boolean marginalise) {
        return problem(marginalise, null);
    }

    /**
     * As {@link #problem(boolean)}, by MAP EM under {@code prior} when not null (what {@link #fit}
     * runs with {@link #defaultPrior()}: {@link GmmPrior#defaults} of the rows).
     */
    public org.mlem.em.EmProblem<GaussianMixture> problem(boolean marginalise, GmmPrior prior) {
        if (!(init instanceof GmmInit.Given given)) {
            throw new IllegalStateException("a problem needs a given start, not " + init);
        }
        GmmModel complete = model().withPrior(prior);
        return marginalise
                ? new org.mlem.em.EmProblem<>(new GmmMissingModel(complete), complete, given.start(), GaussianMixture::nParameters)
                : new org.mlem.em.EmProblem<>(complete, null, given.start(), GaussianMixture::nParameters);
    }

    /** The model this estimator runs (its M-step holds the fixed groups at the start's values), for fits that run the EM loop elsewhere. */
    public GmmModel model() {
        GaussianMixture values = init instanceof GmmInit.Given g ? g.start() : null;
        return new GmmModel(covariance, regCovar, fixed, values, precision).withEqualProportions(equalProportions);
    }

    /** Fits without progress reports. */
    public MixtureFit<GaussianMixture> fit(DataMatrix data, long seed) {
        return fit(data, seed, EmListener.NONE);
    }

    /**
     * Fits the mixture to {@code data} (its weights and labels included). The same seed gives the
     * same bits for any thread count. The start is drawn from the same rows as a streamed fit's
     * ({@code StreamedSample}: every row up to {@code StreamedSample.BUDGET_VALUES} values, else
     * evenly spaced rows), so a CSV fit and a {@code .npy} fit of the same rows give the same bits.
     *
     * @throws MlemUserException for data the model cannot take (non-finite values, a label outside
     *     0..k-1, fewer distinct rows than components, zero total weight) and for a component that
     *     collapses ({@link DegenerateComponentException})
     */
    public MixtureFit<GaussianMixture> fit(DataMatrix data, long seed, EmListener listener) {
        return fit(data, seed, listener, StreamedSample.BUDGET_VALUES);
    }

    /** As {@link #fit(DataMatrix, long, EmListener)} with the start sample's budget given (tests). */
    MixtureFit<GaussianMixture> fit(DataMatrix data, long seed, EmListener listener, long sampleBudget) {
        boolean marginalise = validate(data);
        if (marginalise) {
            return fitMissing(data, seed, listener);
        }
        GmmModel model = model().withPrior(defaultPrior ? GmmPrior.defaults(data, components, covariance) : null);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            if (data.allLabelled()) {
                return closedForm(model, data, reducer, seed);
            }
            DataMatrix initData = data.hasLabels() || StreamedSample.step(data.rows(), data.cols(), sampleBudget) == 1 ? data
                    : StreamedSample.of(data, sampleBudget); // labelled rows are never streamed: their start keeps every row
            return fitStarts(model, data, initData, seed, listener, reducer);
        }
    }

    /**
     * Fits the mixture to rows streamed from {@code source} (a {@code .npy} file, say), holding only
     * the blocks in flight and a sample of the rows in memory: one pass checks every value and keeps
     * the sample ({@code StreamedSample}: every row when they hold at most
     * {@code StreamedSample.BUDGET_VALUES} values, else evenly spaced rows; a function of the
     * data's shape, never of the heap) from which the start is drawn; EM then runs over every row.
     * The result equals {@link #fit(DataMatrix, long, EmListener)}'s on the same rows, bit for bit,
     * since that draws its start from the same sample. An in-memory {@link DataMatrix} is fitted as such.
     *
     * @throws MlemUserException as {@link #fit(DataMatrix, long, EmListener)}, and for labelled
     *     streamed rows (not supported) or missing cells (streamed fits take finite values only)
     */
    public MixtureFit<GaussianMixture> fit(BlockSource source, long seed, EmListener listener) {
        return fit(source, seed, listener, StreamedSample.BUDGET_VALUES);
    }

    /** As {@link #fit(BlockSource, long, EmListener)} with the start sample's budget given (tests). */
    MixtureFit<GaussianMixture> fit(BlockSource source, long seed, EmListener listener, long sampleBudget) {
        if (source instanceof DataMatrix data) {
            return fit(data, seed, listener, sampleBudget);
        }
        if (source.hasLabels()) {
            throw new MlemUserException("streamed rows with known labels are not supported; fit labelled data in memory");
        }
        if (defaultPrior) {
            throw new MlemUserException("--prior is not supported on streamed rows; fit the data in memory (a CSV) or drop --prior");
        }
        DataMatrix sample = StreamedSample.of(source, sampleBudget);
        withMissingEm(false).validate(sample);
        GmmModel model = new GmmModel(covariance, regCovar, precision).withEqualProportions(equalProportions);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            return fitStarts(model, source, sample, seed, listener, reducer);
        }
    }

    /**
     * The components of {@code model}, fitted by this estimator to {@code source}, that the data do
     * not support ({@link Degeneracy}). Rows in memory without missing cells are judged as
     * {@link Degeneracy#of(GaussianMixture, DataMatrix, double)} judges them; streamed rows by one
     * pass for the posterior counts and one for the data's covariance; rows with missing cells by
     * counts from the posterior of their observed cells, with the model's own covariance of the
     * data, Σ w_j (Σ_j + (μ_j − μ̄)(μ_j − μ̄)ᵀ), standing in for the data's.
     */
    public List<DegenerateComponent> degenerateComponents(GaussianMixture model, BlockSource source) {
        boolean marginalise = missingEm && source instanceof DataMatrix m && m.hasMissingCells();
        if (source instanceof DataMatrix data && !marginalise) {
            return Degeneracy.of(model, data, regCovar);
        }
        GmmModel complete = new GmmModel(covariance, regCovar);
        LatentModelCounts counts = marginalise ? new LatentModelCounts(new GmmMissingModel(complete)) : new LatentModelCounts(complete);
        double[] nk = counts.of(model, source, em.effectiveThreads());
        return Degeneracy.of(model, nk, marginalise ? impliedCovariance(model) : streamedCovariance(source, model), regCovar);
    }

    /**
     * The degenerate components of {@code model} on {@code data} whose cells {@code marginal} (a
     * model without regCovar's start values) integrates out: counts from its E-step, with the
     * mixture's own covariance of the data standing in for the data's.
     */
    List<DegenerateComponent> degenerateComponents(GaussianMixture model, DataMatrix data,
            LatentModel<GaussianMixture, GmmStats> marginal) {
        double[] nk = new LatentModelCounts(marginal).of(model, data, em.effectiveThreads());
        return Degeneracy.of(model, nk, impliedCovariance(model), regCovar);
    }

    /** Posterior counts n_j from one E-step of a model whose statistics are {@link GmmStats}. */
    private record LatentModelCounts(LatentModel<GaussianMixture, GmmStats> model) {
        double[] of(GaussianMixture params, BlockSource source, int threads) {
            try (BlockReducer reducer = new BlockReducer(threads)) {
                return reducer.reduce(source, () -> model.emptyStats(params), (block, into) -> model.accumulate(params, block, into))
                        .stats().nk.clone();
            }
        }
    }

    /** The mixture's covariance of the data: Σ w_j (Σ_j + (μ_j − μ̄)(μ_j − μ̄)ᵀ), μ̄ = Σ w_j μ_j. */
    private static double[][] impliedCovariance(GaussianMixture model) {
        int k = model.components();
        double[][] means = new double[k][];
        double[][][] covariances = new double[k][][];
        for (int j = 0; j < k; j++) {
            means[j] = model.mean(j);
            covariances[j] = model.covariance(j);
        }
        return Degeneracy.impliedScatter(model.weights(), means, covariances);
    }

    /** Σ w_j μ_j. */
    public static double[] centre(GaussianMixture model) {
        double[] centre = new double[model.dimension()];
        for (int j = 0; j < model.components(); j++) {
            double[] mu = model.mean(j);
            for (int a = 0; a < centre.length; a++) {
                centre[a] += model.weights()[j] * mu[a];
            }
        }
        return centre;
    }

    /** The streamed rows' weighted covariance (divisor the total weight), about the model's centre. */
    private double[][] streamedCovariance(BlockSource source, GaussianMixture model) {
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            return reducer.reduce(source, () -> new Moments(centre(model)), (block, into) -> into.add(block)).stats().covariance();
        }
    }

    /** EM from each of {@code em.restarts()} starts drawn from {@code initData}, over {@code source}; the best is kept. */
    private MixtureFit<GaussianMixture> fitStarts(GmmModel model, BlockSource source, DataMatrix initData,
            long seed, EmListener listener, BlockReducer reducer) {
        Restarts.ShortRunner<GaussianMixture> screen = init instanceof GmmInit.Given ? null
                : Restarts.screening(em.maxIterations(), (start, iterations) -> EmDriver.run(model.forScreening(), source, start, em.withMaxIterations(iterations), reducer, null));
        // drawn starts that are screened take the screening M-step too (mclust's hc start keeps the exact one)
        GmmModel drawModel = screen == null ? model : model.forScreening();
        Restarts.Outcome<GaussianMixture> out = Restarts.best(em.restartsFor((long) source.rows() * source.cols(), !(init instanceof GmmInit.Given)), seed,
                (seeds, draw) -> initialise(init instanceof GmmInit.Hierarchical && draw == 0 ? model : drawModel, initData, seeds.split(), reducer, draw),
                (start, iterations) -> EmDriver.run(model, source, start, em, reducer, iterations),
                screen,
                init instanceof GmmInit.Hierarchical ? null : firstScreen(model, initData, reducer), listener,
                m -> !Degeneracy.of(m, initData, regCovar).isEmpty());
        return out.toFit(source.rows(), source.totalWeight(), out.best().params().nParameters(), seed);
    }

    /**
     * Values (rows × (columns + 1)) the first start's screening runs over ({@link Restarts.FirstScreen}):
     * 2^18, so ten candidates' ten short iterations cost about twenty over 100,000 rows of 10
     * columns, and a fixed fraction of one iteration for more rows.
     */
    public static final long SCREEN_VALUES = 1L << 18;

    /**
     * The rows the first start's candidates are drawn from and screened on: {@code initData} when
     * it holds at most {@link #SCREEN_VALUES} values, else its evenly spaced rows within that budget.
     */
    public static DataMatrix screeningSample(DataMatrix initData) {
        return StreamedSample.step(initData.rows(), initData.cols(), SCREEN_VALUES) == 1 ? initData
                : StreamedSample.of(initData, SCREEN_VALUES);
    }

    /**
     * The first start's screen ({@link Restarts.FirstScreen}): candidates drawn from, and run
     * over, {@link #screeningSample}{@code (initData)} in memory on {@code reducer}'s threads.
     * Spark's fit screens the driver's sample with it, so a cluster and a laptop choose the same
     * first start from the same rows.
     */
    public Restarts.FirstScreen<GaussianMixture> firstScreen(DataMatrix initData, BlockReducer reducer) {
        return firstScreen(model(), initData, reducer);
    }

    private Restarts.FirstScreen<GaussianMixture> firstScreen(GmmModel model, DataMatrix initData, BlockReducer reducer) {
        DataMatrix screenData = screeningSample(initData);
        return new Restarts.FirstScreen<>((seeds, draw) -> initialise(model.forScreening(), screenData, seeds.split(), reducer, draw),
                (start, iterations) -> EmDriver.run(model.forScreening(), screenData, start, em.withMaxIterations(iterations), reducer, null));
    }

    /**
     * Each start is one EM iteration on the data with missing cells replaced by their column
     * means, from that start's draw ({@link #initialise}; when every row is labelled, the
     * closed-form fit to those data); EM then runs on the data as it is,
     * missing cells marginalised, and the best start is kept as for complete data.
     */
    private MixtureFit<GaussianMixture> fitMissing(DataMatrix data, long seed, EmListener listener) {
        return fitMarginal(data, data.missingFilledByMeans(), GmmMissingModel::new, false, seed, listener);
    }

    /**
     * EM with some cells integrated out in the E-step ({@code marginal}, built on the complete
     * model): each start is one EM iteration of the complete model on {@code filled} (the data with
     * those cells filled in), then EM of the marginal model on {@code data}; the best start without
     * a degenerate component (counts from the marginal model's E-step) is kept. With
     * {@code givenAsIs} a given start ({@link GmmInit.Given}) skips that first iteration.
     */
    MixtureFit<GaussianMixture> fitMarginal(DataMatrix data, DataMatrix filled,
            java.util.function.Function<GmmModel, LatentModel<GaussianMixture, GmmStats>> marginal, boolean givenAsIs, long seed,
            EmListener listener) {
        GmmModel complete = model().withPrior(defaultPrior ? GmmPrior.defaults(filled, components, covariance) : null);
        LatentModel<GaussianMixture, GmmStats> model = marginal.apply(complete);
        LatentModel<GaussianMixture, GmmStats> counting = marginal.apply(new GmmModel(covariance, regCovar));
        EmOptions once = em.withMaxIterations(1);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            Restarts.Outcome<GaussianMixture> out = Restarts.best(em.restartsFor((long) data.rows() * data.cols(), !(init instanceof GmmInit.Given)), seed,
                    (seeds, draw) -> givenAsIs && init instanceof GmmInit.Given ? initialise(complete, filled, seeds.split(), reducer, draw)
                            : filled.allLabelled() ? closedForm(complete, filled, reducer, seed).model()
                            : EmDriver.run(complete, filled, initialise(complete, filled, seeds.split(), reducer, draw),
                                    once, reducer, null).params(),
                    (start, iterations) -> EmDriver.run(model, data, start, em, reducer, iterations),
                    Restarts.screening(em.maxIterations(), (start, iterations) -> EmDriver.run(model, data, start, em.withMaxIterations(iterations), reducer, null)),
                    listener, m -> !degenerateComponents(m, data, counting).isEmpty());
            return out.toFit(data.rows(), data.totalWeight(), out.best().params().nParameters(), seed);
        }
    }

    private MixtureFit<GaussianMixture> closedForm(GmmModel model, DataMatrix data, BlockReducer reducer, long seed) {
        long t0 = System.nanoTime();
        int k = components;
        int d = data.cols();
        double[] shift = new double[k * d];
        double[] centre = data.weightedMeans();
        for (int j = 0; j < k; j++) {
            System.arraycopy(centre, 0, shift, j * d, d);
        }
        if (fixed.contains(GmmParameter.MEANS)) {
            shift = ((GmmInit.Given) init).start().meansFlat();
        }
        GmmStats stats = ResponsibilityPass.labelled(model, data, k, shift, reducer);
        GaussianMixture m = model.maximize(stats);
        double ll = EmDriver.logLikelihood(model, data, m, reducer);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new MixtureFit<>(m, ll, new double[] {ll}, 1, true, new double[] {ll}, 0, data.rows(),
                data.totalWeight(), m.nParameters(), seed, 0, seconds);
    }

    /**
     * The start of draw {@code draw} ({@link Restarts.Initialiser}): draw 0 from {@link #init}; with
     * the k-means++ start, later draws are k-means++ seedings without Lloyd iterations, since Lloyd's
     * iterations bring most seedings to one partition (Spark's fit draws the same starts). Random
     * responsibilities, mixed in as well, did no better on Old Faithful and iris.
     */
    private GaussianMixture initialise(GmmModel model, DataMatrix data, SplittableRandom rng, BlockReducer reducer,
            int draw) {
        int k = components;
        int d = data.cols();
        if (init instanceof GmmInit.Given given) {
            GaussianMixture start = given.start();
            if (start.components() != k || start.dimension() != d || start.structure() != covariance) {
                throw new MlemUserException("the initial model has k=" + start.components() + ", d=" + start.dimension()
                        + ", covariance " + start.structure() + " but the fit asks for k=" + k + ", d=" + d
                        + ", covariance " + covariance + "; make them agree");
            }
            return start;
        }
        int[] hard;
        double[] shift = new double[k * d];
        if (init instanceof GmmInit.Hierarchical hc && draw == 0) {
            return hierarchicalStart(model, data, hc, reducer);
        }
        if (init instanceof GmmInit.Hierarchical) {
            KMeans.Result r = KMeans.run(data, k, 0, rng, reducer);
            System.arraycopy(r.centres(), 0, shift, 0, k * d);
            return model.maximize(ResponsibilityPass.hard(model, data, k, r.labels(), shift, reducer));
        }
        if (init instanceof GmmInit.KMeansPlusPlus km) {
            boolean explore = draw > 0;
            KMeans.Result r = KMeans.run(data, k, explore ? 0 : km.iterations(), rng, reducer);
            hard = r.labels();
            System.arraycopy(r.centres(), 0, shift, 0, k * d);
            return model.maximize(ResponsibilityPass.hard(model, data, k, hard, shift, reducer));
        }
        double[] centre = data.weightedMeans();
        for (int j = 0; j < k; j++) {
            System.arraycopy(centre, 0, shift, j * d, d);
        }
        return model.maximize(ResponsibilityPass.random(model, data, k, shift, rng, reducer));
    }

    /**
     * The M-step from the hierarchical partition into k clusters, over the rows the tree was built
     * on (all rows, or mclust's subset; rows with a known label keep it).
     */
    private GaussianMixture hierarchicalStart(GmmModel model, DataMatrix data, GmmInit.Hierarchical hc, BlockReducer reducer) {
        int k = components;
        int d = data.cols();
        HierarchicalStart.Tree tree = HierarchicalStart.of(data, hc.subset(), hc.subsetSeed());
        int[] labels = tree.partition(k);
        int[] rows = tree.rows();
        DataMatrix on = rows.length == data.rows() ? data : HierarchicalStart.rowsOf(data, rows);
        double[] shift = new double[k * d];
        double[] count = new double[k];
        for (int i = 0; i < rows.length; i++) {
            count[labels[i]]++;
            for (int a = 0; a < d; a++) {
                shift[labels[i] * d + a] += on.get(i, a);
            }
        }
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                shift[j * d + a] /= count[j];
            }
        }
        return model.maximize(ResponsibilityPass.hard(model, on, k, labels, shift, reducer));
    }

    /** Checks the data; returns whether missing cells are present and to be marginalised. */
    boolean validate(DataMatrix data) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        boolean missing = missingEm && data.hasMissingCells();
        if (!missing) {
            data.requireFinite("a Gaussian mixture");
        }
        if (!(data.totalWeight() > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
        if (data.hasLabels()) {
            for (int i = 0; i < data.rows(); i++) {
                if (data.label(i) >= components) {
                    throw new MlemUserException("row " + (i + 1) + " has label index " + data.label(i)
                            + ", outside the k=" + components + " classes; raise k or fix the label");
                }
            }
        }
        int distinct = data.distinctRows(components);
        if (distinct < components) {
            throw new MlemUserException("k=" + components + " components but only " + distinct
                    + " distinct rows (of positive weight); use k <= " + distinct);
        }
        return missing;
    }
}
