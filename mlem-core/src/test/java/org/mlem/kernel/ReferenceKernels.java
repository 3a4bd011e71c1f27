package org.mlem.kernel;

/** Plain, obviously-correct versions of the kernels, to test the fast ones against. */
final class ReferenceKernels {
    private ReferenceKernels() {}

    /** log N(x | μ, Σ) with Σ⁻¹ = U Uᵀ, computed as the quadratic form of the explicit precision. */
    static double logDensity(double[] x, double[] mean, double[][] u) {
        int d = x.length;
        double[][] prec = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += u[a][c] * u[b][c];
                }
                prec[a][b] = s;
            }
        }
        double q = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                q += (x[a] - mean[a]) * prec[a][b] * (x[b] - mean[b]);
            }
        }
        double logDetU = 0;
        for (int a = 0; a < d; a++) {
            logDetU += Math.log(u[a][a]);
        }
        return -0.5 * d * Math.log(2 * Math.PI) - 0.5 * q + logDetU;
    }
}
