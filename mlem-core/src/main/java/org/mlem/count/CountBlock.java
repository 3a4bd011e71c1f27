package org.mlem.count;

import java.io.Serializable;
import java.util.Locale;
import org.mlem.MlemUserException;

/**
 * Count regression rows held in memory: the counts, both parts' designs (row-major) and the prior
 * weights (null: all 1). The whole data set on one machine, one partition's rows on Spark. Built
 * only from valid rows: a count that is negative or not whole, or a weight that is not finite and
 * &gt;= 0, is a {@link MlemUserException} beginning "data row N: " (1-based in these rows).
 */
public final class CountBlock implements CountRows, Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] y;
    private final double[][] x;
    private final double[][] z;
    private final double[] w;

    /**
     * @param kind the model fitted (named in the error for a bad count)
     * @param y the counts
     * @param x the count part's design, one row per count
     * @param z the zero part's design (null or ignored for {@link CountModelKind#PLAIN})
     * @param w prior weights, or null
     */
    public CountBlock(CountModelKind kind, double[] y, double[][] x, double[][] z, double[] w) {
        check(kind, y, w);
        this.y = y.clone();
        this.x = x;
        this.z = kind.hasZeroPart() ? z : new double[y.length][0];
        this.w = w == null ? null : w.clone();
    }

    private static void check(CountModelKind kind, double[] y, double[] w) {
        for (int i = 0; i < y.length; i++) {
            if (w != null && !(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                throw new MlemUserException("data row " + (i + 1) + ": the weight " + w[i] + " is not a finite number >= 0; "
                        + "fix the cell");
            }
            if (!(y[i] >= 0) || y[i] != Math.rint(y[i]) || Double.isInfinite(y[i])) {
                String shown = y[i] == Math.rint(y[i]) && Math.abs(y[i]) < 1e15 ? Long.toString((long) y[i]) : Double.toString(y[i]);
                throw new MlemUserException("data row " + (i + 1) + ": the count " + shown + " is not a whole number >= 0; "
                        + "a " + kind.name().toLowerCase(Locale.ROOT) + " model needs counts 0, 1, 2, ...: fix the cell");
            }
        }
    }

    /** Rows held. */
    public int rows() {
        return y.length;
    }

    /** The count part's columns. */
    public int countColumns() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /** The number of zero counts with a positive weight (a zero part needs one). */
    public int zeros() {
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            n += y[i] == 0 && (w == null || w[i] > 0) ? 1 : 0;
        }
        return n;
    }

    /** The largest count (pscl's {@code max(y)}), 0 for no rows. */
    public double maxCount() {
        double m = 0;
        for (double v : y) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public double[][] sums(CountModelKind kind, CountDistribution dist, double[][] points) {
        CountLikelihood f = likelihood(kind, dist);
        double[][] out = new double[points.length][];
        for (int a = 0; a < points.length; a++) {
            double[] grad = new double[points[a].length];
            double ll = f.value(points[a], grad, null);
            out[a] = new double[1 + grad.length];
            out[a][0] = ll;
            System.arraycopy(grad, 0, out[a], 1, grad.length);
        }
        return out;
    }

    /** Each row's log-likelihood at {@code par} (unweighted, for Vuong's test). */
    public double[] rowLogLikelihoods(CountModelKind kind, CountDistribution dist, double[] par) {
        double[] rows = new double[y.length];
        likelihood(kind, dist).value(par, null, rows);
        return rows;
    }

    @Override
    public double totalWeight() {
        return likelihood(CountModelKind.PLAIN, CountDistribution.POISSON).totalWeight();
    }

    CountLikelihood likelihood(CountModelKind kind, CountDistribution dist) {
        return new CountLikelihood(kind, dist, y, x, z, w);
    }

    double[] y() {
        return y;
    }

    double[][] x() {
        return x;
    }

    double[][] z() {
        return z;
    }

    double[] weights() {
        return w;
    }
}
