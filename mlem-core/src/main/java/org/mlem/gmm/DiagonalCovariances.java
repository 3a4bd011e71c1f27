package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.kernel.Kernels;

/**
 * A diagonal covariance (d variances) per component: scikit-learn's diag (mclust's VVI), or one of
 * mclust's constrained diagonal models (EEI, VEI, EVI).
 */
public final class DiagonalCovariances implements Covariances {
    private final CovarianceStructure structure;
    private final int k;
    private final int d;
    private final double[] variances; // k × d
    private final double[] precisions;
    private final double[] halfLogDetPrec;

    DiagonalCovariances(double[] variances, int k, int d) {
        this(variances, k, d, CovarianceStructure.DIAG);
    }

    DiagonalCovariances(double[] variances, int k, int d, CovarianceStructure structure) {
        this.structure = structure;
        this.k = k;
        this.d = d;
        this.variances = variances;
        this.precisions = new double[k * d];
        this.halfLogDetPrec = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                double v = variances[j * d + a];
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new NotPositiveDefiniteException(j);
                }
                precisions[j * d + a] = 1.0 / v;
                s -= Math.log(v);
            }
            halfLogDetPrec[j] = 0.5 * s;
        }
    }

    /** From scikit-learn's shape {@code [k][d]}. */
    public static DiagonalCovariances of(double[][] variances) {
        return of(variances, CovarianceStructure.DIAG);
    }

    /** From the shape {@code [k][d]}, as the covariances of {@code structure} (its constraints not checked). */
    static DiagonalCovariances of(double[][] variances, CovarianceStructure structure) {
        int k = variances.length;
        int d = variances[0].length;
        double[] flat = new double[k * d];
        for (int j = 0; j < k; j++) {
            if (variances[j].length != d) {
                throw new IllegalArgumentException("variances of component " + j + " have " + variances[j].length + " values, expected " + d);
            }
            System.arraycopy(variances[j], 0, flat, j * d, d);
        }
        return new DiagonalCovariances(flat, k, d, structure);
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
        return java.util.Arrays.copyOfRange(variances, j * d, (j + 1) * d);
    }

    @Override
    public double[] covarianceMatrix(int j) {
        double[] m = new double[d * d];
        for (int a = 0; a < d; a++) {
            m[a * d + a] = variances[j * d + a];
        }
        return m;
    }

    @Override
    public void scaleNoise(int j, double[] z, double[] out) {
        for (int a = 0; a < d; a++) {
            out[a] = Math.sqrt(variances[j * d + a]) * z[a];
        }
    }

    @Override
    public Object toShape() {
        double[][] v = new double[k][];
        for (int j = 0; j < k; j++) {
            v[j] = java.util.Arrays.copyOfRange(variances, j * d, (j + 1) * d);
        }
        return v;
    }
}
