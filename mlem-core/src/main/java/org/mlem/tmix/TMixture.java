package org.mlem.tmix;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hipparchus.random.RandomDataGenerator;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.GaussianKernels;
import org.mlem.kernel.Kernels;
import org.mlem.special.SpecialFunctions;

/**
 * A mixture of multivariate Student-t distributions: weights π (k), locations μ (k×d), scale
 * matrices Σ (k×d×d, full) and degrees of freedom ν (k). Component j's density is
 * {@code Γ((ν+d)/2) / (Γ(ν/2) (νπ)^{d/2} |Σ|^{1/2}) · (1 + δ/ν)^{−(ν+d)/2}} with δ the Mahalanobis
 * distance of x from μ under Σ; its covariance is {@code ν/(ν−2) Σ} for ν &gt; 2. Immutable.
 */
public final class TMixture implements java.io.Serializable {
    private final int k;
    private final int d;
    final double[] weights;
    final double[] means;
    final double[] scales; // k × d × d
    final double[] df;
    final double[] precision; // U_j = L_j⁻ᵀ
    final double[] logDetU;

    TMixture(double[] weights, double[] means, double[] scales, double[] df, int d) {
        this.k = weights.length;
        this.d = d;
        this.weights = weights;
        this.means = means;
        this.scales = scales;
        this.df = df;
        this.precision = new double[k * d * d];
        this.logDetU = new double[k];
        double[] l = new double[d * d];
        for (int j = 0; j < k; j++) {
            if (!Cholesky.factor(scales, j * d * d, d, l, 0)) {
                throw new NotPositiveDefinite(j);
            }
            Cholesky.precisionFactor(l, 0, d, precision, j * d * d);
            logDetU[j] = -Cholesky.logDiagonalSum(l, 0, d);
        }
    }

    /** Thrown when a scale matrix is not positive definite. */
    static final class NotPositiveDefinite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int component;

