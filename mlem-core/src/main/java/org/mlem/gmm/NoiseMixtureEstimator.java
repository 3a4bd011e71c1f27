package org.mlem.gmm;

import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;

/**
 * Fits a Gaussian mixture with a noise component ({@link NoiseMixture}) by EM, as mclust's
 * {@code Mclust(..., initialization = list(noise = ...))} does: the noise density is uniform over
 * the data's {@link NoiseRegion} (mclust's {@code hypvol}), the start is a hard partition, the
 * rows of the noise start in the noise component and the others partitioned among the Gaussian
 * components (mclust: its hierarchical clustering of the non-noise rows; here k-means++ on them, or
 * a partition given), and EM runs from the M-step of that partition.
 *
 * @param gaussian the Gaussian components' configuration: k, structure, ridge, EM options and
 *     starts ({@link GmmInit.KMeansPlusPlus} or random responsibilities, drawn on the non-noise rows)
 * @param hypervolume the noise region's volume V (the noise density 1/V, mclust's {@code Vinv}
 *     given), the region {@link NoiseRegion#of} the rows scaled to it; NaN for mclust's
 *     {@code hypvol} of the rows
 */
public record NoiseMixtureEstimator(GaussianMixtureEstimator gaussian, double hypervolume) {

    public NoiseMixtureEstimator {
        if (gaussian.missingEm() || !gaussian.fixed().isEmpty()) {
            throw new MlemUserException("a noise component cannot be combined with missing-cell EM or fixed parameters;"
                    + " drop --noise or those options");
        }
        if (!Double.isNaN(hypervolume) && (!(hypervolume > 0) || Double.isInfinite(hypervolume))) {
            throw new MlemUserException("the noise hypervolume is " + hypervolume + "; give a finite positive volume");
        }
    }

    /** The noise region mclust's {@code hypvol} of the rows. */
    public NoiseMixtureEstimator(GaussianMixtureEstimator gaussian) {
        this(gaussian, Double.NaN);
    }

    /** This estimator with the noise region's volume {@code v} given (NaN: the rows' {@code hypvol}). */
    public NoiseMixtureEstimator withHypervolume(double v) {
        return new NoiseMixtureEstimator(gaussian, v);
    }

    private NoiseRegion region(NoiseRegion ofRows) {
        return Double.isNaN(hypervolume) ? ofRows : ofRows.withHypervolume(hypervolume);
    }

    /**
     * Fits from the rows flagged in {@code noiseStart} as the noise component's start; the other rows
     * are partitioned by k-means++ (one partition per start, {@code em.restarts()} starts; the first
     * with Lloyd iterations, later ones seedings only) or, with {@link GmmInit.RandomResponsibilities},
     * at random. The same seed gives the same bits for any thread count.
     *
     * @throws MlemUserException when no row or every row is flagged, when fewer distinct unflagged
     *     rows than components remain, for labelled rows or non-finite values
     */
    public MixtureFit<NoiseMixture> fit(DataMatrix data, boolean[] noiseStart, long seed, EmListener listener) {
        int k = gaussian.components();
        validate(data);
        if (noiseStart.length != data.rows()) {
            throw new IllegalArgumentException(noiseStart.length + " noise flags for " + data.rows() + " rows");
        }
        int[] signal = signalRows(noiseStart);
        if (signal.length == data.rows()) {
            throw new MlemUserException("the noise start flags no row; flag at least one row as noise (--noise-start)"
                    + " or fit without --noise");
        }
        DataMatrix subset = rowsOf(data, signal);
        int distinct = subset.distinctRows(k);
        if (distinct < k) {
            throw new MlemUserException("k=" + k + " components but only " + distinct + " distinct rows outside the noise"
                    + " start; use k <= " + distinct + " or flag fewer rows as noise");
        }
        NoiseModel model = model(data);
        GmmInit init = gaussian.init();
        try (BlockReducer reducer = new BlockReducer(gaussian.em().effectiveThreads())) {
            Restarts.Outcome<NoiseMixture> out = Restarts.best(gaussian.em().restartsFor((long) data.rows() * data.cols()), seed,
                    (seeds, draw) -> start(model, data, partition(subset, signal, data.rows(), init, seeds.split(), reducer, draw)),
                    (start, iterations) -> EmDriver.run(model, data, start, gaussian.em(), reducer, iterations),
                    null, listener);
            return out.toFit(data.rows(), data.totalWeight(), out.best().params().nParameters(), seed);
        }
    }

    /**
     * Fits from a given hard partition: {@code labels[i]} in 0..k−1 puts row i in a Gaussian
     * component, {@link NoiseMixture#NOISE} in the noise (mclust's {@code me} from
     * {@code z = unmap(labels)} with the noise column). One start.
     */
    public MixtureFit<NoiseMixture> fitFromPartition(DataMatrix data, int[] labels, long seed) {
        validate(data);
        NoiseModel model = model(data);
        try (BlockReducer reducer = new BlockReducer(gaussian.em().effectiveThreads())) {
            NoiseMixture start = start(model, data, labels);
            Restarts.Outcome<NoiseMixture> out = Restarts.best(1, seed, (seeds, draw) -> start,
                    (s, iterations) -> EmDriver.run(model, data, s, gaussian.em(), reducer, iterations), null, null);
            return out.toFit(data.rows(), data.totalWeight(), out.best().params().nParameters(), seed);
        }
    }

