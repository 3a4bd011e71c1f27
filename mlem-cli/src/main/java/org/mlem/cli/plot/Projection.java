package org.mlem.cli.plot;

import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;
import org.mlem.data.DataMatrix;

/**
 * A map from d-dimensional data to the two plotted coordinates {@code y = Vᵀ(x − c)}, V being d×2
 * with orthonormal columns: either the data's first two columns as they are (d = 2), or its two
 * leading principal axes (d ≥ 3). A covariance Σ maps to {@code Vᵀ Σ V}.
 */
final class Projection {
    private final double[] center;
    private final double[][] axes; // 2 × d, rows are V's columns
    private final double[] explained;
    private final String[] labels;

    private Projection(double[] center, double[][] axes, double[] explained, String[] labels) {
        this.center = center;
        this.axes = axes;
        this.explained = explained;
        this.labels = labels;
    }

    /** The identity on two columns: coordinates are the data's own, axes named by the columns. */
    static Projection columns(DataMatrix data) {
        if (data.cols() != 2) {
            throw new IllegalArgumentException("column projection needs 2 columns, got " + data.cols());
        }
        return new Projection(new double[2], new double[][] {{1, 0}, {0, 1}}, new double[] {Double.NaN, Double.NaN},
                new String[] {data.columns().get(0), data.columns().get(1)});
    }

    /**
     * The two leading principal axes of the data: eigenvectors of its weighted covariance
     * {@code Σᵢ wᵢ (xᵢ−m)(xᵢ−m)ᵀ / Σᵢ wᵢ} (divisor W; the scale does not change the axes) with the
     * two largest eigenvalues, centred at the weighted mean m. Each axis is signed so that its
     * largest-magnitude entry is positive, which makes the picture deterministic. Axes are labelled
     * {@code PC1 (xx.x% of variance)}.
     */
    static Projection principal(DataMatrix data) {
        int d = data.cols();
        double[] mean = new double[d];
        double total = 0;
        for (int i = 0; i < data.rows(); i++) {
            double w = data.weight(i);
            total += w;
            for (int a = 0; a < d; a++) {
                mean[a] += w * data.get(i, a);
            }
        }
        for (int a = 0; a < d; a++) {
            mean[a] /= total;
        }
        double[][] cov = new double[d][d];
        double[] dev = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            double w = data.weight(i);
            for (int a = 0; a < d; a++) {
                dev[a] = data.get(i, a) - mean[a];
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += w * dev[a] * dev[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= total;
                cov[b][a] = cov[a][b];
            }
        }
        return principal(mean, cov);
    }

    /** The two leading eigenvectors of the symmetric {@code cov}, centred at {@code center}. */
    static Projection principal(double[] center, double[][] cov) {
        int d = center.length;
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, true));
        double[] values = eigen.getEigenvalues();
        int first = 0;
        for (int i = 1; i < d; i++) {
            if (values[i] > values[first]) {
                first = i;
            }
        }
        int second = first == 0 ? 1 : 0;
        for (int i = 0; i < d; i++) {
            if (i != first && values[i] > values[second]) {
                second = i;
            }
        }
        double trace = 0;
        for (double v : values) {
            trace += Math.max(v, 0);
        }
        double[][] axes = {signed(eigen.getEigenvector(first)), signed(eigen.getEigenvector(second))};
        double[] explained = {Math.max(values[first], 0) / trace, Math.max(values[second], 0) / trace};
        String[] labels = new String[2];
        for (int p = 0; p < 2; p++) {
            labels[p] = String.format(Locale.ROOT, "PC%d (%.1f%% of variance)", p + 1, 100 * explained[p]);
        }
        return new Projection(center.clone(), axes, explained, labels);
    }

    private static double[] signed(RealVector v) {
        double[] a = v.toArray();
        int big = 0;
        for (int i = 1; i < a.length; i++) {
            if (Math.abs(a[i]) > Math.abs(a[big])) {
                big = i;
            }
        }
        if (a[big] < 0) {
            for (int i = 0; i < a.length; i++) {
                a[i] = -a[i];
            }
        }
        return a;
    }

    /** {@code Vᵀ(x − c)}: the plotted coordinates of the point x. */
    double[] project(double[] x) {
        double[] y = new double[2];
        for (int p = 0; p < 2; p++) {
            double s = 0;
            for (int a = 0; a < x.length; a++) {
                s += axes[p][a] * (x[a] - center[a]);
            }
            y[p] = s;
        }
        return y;
    }

    /** {@code Vᵀ Σ V}: the 2×2 covariance of the plotted coordinates when x has covariance Σ. */
    double[][] projectCovariance(double[][] sigma) {
        int d = sigma.length;
        double[][] out = new double[2][2];
        for (int p = 0; p < 2; p++) {
            for (int q = 0; q < 2; q++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    double row = 0;
                    for (int b = 0; b < d; b++) {
                        row += sigma[a][b] * axes[q][b];
                    }
                    s += axes[p][a] * row;
                }
                out[p][q] = s;
            }
        }
        return out;
    }

    /** Axis {@code p} (0 or 1) as a unit vector of d entries (a copy). */
    double[] axis(int p) {
        return axes[p].clone();
    }

    /** Fraction of the total variance along axis {@code p}; NaN for a column projection. */
    double explained(int p) {
        return explained[p];
    }

    /** The label of plotted axis {@code p}. */
    String label(int p) {
        return labels[p];
    }
}