        NotPositiveDefinite(int component) {
            super("component " + component + "'s scale matrix is not positive definite");
            this.component = component;
        }
    }

    /** A mixture from its parameters; {@code scales[j]} symmetric positive definite, {@code df[j] > 0}. */
    public static TMixture of(double[] weights, double[][] means, double[][][] scales, double[] df) {
        int k = weights.length;
        int d = means[0].length;
        double[] m = new double[k * d];
        double[] s = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(means[j], 0, m, j * d, d);
            for (int a = 0; a < d; a++) {
                System.arraycopy(scales[j][a], 0, s, j * d * d + a * d, d);
            }
            if (!(df[j] > 0)) {
                throw new MlemUserException("degrees of freedom of component " + j + " must be positive, got " + df[j]);
            }
        }
        try {
            return new TMixture(weights.clone(), m, s, df.clone(), d);
        } catch (NotPositiveDefinite e) {
            throw new MlemUserException(e.getMessage());
        }
    }

    public int components() {
        return k;
    }

    public int dimension() {
        return d;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[] mean(int j) {
        return Arrays.copyOfRange(means, j * d, (j + 1) * d);
    }

    /** Component j's scale matrix Σ_j (not its covariance, which is ν/(ν−2) Σ_j). */
    public double[][] scale(int j) {
        double[][] s = new double[d][];
        for (int a = 0; a < d; a++) {
            s[a] = Arrays.copyOfRange(scales, j * d * d + a * d, j * d * d + (a + 1) * d);
        }
        return s;
    }

    /** Degrees of freedom ν (a copy). */
    public double[] degreesOfFreedom() {
        return df.clone();
    }

    /** Free parameters: (k−1) + k·d + k·d(d+1)/2, plus k when ν is estimated. */
    public int nParameters(boolean dfEstimated) {
        return nParameters(dfEstimated ? Set.of() : Set.of(TMixtureParameter.DF));
    }

    /**
     * Free parameters when the groups in {@code held} are fixed: (k−1) weights, k·d locations,
     * k·d(d+1)/2 scale entries and k degrees of freedom, each counted only when its group is not held.
     */
    public int nParameters(Set<TMixtureParameter> held) {
        int p = 0;
        p += held.contains(TMixtureParameter.WEIGHTS) ? 0 : k - 1;
        p += held.contains(TMixtureParameter.MEANS) ? 0 : k * d;
        p += held.contains(TMixtureParameter.SCALES) ? 0 : k * d * (d + 1) / 2;
        p += held.contains(TMixtureParameter.DF) ? 0 : k;
        return p;
    }

    /** This mixture with component {@code j}'s degrees of freedom set to {@code nu}. */
    TMixture withDegreesOfFreedom(int j, double nu) {
        double[] df = this.df.clone();
        df[j] = nu;
        return new TMixture(weights, means, scales, df, d);
    }

    /** This mixture with every component's degrees of freedom set to {@code nu}. */
    TMixture withDegreesOfFreedom(double nu) {
        double[] df = new double[k];
        Arrays.fill(df, nu);
        return new TMixture(weights, means, scales, df, d);
    }

    /**
     * Rows drawn from the mixture and the component each came from.
     *
     * @param data n×d draws, columns named as asked
     * @param components the component (0-based) of each row
     */
    public record Sample(DataMatrix data, int[] components) {
        public Sample {
            components = components.clone();
        }

        @Override
        public int[] components() {
            return components.clone();
        }
    }

    /**
     * Draws n rows: a component j with probability π_j, then {@code μ_j + L_j z / √(g/ν_j)} with
     * {@code L_j L_jᵀ = Σ_j}, z standard normal in d dimensions and g ~ χ²(ν_j) independent of
     * z (the multivariate t as a normal scale mixture). The same seed gives the same rows; the
     * generator is Hipparchus' Well19937c seeded with {@code seed}.
     *
     * @param columns the columns' names, or null for x1..xd
     * @throws MlemUserException when n &lt; 1
     */
    public Sample sample(int n, long seed, List<String> columns) {
        return draw(n, seed, columns);
    }

    /** {@link #sample(int, long, List)} with columns named x1..xd. */
    public Sample sample(int n, long seed) {
        return draw(n, seed, null);
    }

    private Sample draw(int n, long seed, List<String> columns) {
        if (n < 1) {
            throw new MlemUserException("sample size " + n + " must be at least 1");
        }
        DataMatrix.requireHoldable(n, d, DataMatrix.FEWER_ROWS, null);
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        double[] lower = new double[k * d * d];
        double[] cumulative = new double[k];
        double c = 0;
        for (int j = 0; j < k; j++) {
            Cholesky.factor(scales, j * d * d, d, lower, j * d * d);
            c += weights[j];
            cumulative[j] = c;
        }
        double[] values = new double[n * d];
        int[] comps = new int[n];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * c;
            int j = 0;
            while (j < k - 1 && u >= cumulative[j]) {
                j++;
            }
            comps[i] = j;
            for (int a = 0; a < d; a++) {
                z[a] = rng.nextGaussian();
            }
            double chiSquare = rng.nextGamma(df[j] / 2, 2);
            double stretch = 1 / Math.sqrt(chiSquare / df[j]);
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b <= a; b++) {
                    s += lower[j * d * d + a * d + b] * z[b];
                }
                values[i * d + a] = means[j * d + a] + stretch * s;
            }
        }
        return new Sample(DataMatrix.of(values, n, d, columns), comps);
    }

    /**
     * Writes, for each row i and component j, {@code joint[i*k + j] = log π_j + log t_j(x_i)} and
     * {@code maha[i*k + j] = δ_ij}.
     */
    void logJoint(Block block, double[] joint, double[] maha) {
        logJoint(block, joint, maha, PLAIN_ESTEP);
    }

    /**
     * {@code -Dmlem.tmix.estep=plain} computes the distances with the plain Cholesky kernel one
     * component at a time and takes {@link Math#log1p}: the reference the default path (the
     * kernels the Gaussian mixture uses, {@link Kernels#fullLogDensities}, and {@link Kernels#log1p})
     * equals to rounding ({@code TMixtureFastPathTest}).
     */
    static final boolean PLAIN_ESTEP = "plain".equals(System.getProperty("mlem.tmix.estep"));

    /**
     * Writes {@code log π_j + log t(x_i; μ_j, Σ_j, ν_j)} into {@code joint} and the squared
     * Mahalanobis distance δ_ij into {@code maha} (rows × k each), by the plain path when {@code plain}.
     */
    void logJoint(Block block, double[] joint, double[] maha, boolean plain) {
        int rows = block.rows();
        if (plain) {
            double[] scratch = new double[2 * GaussianKernels.tileRows() * d];
            for (int j = 0; j < k; j++) {
                GaussianKernels.logDensityCholesky(block.x(), block.offset(0), rows, d, means, j * d, precision,
                        j * d * d, logDetU[j], maha, j, k, scratch);
            }
        } else {
            int stride = d * Kernels.panelWidth(d);
            double[] packed = new double[k * stride];
            for (int j = 0; j < k; j++) {
                Kernels.packUpper(precision, j * d * d, d, packed, j * stride);
            }
            Kernels.fullLogDensities(block.x(), block.offset(0), rows, d, means, packed, stride, logDetU, maha, k,
                    new double[Kernels.scratchSize(d)]);
        }
        for (int j = 0; j < k; j++) {
            double c0 = -0.5 * d * GaussianKernels.LOG_2PI + logDetU[j];
            double nu = df[j];
            double norm = Math.log(weights[j]) + SpecialFunctions.logStudentNormaliser(nu, d) + logDetU[j];
            for (int i = 0; i < rows; i++) {
                double delta = Math.max(0, 2 * (c0 - maha[i * k + j]));
                maha[i * k + j] = delta;
                double log1p = delta == Double.POSITIVE_INFINITY
                        ? SpecialFunctions.log1pRatioFromLog(logMahalanobis(block, i, j), nu)
                        : plain ? Math.log1p(delta / nu) : Kernels.log1p(delta / nu);
                joint[i * k + j] = norm - (nu == Double.POSITIVE_INFINITY ? 0.5 * delta : 0.5 * (nu + d) * log1p);
            }
        }
    }

    /**
     * {@code log δ_ij}, the log squared Mahalanobis distance of row i from component j, for a row
     * so far away that δ itself overflows: the difference is scaled by its largest entry s before
     * the precision factor is applied, {@code log δ = 2 log s + log ‖(x − μ)ᵀU / s‖²}.
     */
    private double logMahalanobis(Block block, int i, int j) {
        int off = block.offset(i);
        double s = 0;
        for (int a = 0; a < d; a++) {
            s = Math.max(s, Math.abs(block.x()[off + a] - means[j * d + a]));
        }
        double q = 0;
        for (int c = 0; c < d; c++) {
            double y = 0;
            for (int a = 0; a <= c; a++) {
                y += (block.x()[off + a] - means[j * d + a]) / s * precision[j * d * d + a * d + c];
            }
            q += y * y;
        }
        return 2 * Math.log(s) + Math.log(q);
    }

    /** Per-row log density. */
    public double[] scoreSamples(DataMatrix x) {
        if (x.cols() != d) {
            throw new MlemUserException("the data has " + x.cols() + " columns but the model has dimension " + d);
        }
        x.requireFinite("a t mixture");
        double[] out = new double[x.rows()];
        double[] joint = new double[BlockSource.BLOCK_ROWS * k];
        double[] maha = new double[BlockSource.BLOCK_ROWS * k];
        for (int b = 0; b < x.blockCount(); b++) {
            Block block = x.block(b);
            logJoint(block, joint, maha);
            for (int i = 0; i < block.rows(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, joint[i * k + j]);
                }
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += Math.exp(joint[i * k + j] - max);
                }
                out[block.start() + i] = max + Math.log(s);
            }
        }
        return out;
    }

    /**
     * Posterior component probabilities of each row, {@code P(j | x_i)}: n rows of k summing to 1
     * (log-sum-exp of the weighted log densities).
     */
    public double[][] predictProba(DataMatrix x) {
        if (x.cols() != d) {
            throw new MlemUserException("the data has " + x.cols() + " columns but the model has dimension " + d);
        }
        x.requireFinite("a t mixture");
        double[] joint = new double[x.rows() * k];
        double[] maha = new double[x.rows() * k];
        logJoint(x.all(), joint, maha);
        double[][] out = new double[x.rows()][k];
        for (int i = 0; i < x.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, joint[i * k + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                out[i][j] = Math.exp(joint[i * k + j] - max);
                s += out[i][j];
            }
            for (int j = 0; j < k; j++) {
                out[i][j] /= s;
            }
        }
        return out;
    }

    /** The most probable component of each row. */
    public int[] predict(DataMatrix x) {
        double[] joint = new double[x.rows() * k];
        double[] maha = new double[x.rows() * k];
        logJoint(x.all(), joint, maha);
        int[] out = new int[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 1; j < k; j++) {
                if (joint[i * k + j] > joint[i * k + out[i]]) {
                    out[i] = j;
                }
            }
        }
        return out;
    }

    /** One line: k, d, the weights, the degrees of freedom and the means. */
    @Override
    public String toString() {
        double[][] means = new double[components()][];
        for (int j = 0; j < means.length; j++) {
            means[j] = mean(j);
        }
        return "TMixture[k=" + components() + ", d=" + dimension() + ", weights=" + Arrays.toString(weights())
                + ", df=" + Arrays.toString(degreesOfFreedom()) + ", means=" + Arrays.deepToString(means) + "]";
    }
}
