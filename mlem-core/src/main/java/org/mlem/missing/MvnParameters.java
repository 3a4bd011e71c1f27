package org.mlem.missing;

import java.util.Arrays;
import org.mlem.MlemUserException;
import org.mlem.kernel.Cholesky;

/**
 * A multivariate normal's mean (d) and covariance (d×d, maximum likelihood, divisor n).
 * Immutable; arrays are copied in and out.
 */
public final class MvnParameters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int d;
    private final double[] mean;
    private final double[] cov; // d × d row-major

    MvnParameters(double[] mean, double[] cov) {
        this.d = mean.length;
        this.mean = mean;
        this.cov = cov;
    }

    /** Parameters from a mean and a symmetric positive-definite covariance. */
    public static MvnParameters of(double[] mean, double[][] covariance) {
        int d = mean.length;
        double[] flat = new double[d * d];
        for (int a = 0; a < d; a++) {
            if (covariance[a].length != d) {
                throw new IllegalArgumentException("covariance row " + a + " has " + covariance[a].length + " values, expected " + d);
            }
            System.arraycopy(covariance[a], 0, flat, a * d, d);
        }
        if (!Cholesky.factor(flat, 0, d, new double[d * d], 0)) {
            throw new MlemUserException("the covariance is not positive definite");
        }
        return new MvnParameters(mean.clone(), flat);
    }

    /** Dimension d. */
    public int dimension() {
        return d;
    }

    /** The mean (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The covariance as d rows (a copy). */
    public double[][] covariance() {
        double[][] c = new double[d][];
        for (int a = 0; a < d; a++) {
            c[a] = Arrays.copyOfRange(cov, a * d, (a + 1) * d);
        }
        return c;
    }

    double[] meanFlat() {
        return mean;
    }

    double[] covFlat() {
        return cov;
    }

    /** One line: d, the mean and the covariance. */
    @Override
    public String toString() {
        return "MvnParameters[d=" + dimension() + ", mean=" + Arrays.toString(mean()) + ", covariance="
                + Arrays.deepToString(covariance()) + "]";
    }
}
