package org.mlem.gmm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * The region a noise component is uniform over, as mclust's {@code hypvol} chooses it: of the
 * data's bounding box along the columns and its bounding box along the principal axes (the
 * eigenvectors of the covariance, as {@code princomp}'s scores), the one of smaller volume. The
 * noise density is {@code 1 / hypervolume} at every point (mclust's {@code Vinv}), inside the
 * region or not; the region itself serves for drawing noise rows.
 *
 * @param centre the point the axes are taken about (the column means; zeros for the column box)
 * @param axes d×d, row a the unit direction of axis a (the identity for the column box)
 * @param lower the smallest coordinate along each axis
 * @param upper the largest coordinate along each axis
 * @param principal whether the axes are the principal axes
 */
public record NoiseRegion(double[] centre, double[] axes, double[] lower, double[] upper, boolean principal)
        implements java.io.Serializable {

    public NoiseRegion {
        int d = centre.length;
        if (axes.length != d * d || lower.length != d || upper.length != d) {
            throw new MlemUserException("the noise region needs d centre values, d×d axes and d lower and upper bounds");
        }
        for (int a = 0; a < d; a++) {
            if (!(upper[a] > lower[a]) || Double.isInfinite(upper[a] - lower[a])) {
                throw new MlemUserException("the noise region has no finite positive extent along axis " + (a + 1)
                        + " (every row has the same value there); drop constant columns before fitting a noise component");
            }
        }
        centre = centre.clone();
        axes = axes.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /** mclust's {@code hypvol(data)}: the smaller of the column box and the principal-axes box of the rows of positive weight. */
    public static NoiseRegion of(DataMatrix x) {
        int d = x.cols();
        double[] identity = new double[d * d];
        for (int a = 0; a < d; a++) {
            identity[a * d + a] = 1;
        }
        double[] zero = new double[d];
        NoiseRegion box = bounds(x, zero, identity, false);
        if (d == 1) {
            return box;
        }
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        int n = 0;
        for (int i = 0; i < x.rows(); i++) {
            if (x.weight(i) > 0) {
                n++;
                for (int a = 0; a < d; a++) {
                    mean[a] += x.get(i, a);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            mean[a] /= n;
        }
        for (int i = 0; i < x.rows(); i++) {
            if (x.weight(i) > 0) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        cov[a][b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
                    }
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[b][a] = cov[a][b];
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, false));
        double[] axes = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(eig.getEigenvector(a).toArray(), 0, axes, a * d, d);
        }
        NoiseRegion pc = bounds(x, mean, axes, true);
        return pc.logVolume() < box.logVolume() ? pc : box;
    }

    private static NoiseRegion bounds(DataMatrix x, double[] centre, double[] axes, boolean principal) {
        int d = x.cols();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        double[] u = new double[d];
        for (int i = 0; i < x.rows(); i++) {
            if (!(x.weight(i) > 0)) {
                continue;
            }
            project(x.row(i), centre, axes, u);
            for (int a = 0; a < d; a++) {
                lo[a] = Math.min(lo[a], u[a]);
                hi[a] = Math.max(hi[a], u[a]);
            }
        }
        return new NoiseRegion(centre, axes, lo, hi, principal);
    }

    private static void project(double[] row, double[] centre, double[] axes, double[] out) {
        int d = row.length;
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += axes[a * d + b] * (row[b] - centre[b]);
            }
            out[a] = s;
        }
    }

    public int dimension() {
        return centre.length;
    }

    /** log of the hypervolume: Σ_a log(upper_a − lower_a). */
    public double logVolume() {
        double s = 0;
        for (int a = 0; a < lower.length; a++) {
            s += Math.log(upper[a] - lower[a]);
        }
        return s;
    }

    /** The hypervolume V; the noise density is 1/V (mclust's {@code Vinv}). */
    public double hypervolume() {
        return Math.exp(logVolume());
    }

    /** Writes a point drawn uniformly from the region into {@code row} (length d). */
    public void draw(SplittableRandom rng, double[] row) {
        int d = centre.length;
        double[] u = new double[d];
        for (int a = 0; a < d; a++) {
            u[a] = lower[a] + rng.nextDouble() * (upper[a] - lower[a]);
        }
        for (int b = 0; b < d; b++) {
            double s = centre[b];
            for (int a = 0; a < d; a++) {
                s += axes[a * d + b] * u[a];
            }
            row[b] = s;
        }
    }

    @Override
    public double[] centre() {
        return centre.clone();
    }

    @Override
    public double[] axes() {
        return axes.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}
