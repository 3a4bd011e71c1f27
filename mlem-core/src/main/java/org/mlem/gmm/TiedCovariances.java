package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.FloatKernels;
import org.mlem.kernel.Kernels;

/** One d×d covariance shared by every component. */
public final class TiedCovariances implements Covariances {
    private final int k;
    private final int d;
    private final double[] cov;
    private final double[] lower;
    private final double[] packed; // U = L⁻ᵀ packed for Kernels
    private final double logDetU;
    private final double[] logDetUs; // logDetU for each of the k components, as Kernels.fullLogDensities takes it
    // U rounded to float and packed for FloatKernels, built by the first float E-step (floatFactor)
    private transient volatile float[] floatPacked;

    TiedCovariances(double[] cov, int k, int d) {
        this.k = k;
        this.d = d;
        this.cov = cov;
        this.lower = new double[d * d];
        if (!Cholesky.factor(cov, 0, d, lower, 0)) {
            throw new NotPositiveDefiniteException(0);
        }
        double[] precision = new double[d * d];
        Cholesky.precisionFactor(lower, 0, d, precision, 0);
        this.packed = new double[d * Kernels.panelWidth(d)];
        Kernels.packUpper(precision, 0, d, packed, 0);
        this.logDetU = -Cholesky.logDiagonalSum(lower, 0, d);
        this.logDetUs = new double[k];
        java.util.Arrays.fill(logDetUs, logDetU);
    }

    /** From scikit-learn's shape {@code [d][d]}, for k components. */
    public static TiedCovariances of(double[][] matrix, int k) {
        int d = matrix.length;
        double[] flat = new double[d * d];
        Shapes.copySquare(matrix, d, flat, 0, "tied covariance");
        return new TiedCovariances(flat, k, d);
    }

    @Override
    public CovarianceStructure structure() {
        return CovarianceStructure.TIED;
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
        Kernels.fullLogDensities(block.x(), block.offset(0), block.rows(), d, means, packed, 0, logDetUs, out, k,
                scratch);
    }

    @Override
    public void logDensitiesFloat(Block block, double[] means, double[] out, double[] scratch, float[] floatScratch) {
        float[] u = floatFactor();
        FloatKernels.fullLogDensities(block.x(), block.offset(0), block.rows(), d, means, u, 0, logDetUs, out, k,
                scratch, floatScratch);
    }

    /** The precision factor rounded to float and packed, built once as {@link FullCovariances#floatFactors}. */
    float[] floatFactor() {
        float[] u = floatPacked;
        if (u == null) {
            u = FullCovariances.packFloat(lower, 1, d);
            floatPacked = u;
        }
        return u;
    }

    @Override
    public double[] covarianceMatrix(int j) {
        return cov.clone();
    }

    @Override
    public void scaleNoise(int j, double[] z, double[] out) {
        Shapes.lowerTimes(lower, 0, d, z, out);
    }

    @Override
    public Object toShape() {
        return Shapes.square(cov, 0, d);
    }

    /**
     * A deserialised copy is rebuilt from the covariances, so its factors are packed for this JVM's
     * kernels ({@code Kernels.panelWidth}: vector or plain), not for those of the JVM that wrote it;
     * a Spark executor with the vector module once misread a driver's plain packing at d = 10.
     */
    private Object readResolve() {
        return new TiedCovariances(cov, k, d);
    }
}
