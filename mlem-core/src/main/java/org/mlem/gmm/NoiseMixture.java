package org.mlem.gmm;

import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * A Gaussian mixture with a noise component (mclust's Poisson-process noise; Banfield and Raftery
 * 1993, Fraley and Raftery 1998): density {@code (1 − π₀) Σ_j w_j N(x | μ_j, Σ_j) + π₀ / V}, where V
 * is the {@link NoiseRegion}'s hypervolume. Immutable.
 *
 * <p>The Gaussian part is held as a {@link GaussianMixture} whose weights {@code w_j} sum to 1
 * (the weights among the Gaussian components); the mixing proportions as mclust reports them
 * ({@code pro}) are {@link #proportions()}: {@code (1 − π₀) w_j} for the Gaussians, then π₀.
 * Labels: 0..k−1 for the Gaussian components, {@link #NOISE} for the noise component.
 */
public final class NoiseMixture implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The label of the noise component in {@link #predict}. */
    public static final int NOISE = -1;

    private final GaussianMixture gaussians;
    private final double noiseWeight;
    private final NoiseRegion region;
    private final double logGaussian;
    private final double logNoise;

    /**
     * @param gaussians the Gaussian components, their weights summing to 1 among themselves
     * @param noiseWeight π₀, in [0, 1)
     * @param region the noise component's region (its hypervolume sets the noise density)
     */
    public NoiseMixture(GaussianMixture gaussians, double noiseWeight, NoiseRegion region) {
        if (!(noiseWeight >= 0 && noiseWeight < 1)) {
            throw new MlemUserException("noise weight " + noiseWeight + " is not in [0, 1); give a proportion below 1");
        }
        if (region.dimension() != gaussians.dimension()) {
            throw new MlemUserException("the noise region has dimension " + region.dimension() + " but the components "
                    + gaussians.dimension() + "; make them agree");
        }
        this.gaussians = gaussians;
        this.noiseWeight = noiseWeight;
        this.region = region;
        this.logGaussian = Math.log1p(-noiseWeight);
        this.logNoise = Math.log(noiseWeight) - region.logVolume();
    }

    /** The Gaussian components (weights among themselves). */
    public GaussianMixture gaussians() {
        return gaussians;
    }

    /** π₀, the noise component's mixing proportion. */
    public double noiseWeight() {
        return noiseWeight;
    }

    public NoiseRegion region() {
        return region;
    }

    public int components() {
        return gaussians.components();
    }

    public int dimension() {
        return gaussians.dimension();
    }

    /** mclust's {@code pro}: k + 1 proportions summing to 1, the noise last. */
    public double[] proportions() {
        int k = components();
        double[] p = new double[k + 1];
        for (int j = 0; j < k; j++) {
            p[j] = (1 - noiseWeight) * gaussians.weights()[j];
        }
        p[k] = noiseWeight;
        return p;
    }

    /**
     * The Gaussian mixture's free parameters plus two, as mclust's {@code nMclustParams(..., noise = TRUE)}
     * counts them (π₀ and the hypervolume).
     */
    public int nParameters() {
        return gaussians.nParameters() + 2;
    }

    /**
     * Writes the block's k + 1 joint log densities per row into {@code out} (rows × (k+1)): log of
     * {@code (1 − π₀) w_j N(x_i | μ_j, Σ_j)}, then {@code log(π₀ / V)}.
     */
    void logJoint(Block block, double[] gaussianScratch, double[] out, double[] scratch) {
        int k = components();
        gaussians.logJoint(block, gaussianScratch, scratch);
        for (int i = 0; i < block.rows(); i++) {
            for (int j = 0; j < k; j++) {
                out[i * (k + 1) + j] = gaussianScratch[i * k + j] + logGaussian;
            }
            out[i * (k + 1) + k] = logNoise;
        }
    }

    /** Per-row log density (natural log). */
    public double[] scoreSamples(DataMatrix x) {
        int k1 = components() + 1;
        double[] out = new double[x.rows()];
        forEachBlock(x, (block, joint) -> {
            for (int i = 0; i < block.rows(); i++) {
                out[block.start() + i] = GaussianMixture.logSumExp(joint, i * k1, k1);
            }
        });
        return out;
    }

    /** Σ_i w_i log p(x_i). */
    public double logLikelihood(DataMatrix x) {
        return GaussianMixture.weightedTotal(x, scoreSamples(x));
    }

    /** Posterior probabilities, k + 1 per row: the Gaussian components, then the noise. */
    public double[][] predictProba(DataMatrix x) {
        int k1 = components() + 1;
        double[][] p = new double[x.rows()][];
        forEachBlock(x, (block, joint) -> {
            for (int i = 0; i < block.rows(); i++) {
                double m = GaussianMixture.logSumExp(joint, i * k1, k1);
                double[] row = new double[k1];
                for (int j = 0; j < k1; j++) {
                    row[j] = Math.exp(joint[i * k1 + j] - m);
                }
                p[block.start() + i] = row;
            }
        });
        return p;
    }

    /** The most probable component of each row, {@link #NOISE} for the noise (ties to the lowest Gaussian index). */
    public int[] predict(DataMatrix x) {
        int k = components();
        double[][] p = predictProba(x);
        int[] labels = new int[x.rows()];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j <= k; j++) {
                if (p[i][j] > p[i][best]) {
                    best = j;
                }
            }
            labels[i] = best == k ? NOISE : best;
        }
        return labels;
    }

    /**
     * n rows drawn with a generator seeded by {@code seed}: each row is noise with probability π₀,
     * drawn uniformly from the {@link NoiseRegion}, else from the Gaussian mixture. The components
     * drawn from are returned as {@link #predict} labels them.
     */
    public GaussianMixture.Sample sample(int n, long seed, List<String> columns) {
        if (n < 1) {
            throw new MlemUserException("sample size " + n + " must be at least 1");
        }
        int d = dimension();
        DataMatrix.requireHoldable(n, d, DataMatrix.FEWER_ROWS, null);
        java.util.function.ToIntFunction<double[]> sampler = sampler(seed);
        double[] values = new double[n * d];
        int[] comps = new int[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            comps[i] = sampler.applyAsInt(row);
            System.arraycopy(row, 0, values, i * d, d);
        }
        return new GaussianMixture.Sample(DataMatrix.of(values, n, d, columns), comps);
    }

    /**
     * Draws rows one at a time, the same rows as {@link #sample}: each call writes a row into its
     * argument (length d) and returns its component ({@link #NOISE} for the noise).
     */
    public java.util.function.ToIntFunction<double[]> sampler(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GaussianMixture.Sampler gaussian = gaussians.sampler(rng.nextLong());
        return row -> {
            if (rng.nextDouble() < noiseWeight) {
                region.draw(rng, row);
                return NOISE;
            }
            return gaussian.next(row);
        };
    }

    private interface BlockVisitor {
        void visit(Block block, double[] joint);
    }

    private void forEachBlock(DataMatrix x, BlockVisitor visitor) {
        if (x.cols() != dimension()) {
            throw new MlemUserException("the data has " + x.cols() + " columns but the model has dimension " + dimension()
                    + "; choose the model's columns (--columns)");
        }
        x.requireFinite("a Gaussian mixture with noise");
        int k = components();
        double[] g = new double[BlockSource.BLOCK_ROWS * k];
        double[] joint = new double[BlockSource.BLOCK_ROWS * (k + 1)];
        double[] scratch = new double[Covariances.scratchSize(dimension())];
        for (int b = 0; b < x.blockCount(); b++) {
            Block block = x.block(b);
            logJoint(block, g, joint, scratch);
            visitor.visit(block, joint);
        }
    }

    @Override
    public String toString() {
        return "NoiseMixture[noiseWeight=" + noiseWeight + ", hypervolume=" + region.hypervolume() + ", " + gaussians + "]";
    }
}
