package org.mlem.gmm;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.kernel.Kernels;

/**
 * A fitted (or given) Gaussian mixture: weights π (k, summing to 1), means μ (k×d) and
 * {@link Covariances} in one structure. Immutable; arrays are copied in and out.
 *
 * <p>Densities are computed in log space through precision Cholesky factors. Every method that
 * takes data requires d columns of finite values. Serializable, so that a cluster can ship it to
 * its workers.
 */
public final class GaussianMixture implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] weights;
    private final double[] logWeights;
    private final double[] means; // k × d
    private final Covariances covariances;
    private final int k;
    private final int d;
    private final boolean equalProportions;

    GaussianMixture(double[] weights, double[] means, Covariances covariances) {
        this(weights, means, covariances, false);
    }

    /** With {@code equalProportions}: the weights are all 1/k by constraint (mclust's {@code equalPro}), not free. */
    GaussianMixture(double[] weights, double[] means, Covariances covariances, boolean equalProportions) {
        this.equalProportions = equalProportions;
        this.k = covariances.components();
        this.d = covariances.dimension();
        if (weights.length != k || means.length != k * d) {
            throw new IllegalArgumentException("expected " + k + " weights and " + k + "x" + d + " means");
        }
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.logWeights = new double[k];
        for (int j = 0; j < k; j++) {
            logWeights[j] = Math.log(weights[j]);
        }
    }

    /**
     * A mixture from its parameters.
     *
     * @param weights k non-negative weights summing to 1 (within 1e-8; they are renormalised)
     * @param means k rows of d values
     * @param covariances k components in d dimensions
     */
    public static GaussianMixture of(double[] weights, double[][] means, Covariances covariances) {
        int k = covariances.components();
        int d = covariances.dimension();
        if (weights.length != k) {
            throw new MlemUserException(weights.length + " weights for " + k + " components; give one weight per component");
        }
        if (means.length != k) {
            throw new MlemUserException(means.length + " means for " + k + " components; give one mean per component");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new MlemUserException("mixture weight " + w + " is not a finite non-negative number");
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-8) {
            throw new MlemUserException("mixture weights sum to " + sum + ", not 1; rescale them");
        }
        double[] w = weights.clone();
        // weights an M-step wrote sum to 1 within rounding: kept bit for bit, so a model file reads back exactly
        if (Math.abs(sum - 1) > k * Math.ulp(1.0)) {
            for (int j = 0; j < k; j++) {
                w[j] /= sum;
            }
        }
        double[] flat = new double[k * d];
        for (int j = 0; j < k; j++) {
            if (means[j].length != d) {
                throw new MlemUserException("mean of component " + j + " has " + means[j].length + " values; the covariances have dimension " + d);
            }
            for (int a = 0; a < d; a++) {
                if (!Double.isFinite(means[j][a])) {
                    throw new MlemUserException("mean of component " + j + " is not finite");
                }
            }
            System.arraycopy(means[j], 0, flat, j * d, d);
        }
        return new GaussianMixture(w, flat, covariances);
    }

    /** Number of components k. */
    public int components() {
        return k;
    }

    /** Dimension d. */
    public int dimension() {
        return d;
    }

    /** The covariance structure. */
    public CovarianceStructure structure() {
        return covariances.structure();
    }

    /** Mixture weights π (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Means as k rows of d (a copy). */
    public double[][] means() {
        double[][] m = new double[k][];
        for (int j = 0; j < k; j++) {
            m[j] = mean(j);
        }
        return m;
    }

    /** Mean of component j (a copy). */
    public double[] mean(int j) {
        return Arrays.copyOfRange(means, j * d, (j + 1) * d);
    }

    /** The covariance parameters. */
    public Covariances covariances() {
        return covariances;
    }

    /** Component j's covariance as a d×d matrix (a copy). */
    public double[][] covariance(int j) {
        return Shapes.square(covariances.covarianceMatrix(j), 0, d);
    }

    /** Component j's variances, the diagonal of {@link #covariance(int)} (a copy), without building the matrix. */
    public double[] variances(int j) {
        return covariances.variances(j);
    }

    double[] meansFlat() {
        return means;
    }

    /**
     * Writes {@code out[i*k + j] = log π_j + log N(x_i | μ_j, Σ_j)} for the block's rows.
     *
     * @param scratch at least {@link Covariances#scratchSize(int)} doubles
     */
    void logJoint(Block block, double[] out, double[] scratch) {
        logJoint(block, out, scratch, null);
    }

    /**
     * {@link #logJoint(Block, double[], double[])}, with the squared distances in single precision
     * ({@link Covariances#logDensitiesFloat}) when {@code floatScratch} is not null.
     *
     * @param floatScratch null (double precision), or at least {@link Covariances#floatScratchSize(int)} floats
     */
    void logJoint(Block block, double[] out, double[] scratch, float[] floatScratch) {
        if (floatScratch == null) {
            covariances.logDensities(block, means, out, scratch);
        } else {
            covariances.logDensitiesFloat(block, means, out, scratch, floatScratch);
        }
        int rows = block.rows();
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            for (int j = 0; j < k; j++) {
                out[o + j] += logWeights[j];
            }
        }
    }

    /**
     * Free parameters as scikit-learn counts them: {@code (k−1) + k·d + covariance parameters},
     * without the k−1 weights when the proportions are equal by constraint (as mclust's
     * {@code nMclustParams(..., equalPro = TRUE)}).
     */
    public int nParameters() {
        return (equalProportions ? 0 : k - 1) + k * d + covariances.structure().covarianceParameters(k, d);
    }

    /** Whether the weights are equal (1/k) by constraint rather than estimated ({@link #withEqualProportions}). */
    public boolean equalProportions() {
        return equalProportions;
    }

    /**
     * This mixture with its weights held equal by constraint (mclust's {@code equalPro}); the
     * weights must already be 1/k within 1e-8.
     *
     * @throws MlemUserException when they are not
     */
    public GaussianMixture withEqualProportions() {
        for (double w : weights) {
            if (Math.abs(w - 1.0 / k) > 1e-8) {
                throw new MlemUserException("equal proportions need every weight 1/" + k + ", got " + w
                        + "; set the weights to 1/" + k + " or drop equalProportions");
            }
        }
        return new GaussianMixture(weights, means, covariances, true);
    }

    /** Per-row log density {@code log p(x_i)} (natural log). */
    public double[] scoreSamples(DataMatrix x) {
        requireShape(x);
        double[] out = new double[x.rows()];
        forEachBlock(x, (block, joint) -> {
            for (int i = 0; i < block.rows(); i++) {
                out[block.start() + i] = logSumExp(joint, i * k, k);
            }
        });
        return out;
    }

    /** Sum over rows of weight × log density: the data's total log-likelihood (labels ignored). */
    public double logLikelihood(DataMatrix x) {
        return weightedTotal(x, scoreSamples(x));
    }

    /** Σ_i w_i s_i: per-row log densities summed with the rows' frequency weights. */
    static double weightedTotal(DataMatrix x, double[] s) {
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            total += x.weight(i) * s[i];
        }
        return total;
    }

    /** Weighted mean per-row log density, as scikit-learn's {@code score}. */
    public double score(DataMatrix x) {
        return logLikelihood(x) / x.totalWeight();
    }

    /** Posterior component probabilities, one row of k per data row. */
    public double[][] predictProba(DataMatrix x) {
        requireShape(x);
        double[][] p = new double[x.rows()][];
        forEachBlock(x, (block, joint) -> {
            Kernels.normalizeRows(joint, block.rows(), k, null, null, 0);
            for (int i = 0; i < block.rows(); i++) {
                p[block.start() + i] = Arrays.copyOfRange(joint, i * k, (i + 1) * k);
            }
        });
        return p;
    }

    /** The most probable component of each row (the argmax of {@link #predictProba}; ties to the lowest index). */
    public int[] predict(DataMatrix x) {
        requireShape(x);
        int[] labels = new int[x.rows()];
        forEachBlock(x, (block, joint) -> {
            for (int i = 0; i < block.rows(); i++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (joint[i * k + j] > joint[i * k + best]) {
                        best = j;
                    }
                }
                labels[block.start() + i] = best;
            }
        });
        return labels;
    }

    /** {@code −2 log L + 2p} on {@code x}: lower is better. */
    public double aic(DataMatrix x) {
        return -2 * logLikelihood(x) + 2 * nParameters();
    }

    /** {@code −2 log L + p ln n} on {@code x}, n the total weight: lower is better. */
    public double bic(DataMatrix x) {
        return -2 * logLikelihood(x) + nParameters() * Math.log(x.totalWeight());
    }

    /** Rows drawn from the mixture and the component each came from. */
    public record Sample(DataMatrix data, int[] components) {}

    /**
     * Draws n rows with a generator seeded by {@code seed}; the same seed gives the same rows,
     * those of {@link #sampler} drawn n times. All rows are held in memory: for many rows, draw
     * them one at a time from {@link #sampler}.
     */
    public Sample sample(int n, long seed, List<String> columns) {
        if (n < 1) {
            throw new MlemUserException("sample size " + n + " must be at least 1");
        }
        DataMatrix.requireHoldable(n, d, "draw the rows one at a time (GaussianMixture.sampler)", null);
        Sampler sampler = sampler(seed);
        double[] values = new double[n * d];
        int[] comps = new int[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            comps[i] = sampler.next(row);
            System.arraycopy(row, 0, values, i * d, d);
        }
        return new Sample(DataMatrix.of(values, n, d, columns), comps);
    }

    /**
     * One row drawn per row of {@code priors} (n × k row-major, each row's component probabilities,
     * as a concomitant gating gives them), with a generator seeded by {@code seed}: per row the
     * component, then the row, drawing as {@link #sampler} does.
     */
    public Sample sample(double[] priors, long seed, List<String> columns) {
        int n = priors.length / k;
        DataMatrix.requireHoldable(n, d, DataMatrix.FEWER_ROWS, null);
        Sampler sampler = sampler(seed);
        double[] values = new double[n * d];
        int[] comps = new int[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            comps[i] = sampler.next(row, priors, i * k);
            System.arraycopy(row, 0, values, i * d, d);
        }
        return new Sample(DataMatrix.of(values, n, d, columns), comps);
    }

    /**
     * {@code log N(x_i | μ_j, Σ_j)} of every row and component, n × k row-major, the weights left out
     * (what a concomitant gating's row-wise weights multiply).
     */
    public double[] componentLogDensities(DataMatrix x) {
        requireShape(x);
        double[] out = new double[x.rows() * k];
        double[] block = new double[BlockSource.BLOCK_ROWS * k];
        double[] scratch = new double[Covariances.scratchSize(d)];
        for (int b = 0; b < x.blockCount(); b++) {
            Block rows = x.block(b);
            covariances.logDensities(rows, means, block, scratch);
            System.arraycopy(block, 0, out, rows.start() * k, rows.rows() * k);
        }
        return out;
    }

    /** A stream of rows drawn from this mixture by a generator seeded by {@code seed}. */
    public Sampler sampler(long seed) {
        return new Sampler(new SplittableRandom(seed));
    }

    /** Draws rows one at a time, holding none of them: memory does not grow with the rows drawn. */
    public final class Sampler {
        private final SplittableRandom rng;
        private final double[] cumulative = new double[k];
        private final double total;
        private final double[] z = new double[d];
        private final double[] noise = new double[d];

        private Sampler(SplittableRandom rng) {
            this.rng = rng;
            double c = 0;
            for (int j = 0; j < k; j++) {
                c += weights[j];
                cumulative[j] = c;
            }
            this.total = c;
        }

        /** Writes the next row into {@code row} (length d) and returns the component it came from. */
        public int next(double[] row) {
            double u = rng.nextDouble() * total;
            int j = 0;
            while (j < k - 1 && u >= cumulative[j]) {
                j++;
            }
            return draw(j, row);
        }

        /** The next row, its component drawn with the k probabilities {@code p[off..off+k)}. */
        int next(double[] row, double[] p, int off) {
            double u = rng.nextDouble();
            double c = 0;
            int j = 0;
            while (j < k - 1 && u >= (c += p[off + j])) {
                j++;
            }
            return draw(j, row);
        }

        private int draw(int j, double[] row) {
            for (int a = 0; a < d; a++) {
                z[a] = rng.nextGaussian();
            }
            covariances.scaleNoise(j, z, noise);
            for (int a = 0; a < d; a++) {
                row[a] = means[j * d + a] + noise[a];
            }
            return j;
        }
    }

    private interface BlockVisitor {
        void visit(Block block, double[] jointLogDensities);
    }

    private void forEachBlock(DataMatrix x, BlockVisitor visitor) {
        double[] joint = new double[BlockSource.BLOCK_ROWS * k];
        double[] scratch = new double[Covariances.scratchSize(d)];
        for (int b = 0; b < x.blockCount(); b++) {
            Block block = x.block(b);
            logJoint(block, joint, scratch);
            requireRepresentable(block, joint);
            visitor.visit(block, joint);
        }
    }

    /**
     * A user error for a row whose log-density is not a double under any component: so far from
     * every mean (about 1e154 in standard deviations) that the squared distance overflows, where
     * the probabilities would be NaN and the label arbitrary.
     */
    private void requireRepresentable(Block block, double[] joint) {
        for (int i = 0; i < block.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, joint[i * k + j]);
            }
            if (!(max > Double.NEGATIVE_INFINITY)) {
                double largest = 0;
                for (int a = 0; a < d; a++) {
                    largest = Math.max(largest, Math.abs(block.x()[block.offset(i) + a]));
                }
                throw new MlemUserException("row " + (block.start() + i + 1) + " (largest |value| "
                        + String.format(java.util.Locale.ROOT, "%.3g", largest) + ") is so far from every component that its "
                        + "squared distance overflows (beyond about 1e154 standard deviations), so its log-density and "
                        + "probabilities cannot be computed; rescale the data and the model (divide every column by a common factor)");
            }
        }
    }

    private void requireShape(DataMatrix x) {
        if (x.cols() != d) {
            throw new MlemUserException("the data has " + x.cols() + " columns but the model has dimension " + d
                    + "; choose the model's columns (--columns)");
        }
        x.requireFinite("a Gaussian mixture");
    }

    static double logSumExp(double[] v, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, v[off + j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(v[off + j] - max);
        }
        return max + Math.log(s);
    }

    /** One line: k, d, the covariance structure, the weights and the means. */
    @Override
    public String toString() {
        return "GaussianMixture[k=" + components() + ", d=" + dimension() + ", covariance=" + structure()
                + ", weights=" + Arrays.toString(weights()) + ", means=" + Arrays.deepToString(means()) + "]";
    }
}
