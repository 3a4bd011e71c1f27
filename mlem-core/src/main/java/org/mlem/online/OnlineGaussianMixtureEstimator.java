package org.mlem.online;

import org.mlem.MlemUserException;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.GmmStats;

/**
 * A Gaussian mixture by online (stepwise) EM, Cappé &amp; Moulines (2009), "On-line
 * expectation–maximization algorithm for latent data models", JRSS B 71(3): the rows are read in
 * mini-batches of {@code batchBlocks} consecutive blocks ({@link BlockSource#BLOCK_ROWS} rows each);
 * after the E-step of batch t (under the current parameters) the per-row sufficient statistics
 * move towards the batch's, {@code s ← (1 − γ_t) s + γ_t ŝ_t} with {@code γ_t = (t + 2)^(−α)},
 * and the M-step follows at once. The first batch's statistics are taken as they are (t counts
 * the batches after it, from 0). With {@code 1/2 < α ≤ 1} the steps satisfy
 * {@code Σ γ_t = ∞, Σ γ_t² < ∞}, the conditions of the paper's convergence result.
 *
 * <p>A pass reads every batch once, in file order (shuffle the rows beforehand if they are
 * sorted). After the last pass one full E-step gives the reported log-likelihood, the same
 * quantity batch EM reports. Everything else (k, covariance structure, regCovar, start, threads)
 * comes from {@code batch}, a {@link GaussianMixtureEstimator}; its start (k-means++ or random)
 * is drawn from the first {@code batchBlocks} blocks, or taken from {@link GmmInit.Given}.
 * Deterministic for a seed, whatever the thread count.
 *
 * @param batch the model's configuration; its {@link EmOptions} give the threads
 * @param batchBlocks blocks per mini-batch, at least 1
 * @param alpha the step-size exponent α, in (0.5, 1]
 * @param passes passes over the data, at least 1
 */
public record OnlineGaussianMixtureEstimator(GaussianMixtureEstimator batch, int batchBlocks, double alpha,
        int passes) {

    /** Defaults: 4 blocks (8,192 rows) per batch, α = 0.6, 2 passes. */
    public static final int DEFAULT_BATCH_BLOCKS = 4;
    public static final double DEFAULT_ALPHA = 0.6;
    public static final int DEFAULT_PASSES = 2;

    public OnlineGaussianMixtureEstimator {
        if (batch == null) {
            throw new IllegalArgumentException("the mixture's configuration is required");
        }
        if (batchBlocks < 1) {
            throw new MlemUserException("batchBlocks = " + batchBlocks + "; a mini-batch needs at least 1 block");
        }
        if (!(alpha > 0.5 && alpha <= 1)) {
            throw new MlemUserException("alpha = " + alpha + "; the step-size exponent must be in (0.5, 1]");
        }
        if (passes < 1) {
            throw new MlemUserException("passes = " + passes + "; at least 1 pass is needed");
        }
    }

    /** Online EM for {@code batch}'s mixture with the default batch size, α and passes. */
    public static OnlineGaussianMixtureEstimator of(GaussianMixtureEstimator batch) {
        return new OnlineGaussianMixtureEstimator(batch, DEFAULT_BATCH_BLOCKS, DEFAULT_ALPHA, DEFAULT_PASSES);
    }

    public OnlineGaussianMixtureEstimator withBatchBlocks(int b) {
        return new OnlineGaussianMixtureEstimator(batch, b, alpha, passes);
    }

    public OnlineGaussianMixtureEstimator withAlpha(double a) {
        return new OnlineGaussianMixtureEstimator(batch, batchBlocks, a, passes);
    }

    public OnlineGaussianMixtureEstimator withPasses(int p) {
        return new OnlineGaussianMixtureEstimator(batch, batchBlocks, alpha, p);
    }

    /** The step size of update t (t = 0 is the first update after the first batch). */
    public double stepSize(long t) {
        return Math.pow(t + 2, -alpha);
    }

    /**
     * Fits by online EM. The result's {@code trace} holds, per pass, the sum of the batches'
     * log-likelihoods under the parameters each batch met (an online estimate), then the exact
     * log-likelihood of the final model; {@code iterations} is the number of passes.
     */
    public MixtureFit<GaussianMixture> fit(BlockSource data, long seed) {
        GmmModel model = new GmmModel(batch.covariance(), batch.regCovar());
        int blocks = data.blockCount();
        try (BlockReducer reducer = new BlockReducer(batch.em().effectiveThreads())) {
            long t0 = System.nanoTime();
            GaussianMixture params = start(new BlockRange(data, 0, Math.min(blocks, batchBlocks)), seed);
            double initSeconds = (System.nanoTime() - t0) * 1e-9;
            t0 = System.nanoTime();
            double[] trace = new double[passes + 1];
            GmmStats state = null;
            long t = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (int b0 = 0; b0 < blocks; b0 += batchBlocks) {
                    BlockRange range = new BlockRange(data, b0, Math.min(blocks, b0 + batchBlocks));
                    GaussianMixture current = params;
                    BlockReducer.Result<GmmStats> r = reducer.reduce(range, () -> model.emptyStats(current),
                            (block, into) -> model.accumulate(current, block, into));
                    trace[pass] += r.logLikelihood();
                    state = state == null ? r.stats() : state.stepTowards(r.stats(), stepSize(t++));
                    params = model.maximize(state);
                }
            }
            trace[passes] = EmDriver.logLikelihood(model, data, params, reducer);
            double fitSeconds = (System.nanoTime() - t0) * 1e-9;
            return new MixtureFit<>(params, trace[passes], trace, passes, true, new double[] {trace[passes]}, 0,
                    data.rows(), data.totalWeight(), params.nParameters(), seed, initSeconds, fitSeconds);
        }
    }

    /** The given start, or {@code batch}'s start drawn from the first mini-batch's rows followed by one EM iteration on them. */
    private GaussianMixture start(BlockRange first, long seed) {
        if (batch.init() instanceof GmmInit.Given given) {
            return given.start();
        }
        DataMatrix rows = first.toMatrix();
        return batch.withEm(batch.em().withMaxIterations(1).withRestarts(1)).fit(rows, seed).model();
    }
}
