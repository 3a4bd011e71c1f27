package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.kernel.Kernels;

/** One variance per component, shared by every dimension (spherical, mclust's VII; or EII, all k equal). */
public final class SphericalCovariances implements Covariances {
    private final CovarianceStructure structure;
    private final int k;
    private final int d;
    private final double[] variances; // k
    private final double[] precisions; // k × d, the variance's inverse repeated for the diagonal kernel
    private final double[] halfLogDetPrec;

    SphericalCovariances(double[] variances, int d) {
        this(variances, d, CovarianceStructure.SPHERICAL);
    }

    SphericalCovariances(double[] variances, int d, CovarianceStructure structure) {
        this.structure = structure;
        this.k = variances.length;
        this.d = d;
        this.variances = variances;
        this.precisions = new double[k * d];
        this.halfLogDetPrec = new double[k];
        for (int j = 0; j < k; j++) {
            double v = variances[j];
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NotPositiveDefiniteException(j);
            }
            java.util.Arrays.fill(precisions, j * d, (j + 1) * d, 1.0 / v);
            halfLogDetPrec[j] = -0.5 * d * Math.log(v);
        }
    }

    /** From scikit-learn's shape {@code [k]}, in dimension d. */
    public static SphericalCovariances of(double[] variances, int d) {
        return of(variances, d, CovarianceStructure.SPHERICAL);
    }

    /** From the shape {@code [k]}, as the covariances of {@code structure} (its constraints not checked). */
    static SphericalCovariances of(double[] variances, int d, CovarianceStructure structure) {
        return new SphericalCovariances(variances.clone(), d, structure);
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
        Kernels.diagonalLogDensities(block.x(), block.offset(0), block.rows(), d, k, means, precisions,
                halfLogDetPrec, out, new double[Kernels.diagonalScratchSize(k, d)]);
    }

    @Override
    public double[] variances(int j) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, variances[j]);
        return v;
    }

    @Override
    public double[] covarianceMatrix(int j) {
        double[] m = new double[d * d];
        for (int a = 0; a < d; a++) {
            m[a * d + a] = variances[j];
        }
        return m;
    }

    @Override
    public void scaleNoise(int j, double[] z, double[] out) {
        double s = Math.sqrt(variances[j]);
        for (int a = 0; a < d; a++) {
            out[a] = s * z[a];
        }
    }

    @Override
    public Object toShape() {
        return variances.clone();
    }
}
