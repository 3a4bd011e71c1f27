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

    /** Weighted moments about a shift, summed row by row: n, Σ r δ, Σ r δ δᵀ (full matrix). */
    record Moments(double n, double[] s1, double[][] s2) {}

    /** Moments of component j for rows {@code first..first+rows} of x (row stride d), r_i = resp[i*k+j]·w[first+i]. */
    static Moments moments(double[] x, int first, int rows, int d, double[] resp, int k, int j, double[] w,
            double[] shift, int shiftOff) {
        double n = 0;
        double[] m1 = new double[d];
        double[][] m2 = new double[d][d];
        for (int i = 0; i < rows; i++) {
            double r = resp[i * k + j] * (w == null ? 1.0 : w[first + i]);
            n += r;
            for (int a = 0; a < d; a++) {
                double da = x[(first + i) * d + a] - shift[shiftOff + a];
                m1[a] += r * da;
                for (int b = 0; b < d; b++) {
                    m2[a][b] += r * da * (x[(first + i) * d + b] - shift[shiftOff + b]);
                }
            }
        }
        return new Moments(n, m1, m2);
    }
}
