package org.mlem.gmm;

import org.mlem.data.Block;

/**
 * The covariance parameters of a Gaussian mixture in one {@link CovarianceStructure}, with the
 * precision factors its E-step needs precomputed. Immutable. Variances include {@code regCovar}
 * when they came from an M-step.
 */
public sealed interface Covariances extends java.io.Serializable permits FullCovariances, TiedCovariances, DiagonalCovariances, SphericalCovariances {

    /** The structure these parameters belong to. */
    CovarianceStructure structure();

    /** Number of components k. */
    int components();

    /** Dimension d. */
    int dimension();

    /**
     * Writes {@code out[i*k + j] = log N(x_i | μ_j, Σ_j)} for every row i of the block and every
     * component j.
     *
     * @param means k×d row-major means
     * @param scratch at least {@link #scratchSize(int)} doubles
     */
    void logDensities(Block block, double[] means, double[] out, double[] scratch);

    /** Scratch doubles {@link #logDensities} needs for dimension d. */
    static int scratchSize(int d) {
        return org.mlem.kernel.Kernels.scratchSize(d);
    }

    /**
     * {@link #logDensities} with the squared Mahalanobis distances in single precision
     * ({@link Precision#FLOAT}) where the structure has a float kernel: full and tied. Diagonal and
     * spherical covariances compute in double, exactly as {@link #logDensities}, and leave
     * {@code floatScratch} alone.
     *
     * @param scratch at least {@link #scratchSize(int)} doubles
     * @param floatScratch at least {@link #floatScratchSize(int)} floats
     */
    default void logDensitiesFloat(Block block, double[] means, double[] out, double[] scratch, float[] floatScratch) {
        logDensities(block, means, out, scratch);
    }

    /** Scratch floats {@link #logDensitiesFloat} needs for dimension d. */
    static int floatScratchSize(int d) {
        return org.mlem.kernel.FloatKernels.scratchSize(d);
    }

    /** Component j's covariance as a d×d row-major matrix (a copy). */
    double[] covarianceMatrix(int j);

    /**
     * Component j's variances, the diagonal of its covariance (a copy of d values); O(d) for the
     * diagonal and spherical structures, so a summary of many columns need not build d×d matrices.
     */
    default double[] variances(int j) {
        int d = dimension();
        double[] m = covarianceMatrix(j);
        double[] v = new double[d];
        for (int a = 0; a < d; a++) {
            v[a] = m[a * d + a];
        }
        return v;
    }

    /** {@code out = L_j z}, with {@code Σ_j = L_j L_jᵀ}: turns standard normals into component j's noise. */
    void scaleNoise(int j, double[] z, double[] out);

    /**
     * The parameters in scikit-learn's shape: {@code double[k][d][d]} (full), {@code double[d][d]}
     * (tied), {@code double[k][d]} (diag), {@code double[k]} (spherical).
     */
    Object toShape();
}
