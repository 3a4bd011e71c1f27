package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.Kernels;

/** One d×d covariance per component, each through its Cholesky factor. */
public final class FullCovariances implements Covariances {
    private final int k;
    private final int d;
    private final double[] cov; // k × d × d
    private final double[] lower; // Cholesky factors of cov
    private final double[] packed; // U_j = L_j⁻ᵀ, upper, packed for Kernels (k × d × padded(d))
    private final double[] logDetU;

    FullCovariances(double[] cov, int k, int d) {
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
        int k = matrices.length;
        int d = matrices[0].length;
        double[] flat = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            Shapes.copySquare(matrices[j], d, flat, j * d * d, "covariance of component " + (j + 1));
        }
        return new FullCovariances(flat, k, d);
    }

    @Override
    public CovarianceStructure structure() {
        return CovarianceStructure.FULL;
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
        int stride = d * Kernels.panelWidth(d);
        for (int j = 0; j < k; j++) {
            Kernels.fullLogDensity(block.x(), block.offset(0), block.rows(), d, means, j * d, packed, j * stride,
                    logDetU[j], out, j, k, scratch);
        }
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
}
