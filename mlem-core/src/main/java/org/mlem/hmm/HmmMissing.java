package org.mlem.hmm;

import java.util.HashMap;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;

/**
 * Missing cells (NaN, missing at random) in a hidden Markov model's observations, marginalised: a
 * Gaussian state's density of a row is that of its observed cells, and its M-step statistics take
 * each missing block's conditional mean and covariance given the observed cells; a one-column
 * emission (categorical, a family) gives a missing cell density 1 and leaves it out of its M-step.
 * A row with every cell missing stays in its sequence as a step with density 1 in every state:
 * it carries the transitions across it, and is never dropped.
 */
final class HmmMissing {
    private HmmMissing() {}

    /** Whether some cell is NaN; an infinite cell is a {@link MlemUserException} naming its row. */
    static boolean any(DataMatrix x) {
        boolean any = false;
        for (int i = 0; i < x.rows(); i++) {
            for (int a = 0; a < x.cols(); a++) {
                double v = x.get(i, a);
                if (Double.isInfinite(v)) {
                    throw new MlemUserException("row " + (i + 1) + ", column '" + x.columns().get(a)
                            + "' is infinite; fix or remove it");
                }
                any |= Double.isNaN(v);
            }
        }
        return any;
    }

    /** Whether some cell of the block is NaN. */
    static boolean any(Block block) {
        double[] x = block.x();
        int from = block.offset(0);
        int to = from + block.rows() * block.cols();
        for (int p = from; p < to; p++) {
            if (Double.isNaN(x[p])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rows with their missing cells filled, for drawing starts and checking the data: by column
     * means for Gaussian emissions, else by the column's first observed value (a value the family
     * or the categories take). A column with no observed cell is a user error.
     */
    static DataMatrix filled(DataMatrix x, EmissionSpec spec) {
        for (int a = 0; a < x.cols(); a++) {
            boolean seen = false;
            for (int i = 0; i < x.rows() && !seen; i++) {
                seen = !Double.isNaN(x.get(i, a));
            }
            if (!seen) {
                throw new MlemUserException("column '" + x.columns().get(a) + "' has no observed cell; drop it");
            }
        }
        if (spec instanceof GaussianSpec) {
            return x.missingFilledByMeans();
        }
        double[] v = x.values();
        int d = x.cols();
        for (int a = 0; a < d; a++) {
            double first = Double.NaN;
            for (int i = 0; i < x.rows() && Double.isNaN(first); i++) {
                first = v[i * d + a];
            }
            for (int i = 0; i < x.rows(); i++) {
                if (Double.isNaN(v[i * d + a])) {
                    v[i * d + a] = first;
                }
            }
        }
        DataMatrix out = DataMatrix.of(v, x.rows(), d, x.columns());
        out = x.hasWeights() ? out.withWeights(x.weights()) : out;
        return x.hasLabels() ? out.withLabels(x.labels()) : out;
    }

    /** Per-pattern conditional Gaussians of K states' covariances (k d×d matrices one after another). */
    static final class Patterns {
        private final double[] covs;
        private final int k;
        private final int d;
        private final Map<String, ConditionalGaussian[]> cache = new HashMap<>();

        Patterns(double[] covs, int k, int d) {
            this.covs = covs;
            this.k = k;
            this.d = d;
        }

        /** The factors of the row at {@code off}, one per state. */
        ConditionalGaussian[] of(double[] x, int off) {
            return cache.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d), key -> {
                int[] observed = ConditionalGaussian.observedOf(key);
                int[] missing = ConditionalGaussian.missingOf(key);
                ConditionalGaussian[] f = new ConditionalGaussian[k];
                for (int j = 0; j < k; j++) {
                    f[j] = ConditionalGaussian.of(covs, j * d * d, d, observed, missing);
                    if (f[j] == null) {
                        throw new DegenerateStateException("state " + j + "'s covariance of the observed cells "
                                + key + " is not positive definite; increase regCovar or rescale the data");
                    }
                }
                return f;
            });
        }
    }

    /**
     * Overwrites {@code out[i*K + j]} for every row of the block with a missing cell by state j's
     * log density of the row's observed cells, {@code −½(p_o log 2π + log|Σ_oo| + δ_o)} (0 when
     * no cell is observed).
     */
    static void gaussianLogDensities(Block block, double[] means, Patterns patterns, int k, double[] out) {
        int d = block.cols();
        double[] x = block.x();
        double[] diff = new double[d];
        for (int i = 0; i < block.rows(); i++) {
            int off = block.offset(i);
            if (complete(x, off, d)) {
                continue;
            }
            ConditionalGaussian[] f = patterns.of(x, off);
            for (int j = 0; j < k; j++) {
                ConditionalGaussian c = f[j];
                int o = c.observed.length;
                for (int a = 0; a < o; a++) {
                    diff[a] = x[off + c.observed[a]] - means[j * d + c.observed[a]];
                }
                out[i * k + j] = o == 0 ? 0 : -0.5 * (o * GaussianKernels.LOG_2PI + c.logDet + c.mahalanobis(diff));
            }
        }
    }

    static boolean complete(double[] x, int off, int d) {
        for (int a = 0; a < d; a++) {
            if (Double.isNaN(x[off + a])) {
                return false;
            }
        }
        return true;
    }
}
