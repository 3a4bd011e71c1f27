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
        NoiseRegion box = bounds(x, new double[d], identity(d), false);
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
        NoiseRegion pc = bounds(x, mean, principalAxes(cov), true);
        return pc.logVolume() < box.logVolume() ? pc : box;
    }

    /**
     * mclust's {@code hypvol} of the rows passing through {@code rows} (of positive weight, each
     * counted once), in two passes: their mean and covariance ({@link RowMoments}), then their
     * extent along the columns and along the principal axes. A cluster's partitions give the region
     * the same rows in memory give ({@link #of(DataMatrix)}), to rounding.
     */
    public static NoiseRegion of(org.mlem.em.RowPasses rows) {
        RowMoments m = RowMoments.of(rows, true);
        double[] mean = m.mean();
        int d = mean.length;
        double[] centres = new double[2 * d];
        System.arraycopy(mean, 0, centres, d, d);
        double[] axes = new double[2 * d * d];
        System.arraycopy(identity(d), 0, axes, 0, d * d);
        if (d > 1) {
            double[] c = m.covariance();
            double[][] scatter = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    scatter[a][b] = c[a * d + b] * (m.count() - 1); // the sums of products, as of(DataMatrix) decomposes
                }
            }
            System.arraycopy(principalAxes(scatter), 0, axes, d * d, d * d);
        }
        int sets = d > 1 ? 2 : 1;
        double[] setCentres = Arrays.copyOf(centres, sets * d);
        double[] setAxes = Arrays.copyOf(axes, sets * d * d);
        Extent e = rows.reduce(() -> new Extent(setCentres, setAxes, sets), (block, into) -> into.add(block));
        NoiseRegion box = e.region(0, false);
        if (d == 1) {
            return box;
        }
        NoiseRegion pc = e.region(1, true);
        return pc.logVolume() < box.logVolume() ? pc : box;
    }

    private static double[] identity(int d) {
        double[] identity = new double[d * d];
        for (int a = 0; a < d; a++) {
            identity[a * d + a] = 1;
        }
        return identity;
    }

    /** The eigenvectors of the symmetric {@code cov}, one a row, d×d row-major. */
    private static double[] principalAxes(double[][] cov) {
        int d = cov.length;
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, false));
        double[] axes = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(eig.getEigenvector(a).toArray(), 0, axes, a * d, d);
        }
        return axes;
    }

    private static NoiseRegion bounds(DataMatrix x, double[] centre, double[] axes, boolean principal) {
        Extent e = new Extent(centre, axes, 1);
        e.add(x.all());
        return e.region(0, principal);
    }

    /**
     * The smallest and largest coordinates of the rows of positive weight along {@code sets} sets of
     * axes (each a centre of d values and d×d axes), as mergeable statistics.
     */
    static final class Extent implements org.mlem.em.Stats<Extent>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private final double[] centres;
        private final double[] axes;
        private final double[] lo;
        private final double[] hi;
        private final int d;

        Extent(double[] centres, double[] axes, int sets) {
            this.d = centres.length / sets;
            this.centres = centres.clone();
            this.axes = axes.clone();
            this.lo = new double[d * sets];
            this.hi = new double[d * sets];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        }

        void add(org.mlem.data.Block rows) {
            int sets = lo.length / d;
            double[] row = new double[d];
            double[] centre = new double[d];
            double[] ax = new double[d * d];
            double[] u = new double[d];
            for (int i = 0; i < rows.rows(); i++) {
                if (!(rows.weight(i) > 0)) {
                    continue;
                }
                System.arraycopy(rows.x(), rows.offset(i), row, 0, d);
                for (int s = 0; s < sets; s++) {
                    System.arraycopy(centres, s * d, centre, 0, d);
                    System.arraycopy(axes, s * d * d, ax, 0, d * d);
                    project(row, centre, ax, u);
                    for (int a = 0; a < d; a++) {
                        lo[s * d + a] = Math.min(lo[s * d + a], u[a]);
                        hi[s * d + a] = Math.max(hi[s * d + a], u[a]);
                    }
                }
            }
        }

        @Override
        public void merge(Extent other) {
            for (int a = 0; a < lo.length; a++) {
                lo[a] = Math.min(lo[a], other.lo[a]);
                hi[a] = Math.max(hi[a], other.hi[a]);
            }
        }

        NoiseRegion region(int set, boolean principal) {
            return new NoiseRegion(Arrays.copyOfRange(centres, set * d, (set + 1) * d),
                    Arrays.copyOfRange(axes, set * d * d, (set + 1) * d * d), Arrays.copyOfRange(lo, set * d, (set + 1) * d),
                    Arrays.copyOfRange(hi, set * d, (set + 1) * d), principal);
        }
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

    /**
     * This region scaled about the middle of its box, every axis by the same factor, to the
     * hypervolume {@code v} (mclust's {@code Vinv = 1/v} given by the user): the noise density is
     * then {@code 1/v}, and noise rows are drawn from the scaled box.
     *
     * @throws MlemUserException unless {@code v} is finite and positive
     */
    public NoiseRegion withHypervolume(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new MlemUserException("the noise hypervolume is " + v + "; give a finite positive volume");
        }
        int d = lower.length;
        double scale = Math.exp((Math.log(v) - logVolume()) / d);
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int a = 0; a < d; a++) {
            double mid = 0.5 * (lower[a] + upper[a]);
            double half = 0.5 * (upper[a] - lower[a]) * scale;
            lo[a] = mid - half;
            hi[a] = mid + half;
        }
        return new NoiseRegion(centre, axes, lo, hi, principal);
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
