package org.mlem.spark;

import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.MixtureFit;
import org.mlem.em.Moments;
import org.mlem.em.Restarts;
import org.mlem.gmm.Degeneracy;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.GmmParameter;
import org.mlem.gmm.GmmStats;
import org.mlem.gmm.KMeans;

/**
 * A Gaussian mixture fit on Spark that follows {@link GaussianMixtureEstimator#fit} step by step:
 * the same restarts drawn from {@code new SplittableRandom(seed).split()}, the same k-means++
 * start, the same EM loop, the best final log-likelihood kept (the first of equals; a start whose
 * component collapses counts as failed, as {@link Restarts#best} does it), and the closed-form MLE
 * when every row has a label.
 *
 * <p>The k-means++ seeding runs on the driver over {@link DistributedData#sample}: every row when
 * there are at most {@code initSampleRows}, which gives exactly the single-machine start;
 * otherwise a hashed sample, and only the seeding differs. The hard labels and the first
 * M-step use every row.
 */
final class DistributedGmmFit {
    private final GaussianMixtureEstimator settings;
    private final int initSampleRows;
    private final int depth;

    /**
     * @param settings k, structure, regCovar, start (k-means++ or given) and EM options, as the single-machine estimator takes them
     */
    DistributedGmmFit(GaussianMixtureEstimator settings, int initSampleRows, int depth) {
        this.settings = settings;
        this.initSampleRows = initSampleRows;
        this.depth = depth;
    }

    /** A fit and its degenerate components ({@link Degeneracy}; empty when none). */
    record Fitted(MixtureFit<org.mlem.gmm.GaussianMixture> fit, List<DegenerateComponent> degenerate) {}

    Fitted fit(DistributedData data, long seed, EmListener listener) {
        if (settings.missingEm()) {
            throw new IllegalArgumentException("missing cells are not marginalised on Spark; filter or impute them");
        }
        GmmModel model = settings.model();
        LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> fitter = new LatentModelFitter<>(model, data, depth);
        // the short runs that screen starts take the screening M-step, as the single-machine fit's do
        LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> screener = new LatentModelFitter<>(model.forScreening(), data, depth);
        if (data.allLabelled()) {
            MixtureFit<org.mlem.gmm.GaussianMixture> fit = closedForm(fitter, seed);
            return new Fitted(fit, degenerateComponents(fitter, fit.model()));
        }
        DataMatrix sample = settings.init() instanceof GmmInit.KMeansPlusPlus ? data.sample(initSampleRows, seed) : null;
        try (BlockReducer driver = new BlockReducer(settings.em().effectiveThreads())) {
            Restarts.ShortRunner<org.mlem.gmm.GaussianMixture> screen = settings.init() instanceof GmmInit.Given ? null
                    : Restarts.screening(settings.em().maxIterations(), (start, iterations) -> screener.run(start, settings.em().withMaxIterations(iterations), null));
            Restarts.Outcome<org.mlem.gmm.GaussianMixture> out = Restarts.best(settings.em().restartsFor(data.rows() * data.cols(), !(settings.init() instanceof GmmInit.Given)), seed,
                    // drawn starts that are screened take the screening M-step, as the single machine's do
                    (seeds, draw) -> start(screen == null ? fitter : screener, sample, seeds.split(), draw),
                    (start, iterations) -> fitter.run(start, settings.em(), iterations),
                    screen,
                    sample == null ? null : settings.firstScreen(sample, driver),
                    listener, m -> !degenerateComponents(fitter, m).isEmpty());
            return new Fitted(out.toFit((int) Math.min(Integer.MAX_VALUE, data.rows()), data.totalWeight(),
                    out.best().params().nParameters(), seed), degenerateComponents(fitter, out.best().params()));
        }
    }

