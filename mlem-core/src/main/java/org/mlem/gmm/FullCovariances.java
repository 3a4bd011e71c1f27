package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.FloatKernels;
import org.mlem.kernel.Kernels;

/**
 * One d×d covariance per component, each through its Cholesky factor: scikit-learn's full (mclust's
 * VVV), or one of mclust's constrained models stored as k matrices (VEE, EEV, VEV, EVV).
 */
public final class FullCovariances implements Covariances {
    private final CovarianceStructure structure;
    private final int k;
    private final int d;
    private final double[] cov; // k × d × d
    private final double[] lower; // Cholesky factors of cov
    private final double[] packed; // U_j = L_j⁻ᵀ, upper, packed for Kernels (k × d × padded(d))
    private final double[] logDetU;
    // U_j rounded to float and packed for FloatKernels, built by the first float E-step (floatFactors)
    private transient volatile float[] floatPacked;

    FullCovariances(double[] cov, int k, int d) {
        this(cov, k, d, CovarianceStructure.FULL);
    }

    FullCovariances(double[] cov, int k, int d, CovarianceStructure structure) {
        this.structure = structure;
        this.k = k;
        this.d = d;
        this.cov = cov;
        this.lower = new double[k * d * d];
        double[] precision = new double[d * d];
        int stride = d * Kernels.panelWidth(d);
        this.packed = new double[k * stride];
        this.logDetU = new double[k];
        for (int j = 0; j < k; j++) {
            if (!Cholesky.factor(cov, j * d * d, d, lower, j * d * d)) {
                throw new NotPositiveDefiniteException(j);
            }
            Cholesky.precisionFactor(lower, j * d * d, d, precision, 0);
            Kernels.packUpper(precision, 0, d, packed, j * stride);
            logDetU[j] = -Cholesky.logDiagonalSum(lower, j * d * d, d);
        }
    }

    /** From scikit-learn's shape {@code [k][d][d]}. */
    public static FullCovariances of(double[][][] matrices) {
        return of(matrices, CovarianceStructure.FULL);
    }

    /** From the shape {@code [k][d][d]}, as the covariances of {@code structure} (its constraints not checked). */
    static FullCovariances of(double[][][] matrices, CovarianceStructure structure) {
        int k = matrices.length;
        int d = matrices[0].length;
        double[] flat = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            Shapes.copySquare(matrices[j], d, flat, j * d * d, "covariance of component " + j);
        }
        return new FullCovariances(flat, k, d, structure);
    }

    @Override
    public CovarianceStructure structure() {
        return structure;
    }

    @Override
    public int components() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void logDensities(Block block, double[] means, double[] out, double[] scratch) {
        Kernels.fullLogDensities(block.x(), block.offset(0), block.rows(), d, means, packed, d * Kernels.panelWidth(d),
                logDetU, out, k, scratch);
    }

    @Override
    public void logDensitiesFloat(Block block, double[] means, double[] out, double[] scratch, float[] floatScratch) {
        float[] u = floatFactors();
        FloatKernels.fullLogDensities(block.x(), block.offset(0), block.rows(), d, means, u, FloatKernels.packedSize(d),
                logDetU, out, k, scratch, floatScratch);
    }

    /**
     * The k precision factors rounded to float and packed for {@link FloatKernels}: built once,
     * by the first caller, and never changed after. Two threads that race both build the same
     * values, and either's array may be kept.
     */
    float[] floatFactors() {
        float[] u = floatPacked;
        if (u == null) {
            u = packFloat(lower, k, d);
            floatPacked = u;
        }
        return u;
    }

    /**
     * The precision factors {@code U_j = L_j⁻ᵀ} of {@code count} d×d lower Cholesky factors (row-major,
     * one after another) rounded to float, each packed by {@link FloatKernels#packUpper}.
     */
    static float[] packFloat(double[] lower, int count, int d) {
        int stride = FloatKernels.packedSize(d);
        float[] packedFloat = new float[count * stride];
        double[] precision = new double[d * d];
        for (int j = 0; j < count; j++) {
            Cholesky.precisionFactor(lower, j * d * d, d, precision, 0);
            FloatKernels.packUpper(precision, 0, d, packedFloat, j * stride);
        }
        return packedFloat;
    }

    @Override
    public double[] covarianceMatrix(int j) {
        return java.util.Arrays.copyOfRange(cov, j * d * d, (j + 1) * d * d);
    }

    @Override
    public void scaleNoise(int j, double[] z, double[] out) {
        Shapes.lowerTimes(lower, j * d * d, d, z, out);
    }

    @Override
    public Object toShape() {
        double[][][] m = new double[k][][];
        for (int j = 0; j < k; j++) {
            m[j] = Shapes.square(cov, j * d * d, d);
        }
        return m;
    }

    /**
     * A deserialised copy is rebuilt from the covariances, so its factors are packed for this JVM's
     * kernels ({@code Kernels.panelWidth}: vector or plain), not for those of the JVM that wrote it;
     * a Spark executor with the vector module once misread a driver's plain packing at d = 10.
     */
    private Object readResolve() {
        return new FullCovariances(cov, k, d, structure);
    }
}