    /**
     * EM from given parameters, the noise uniform over the rows' {@link NoiseRegion} (the start's
     * own region is not used; scaled to {@link #hypervolume} when given), the Gaussian M-step MAP
     * under mclust's default prior of the rows when the estimator has one. One start.
     */
    public MixtureFit<NoiseMixture> fitFrom(DataMatrix data, NoiseMixture start, long seed) {
        validate(data);
        org.mlem.em.EmProblem<NoiseMixture> problem = problem(start, region(NoiseRegion.of(data)), gaussian.defaultPrior()
                ? GmmPrior.defaults(data, gaussian.components(), gaussian.covariance()) : null);
        try (BlockReducer reducer = new BlockReducer(gaussian.em().effectiveThreads())) {
            Restarts.Outcome<NoiseMixture> out = Restarts.best(1, seed, (seeds, draw) -> start,
                    (s, iterations) -> EmDriver.run(problem.model(), data, s, gaussian.em(), reducer, iterations), null, null);
            return out.toFit(data.rows(), data.totalWeight(), out.best().params().nParameters(), seed);
        }
    }

    /**
     * What {@link #fitFrom} runs from {@code start} on the rows passing through {@code rows} (blocks
     * held elsewhere: a cluster's partitions), for an EM loop over them: the noise region
     * {@link NoiseRegion#of(org.mlem.em.RowPasses)} (scaled to {@link #hypervolume} when given) and,
     * with the prior, {@link GmmPrior#defaults(org.mlem.em.RowPasses, int, CovarianceStructure)}.
     */
    public org.mlem.em.EmProblem<NoiseMixture> problem(NoiseMixture start, org.mlem.em.RowPasses rows) {
        return problem(start, region(NoiseRegion.of(rows)), gaussian.defaultPrior()
                ? GmmPrior.defaults(rows, gaussian.components(), gaussian.covariance()) : null);
    }

    private org.mlem.em.EmProblem<NoiseMixture> problem(NoiseMixture start, NoiseRegion region, GmmPrior prior) {
        if (start.components() != gaussian.components() || start.gaussians().structure() != gaussian.covariance()) {
            throw new MlemUserException("the initial model has k=" + start.components() + " and covariance "
                    + start.gaussians().structure() + " but the fit asks for k=" + gaussian.components() + " and covariance "
                    + gaussian.covariance() + "; make them agree");
        }
        GmmModel g = prior == null ? gaussian.model() : gaussian.model().withPrior(prior);
        return new org.mlem.em.EmProblem<>(new NoiseModel(g, region), null, start, NoiseMixture::nParameters);
    }

    /**
     * The noise model over {@code data}'s region; its Gaussian M-step is MAP under mclust's default
     * prior when the estimator has one (the prior's hyperparameters from every row, noise rows too,
     * as {@code me(..., prior = priorControl(), Vinv = ...)} takes them from its data).
     */
    private NoiseModel model(DataMatrix data) {
        GmmModel g = gaussian.model();
        if (gaussian.defaultPrior()) {
            g = g.withPrior(GmmPrior.defaults(data, gaussian.components(), gaussian.covariance()));
        }
        return new NoiseModel(g, region(NoiseRegion.of(data)));
    }

    /** The M-step of a hard partition ({@link NoiseMixture#NOISE} for noise rows). */
    static NoiseMixture start(NoiseModel model, DataMatrix data, int[] labels) {
        int k = 0;
        for (int z : labels) {
            k = Math.max(k, z + 1);
        }
        NoiseStats stats = model.emptyStats(k, data.cols(), new double[k * data.cols()]);
        model.accumulateHard(data.all(), labels, stats);
        return model.maximize(stats);
    }

    /** A partition of every row: noise for the flagged ones, a k-means++ (or random) cluster of the others. */
    private int[] partition(DataMatrix subset, int[] signal, int rows, GmmInit init, SplittableRandom rng,
            BlockReducer reducer, int draw) {
        int k = gaussian.components();
        int[] hard = new int[rows];
        java.util.Arrays.fill(hard, NoiseMixture.NOISE);
        int[] clusters;
        if (init instanceof GmmInit.KMeansPlusPlus km) {
            clusters = KMeans.run(subset, k, draw > 0 ? 0 : km.iterations(), rng, reducer).labels();
        } else if (init instanceof GmmInit.RandomResponsibilities) {
            clusters = new int[subset.rows()];
            for (int i = 0; i < clusters.length; i++) {
                clusters[i] = i < k ? i : rng.nextInt(k); // every component gets a row
            }
        } else {
            throw new MlemUserException("a noise component starts from k-means++ or random partitions of the rows outside"
                    + " the noise start, not from a model file; use --init kmeans++ or random with --noise");
        }
        for (int i = 0; i < signal.length; i++) {
            hard[signal[i]] = clusters[i];
        }
        return hard;
    }

    private void validate(DataMatrix data) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        if (data.hasLabels()) {
            throw new MlemUserException("known labels (--labels) cannot be combined with a noise component; drop one");
        }
        data.requireFinite("a Gaussian mixture with noise");
        if (!(data.totalWeight() > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
    }

    private static int[] signalRows(boolean[] noise) {
        int n = 0;
        for (boolean b : noise) {
            n += b ? 0 : 1;
        }
        int[] out = new int[n];
        int m = 0;
        for (int i = 0; i < noise.length; i++) {
            if (!noise[i]) {
                out[m++] = i;
            }
        }
        return out;
    }

    private static DataMatrix rowsOf(DataMatrix data, int[] rows) {
        int d = data.cols();
        double[] values = new double[rows.length * d];
        double[] w = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.row(rows[i]), 0, values, i * d, d);
            w[i] = data.weight(rows[i]);
        }
        DataMatrix m = DataMatrix.of(values, rows.length, d, data.columns());
        return data.hasWeights() ? m.withWeights(w) : m;
    }
}
