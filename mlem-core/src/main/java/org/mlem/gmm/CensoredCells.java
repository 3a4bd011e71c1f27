package org.mlem.gmm;

import java.util.Arrays;
import org.mlem.data.DataMatrix;

/**
 * Which cells of a {@code rows × cols} table are censored, and to what: each censored cell is
 * known only to lie in (lower, upper], lower = −∞ for a cell below a detection limit
 * (left-censored), upper = +∞ for one above a limit (right-censored), both finite for an interval.
 * An exact cell has NaN for both bounds. Deeply immutable; indices are row-major like
 * {@link DataMatrix#values()}.
 */
public final class CensoredCells implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;
    private final double[] lower;
    private final double[] upper;

    /**
     * @param lower each cell's lower bound (−∞ open), NaN for an exact cell; row-major
     * @param upper each cell's upper bound (+∞ open), NaN for an exact cell
     * @throws IllegalArgumentException for a cell with one bound NaN, both ends open, or lower ≥ upper
     *     (callers check their users' bounds first and name the row)
     */
    public CensoredCells(int rows, int cols, double[] lower, double[] upper) {
        if (lower.length != rows * cols || upper.length != rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " cells but " + lower.length + " and " + upper.length + " bounds");
        }
        for (int c = 0; c < lower.length; c++) {
            double lo = lower[c];
            double hi = upper[c];
            boolean exact = Double.isNaN(lo) && Double.isNaN(hi);
            if (!exact && !(lo < hi && lo != Double.POSITIVE_INFINITY && hi != Double.NEGATIVE_INFINITY
                    && !(Double.isInfinite(lo) && Double.isInfinite(hi)))) {
                throw new IllegalArgumentException("cell " + c + " has bounds (" + lo + ", " + hi + "]");
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    /** No censored cell in a {@code rows × cols} table. */
    public static CensoredCells none(int rows, int cols) {
        double[] nan = new double[rows * cols];
        Arrays.fill(nan, Double.NaN);
        return new CensoredCells(rows, cols, nan, nan);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Whether cell (i, a) is censored. */
    public boolean censored(int i, int a) {
        return !Double.isNaN(lower[i * cols + a]);
    }

    /** The lower bound of cell (i, a): −∞ open, NaN for an exact cell. */
    public double lower(int i, int a) {
        return lower[i * cols + a];
    }

    /** The upper bound of cell (i, a): +∞ open, NaN for an exact cell. */
    public double upper(int i, int a) {
        return upper[i * cols + a];
    }

    /** The number of censored cells: {left, right, interval}. */
    public int[] counts() {
        int[] n = new int[3];
        for (int c = 0; c < lower.length; c++) {
            if (Double.isNaN(lower[c])) {
                continue;
            }
            n[lower[c] == Double.NEGATIVE_INFINITY ? 0 : upper[c] == Double.POSITIVE_INFINITY ? 1 : 2]++;
        }
        return n;
    }

    /** The number of censored cells. */
    public int count() {
        int[] n = counts();
        return n[0] + n[1] + n[2];
    }

    /** The number of censored cells of row i. */
    public int censoredInRow(int i) {
        int n = 0;
        for (int a = 0; a < cols; a++) {
            n += censored(i, a) ? 1 : 0;
        }
        return n;
    }

    /** {@code data} with NaN at each censored cell (what the E-step reads: the cells it integrates over), weights and labels kept. */
    DataMatrix marked(DataMatrix data) {
        return replaced(data, false);
    }

    /**
     * {@code data} with each censored cell at its finite bound (the midpoint of an interval): where
     * the fit draws its starts, as the missing-cell fit draws them from mean-filled data.
     */
    DataMatrix filled(DataMatrix data) {
        return replaced(data, true);
    }

    private DataMatrix replaced(DataMatrix data, boolean fill) {
        if (data.rows() != rows || data.cols() != cols) {
            throw new IllegalArgumentException("censoring of " + rows + "x" + cols + " cells for a " + data.rows() + "x"
                    + data.cols() + " table");
        }
        double[] v = data.values();
        for (int c = 0; c < v.length; c++) {
            if (!Double.isNaN(lower[c])) {
                v[c] = !fill ? Double.NaN
                        : lower[c] == Double.NEGATIVE_INFINITY ? upper[c]
                        : upper[c] == Double.POSITIVE_INFINITY ? lower[c] : 0.5 * (lower[c] + upper[c]);
            }
        }
        return DataMatrix.of(v, rows, cols, data.columns()).withWeights(data.hasWeights() ? data.weights() : null)
                .withLabels(data.hasLabels() ? data.labels() : null);
    }
}
