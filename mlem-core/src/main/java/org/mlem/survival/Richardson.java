package org.mlem.survival;

import java.util.function.ToDoubleFunction;

/**
 * Gradient and Hessian of a smooth function by central differences with Richardson extrapolation
 * (first steps 10⁻⁴·|θ_j| for the gradient and 0.1·|θ_j| for the Hessian, whose second
 * differences need large steps to keep rounding small; 10⁻⁴ near 0; halved {@value #ROUNDS} − 1
 * times, the error series in h² eliminated term by term), numDeriv's defaults for {@code grad} and
 * {@code hessian}: about 1e-9 relative where one central difference stops near 1e-6. For likelihoods whose derivatives have no closed form
 * (a censored family's cdf in its parameters; a concomitant mixture's observed information).
 */
public final class Richardson {
    private static final int ROUNDS = 4;
    private static final double GRADIENT_STEP = 1e-4;
    private static final double HESSIAN_STEP = 0.1;

    private Richardson() {
    }

    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double[] d = new double[ROUNDS];
            double h = step(x[j], GRADIENT_STEP);
            for (int r = 0; r < ROUNDS; r++, h /= 2) {
                d[r] = (at(f, x, j, h, -1, 0) - at(f, x, j, -h, -1, 0)) / (2 * h);
            }
            g[j] = extrapolate(d);
        }
        return g;
    }

    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
        return hessian(f, x, HESSIAN_STEP);
    }

    /**
     * The Hessian with first steps {@code relative}·|θ_j| (10⁻⁴ near 0): smaller than numDeriv's 0.1
     * where a tenth of a parameter leaves the region the function is defined or smooth in (a
     * mixture's means and covariance entries).
     */
    public static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, double relative) {
        int p = x.length;
        double f0 = f.applyAsDouble(x);
        double[][] hess = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double[] d = new double[ROUNDS];
                double hi = step(x[i], relative);
                double hj = step(x[j], relative);
                for (int r = 0; r < ROUNDS; r++, hi /= 2, hj /= 2) {
                    d[r] = i == j
                            ? (at(f, x, i, hi, -1, 0) - 2 * f0 + at(f, x, i, -hi, -1, 0)) / (hi * hi)
                            : (at(f, x, i, hi, j, hj) - at(f, x, i, hi, j, -hj) - at(f, x, i, -hi, j, hj)
                                    + at(f, x, i, -hi, j, -hj)) / (4 * hi * hj);
                }
                hess[i][j] = extrapolate(d);
                hess[j][i] = hess[i][j];
            }
        }
        return hess;
    }

    private static double step(double x, double relative) {
        return Math.abs(x) > 1e-3 ? relative * Math.abs(x) : 1e-4;
    }

    /** f at x moved by hi along i and, when j ≥ 0, by hj along j. */
    private static double at(ToDoubleFunction<double[]> f, double[] x, int i, double hi, int j, double hj) {
        double[] y = x.clone();
        y[i] += hi;
        if (j >= 0) {
            y[j] += hj;
        }
        return f.applyAsDouble(y);
    }

    /** Richardson's table on estimates at steps h, h/2, ...: each column removes the next power of h². */
    private static double extrapolate(double[] d) {
        double[] a = d.clone();
        for (int k = 1; k < a.length; k++) {
            double factor = Math.pow(4, k);
            for (int r = a.length - 1; r >= k; r--) {
                a[r] = (factor * a[r] - a[r - 1]) / (factor - 1);
            }
        }
        return a[a.length - 1];
    }
}