    /**
     * The components of {@code m} the rows do not support ({@link Degeneracy}), from two passes over
     * the partitions: the posterior counts (one E-step) and the rows' covariance.
     */
    private List<DegenerateComponent> degenerateComponents(LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> fitter,
            org.mlem.gmm.GaussianMixture m) {
        return degenerateComponents(fitter, m, settings.regCovar());
    }

    /** As {@link #degenerateComponents(LatentModelFitter, org.mlem.gmm.GaussianMixture)}, for a model fit with {@code regCovar}. */
    static List<DegenerateComponent> degenerateComponents(LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> fitter,
            org.mlem.gmm.GaussianMixture m, double regCovar) {
        double[] counts = fitter.eStep(m).stats().counts();
        double[] centre = GaussianMixtureEstimator.centre(m);
        double[][] scatter = fitter.reduce(() -> new Moments(centre), (block, into) -> into.add(block)).stats().covariance();
        return Degeneracy.of(m, counts, scatter, regCovar);
    }

    private org.mlem.gmm.GaussianMixture start(LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> fitter,
            DataMatrix sample, SplittableRandom rng, int draw) {
        int k = settings.components();
        int d = fitter.data().cols();
        if (settings.init() instanceof GmmInit.Given given) {
            org.mlem.gmm.GaussianMixture s = given.start();
            if (s.components() != k || s.dimension() != d || s.structure() != settings.covariance()) {
                throw new MlemUserException("the initial model has k=" + s.components() + ", d=" + s.dimension()
                        + ", covariance " + s.structure() + " but the fit asks for k=" + k + ", d=" + d + ", covariance "
                        + settings.covariance() + "; make them agree");
            }
            return s;
        }
        if (!(settings.init() instanceof GmmInit.KMeansPlusPlus km)) {
            throw new IllegalArgumentException("Spark fits start from k-means++ or given parameters, not " + settings.init());
        }
        double[] centres = KMeans.run(sample, k, draw > 0 ? 0 : km.iterations(), rng).centres();
        return hardStart(fitter, centres);
    }

    /** The first M-step from rows labelled by their nearest centre (known labels kept), moments about the centres. */
    private static org.mlem.gmm.GaussianMixture hardStart(
            LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> fitter, double[] centres) {
        GmmModel model = (GmmModel) fitter.model();
        int d = fitter.data().cols();
        int k = centres.length / d;
        BlockReducer.Result<GmmStats> s = fitter.reduce(() -> model.emptyStats(k, d, centres), (block, into) -> {
            int[] hard = new int[block.rows()];
            for (int i = 0; i < block.rows(); i++) {
                hard[i] = KMeans.nearest(block.x(), block.offset(i), centres, k, d);
            }
            return model.accumulateHard(block, hard, into);
        });
        return model.maximize(s.stats());
    }

    private MixtureFit<org.mlem.gmm.GaussianMixture> closedForm(
            LatentModelFitter<org.mlem.gmm.GaussianMixture, GmmStats> fitter, long seed) {
        long t0 = System.nanoTime();
        GmmModel model = (GmmModel) fitter.model();
        DistributedData data = fitter.data();
        int k = settings.components();
        int d = data.cols();
        double[] centre = data.weightedMean();
        double[] shift = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(centre, 0, shift, j * d, d);
        }
        if (settings.fixed().contains(GmmParameter.MEANS)) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(((GmmInit.Given) settings.init()).start().mean(j), 0, shift, j * d, d);
            }
        }
        GmmStats stats = fitter.reduce(() -> model.emptyStats(k, d, shift),
                (block, into) -> model.accumulateHard(block, null, into)).stats();
        org.mlem.gmm.GaussianMixture m = model.maximize(stats);
        double ll = fitter.eStep(m).logLikelihood();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new MixtureFit<>(m, ll, new double[] {ll}, 1, true, new double[] {ll}, 0,
                (int) Math.min(Integer.MAX_VALUE, data.rows()), data.totalWeight(), m.nParameters(), seed, 0, seconds);
    }
}
