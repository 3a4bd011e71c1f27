package org.mlem.dist;

import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;

/**
 * A d-dimensional normal distribution N(μ, Σ), held through the lower Cholesky factor L of Σ
 * (Σ = LLᵀ): densities use a triangular solve, never an explicit inverse. Arrays are row-major
 * d×d; all are copied in and out.
 */
public final class MultivariateNormal {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final double[] mean;
    private final double[] covariance;
    private final double[] cholesky;
    private final double logDeterminant;

    private MultivariateNormal(double[] mean, double[] covariance, double[] cholesky) {
        this.d = mean.length;
        this.mean = mean;
        this.covariance = covariance;
        this.cholesky = cholesky;
        double logDet = 0;
        for (int j = 0; j < d; j++) {
            logDet += 2 * Math.log(cholesky[j * d + j]);
        }
        this.logDeterminant = logDet;
    }

    /**
     * N(mean, covariance) with {@code covariance} row-major d×d, symmetric positive definite.
     *
     * @throws MlemUserException when the covariance is not symmetric positive definite
     */
    public static MultivariateNormal of(double[] mean, double[] covariance) {
        int d = mean.length;
        if (covariance.length != d * d) {
            throw new IllegalArgumentException("a " + d + "-dimensional normal needs " + d * d + " covariance entries, got " + covariance.length);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = covariance[i * d + j];
                double b = covariance[j * d + i];
                if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
                    throw new MlemUserException("the covariance is not symmetric: entry (" + (i + 1) + "," + (j + 1) + ") is " + a
                            + " but (" + (j + 1) + "," + (i + 1) + ") is " + b);
                }
            }
        }
        double[] l = cholesky(covariance, d);
        if (l == null) {
            throw new MlemUserException("the covariance is not positive definite; check for constant or collinear columns");
        }
        return new MultivariateNormal(mean.clone(), covariance.clone(), l);
    }

    /**
     * The lower Cholesky factor of a row-major d×d matrix, or null when a pivot falls below
     * 1e-12 of its diagonal entry (numerically singular, a scale-free test).
     */
    static double[] cholesky(double[] a, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * d + k] * l[j * d + k];
            }
            if (!(s > 1e-12 * a[j * d + j]) || !(a[j * d + j] > 0)) {
                return null;
            }
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = t / ljj;
            }
        }
        return l;
    }

    public int dimension() {
        return d;
    }

    /** A copy of μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of Σ, row-major d×d. */
    public double[] covariance() {
        return covariance.clone();
    }

    /** A copy of the lower Cholesky factor L of Σ, row-major d×d (zeros above the diagonal). */
    public double[] choleskyFactor() {
        return cholesky.clone();
    }

    /** log det Σ. */
    public double logDeterminant() {
        return logDeterminant;
    }

    /** log f(x) for one point of length d. */
    public double logDensity(double[] x) {
        return logDensity(x, 0);
    }

    /** log f of the d values starting at {@code rows[offset]} (a row of a row-major block). */
    public double logDensity(double[] rows, int offset) {
        double quad = 0;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double t = rows[offset + i] - mean[i];
            for (int k = 0; k < i; k++) {
                t -= cholesky[i * d + k] * z[k];
            }
            z[i] = t / cholesky[i * d + i];
            quad += z[i] * z[i];
        }
        return -0.5 * (d * LOG_2PI + logDeterminant + quad);
    }

    /** One draw μ + Lz with z standard normal from {@code rng}. */
    public double[] sample(RandomGenerator rng) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] x = mean.clone();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                x[i] += cholesky[i * d + k] * z[k];
            }
        }
        return x;
    }
}
