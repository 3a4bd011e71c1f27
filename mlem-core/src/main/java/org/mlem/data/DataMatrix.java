package org.mlem.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.mlem.MlemUserException;

/**
 * An immutable table of {@code rows × cols} doubles, stored row-major in one flat array, with
 * column names and optional per-row frequency weights and known labels.
 *
 * <p>Values may be NaN (a missing cell) or infinite here; each model checks what it can take and
 * names the first row and column it cannot. Weights must be finite and non-negative. A label is a
 * component or state index, or -1 for "latent".
 */
public final class DataMatrix implements BlockSource {
    private final double[] values;
    private final int rows;
    private final int cols;
    private final List<String> columns;
    private final double[] weights;
    private final int[] labels;
    private final double totalWeight;

    private DataMatrix(double[] values, int rows, int cols, List<String> columns, double[] weights, int[] labels) {
        this.values = values;
        this.rows = rows;
        this.cols = cols;
        this.columns = List.copyOf(columns);
        this.weights = weights;
        this.labels = labels;
        double total = 0;
        if (weights == null) {
            total = rows;
        } else {
            for (double w : weights) {
                total += w;
            }
        }
        this.totalWeight = total;
    }

    /**
     * A matrix over a copy of {@code values}, row-major {@code rows × cols}, columns named
     * {@code x1..xd} when {@code columns} is null.
     */
    public static DataMatrix of(double[] values, int rows, int cols, List<String> columns) {
        checkShape(values, rows, cols);
        List<String> names = columns == null ? defaultNames(cols) : columns;
        if (names.size() != cols) {
            throw new IllegalArgumentException(cols + " columns but " + names.size() + " names");
        }
        return new DataMatrix(values.clone(), rows, cols, names, null, null);
    }

    private static void checkShape(double[] values, int rows, int cols) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("a data matrix needs rows >= 0 and cols >= 1, got " + rows + "x" + cols);
        }
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + (long) rows * cols + " values for " + rows + "x" + cols + ", got " + values.length);
        }
    }

    /** {@link #requireHoldable}'s advice for drawing samples. */
    public static final String FEWER_ROWS = "draw fewer rows (--n), in several runs with different --seed values";

    /** The most values one matrix holds: the length limit of a Java array. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Refuses, before anything is allocated, a matrix of {@code rows × cols} doubles that one array
     * cannot hold or that alone exceeds the heap: a user error saying so, then {@code fix}.
     *
     * @param source the input it comes from, for the error's place; null for none
     */
    public static void requireHoldable(long rows, int cols, String fix, String source) {
        long values = rows * cols;
        long heap = Runtime.getRuntime().maxMemory();
        String problem = null;
        if (values > MAX_VALUES) {
            problem = rows + " rows x " + cols + " columns is more values than one in-memory matrix holds (2^31)";
        } else if (8 * values > heap) {
            problem = rows + " rows x " + cols + " columns need " + (8 * values >> 20) + " MB as doubles and Java may use at most "
                    + (heap >> 20) + " MB";
        }
        if (problem != null) {
            throw source == null ? new MlemUserException(problem + "; " + fix) : new MlemUserException(problem + "; " + fix, source, -1, -1);
        }
    }

    /**
     * As {@link #of(double[], int, int, List)} over {@code values} itself, which the caller no
     * longer writes; it may be longer than {@code rows × cols} (a CSV table's array, made the
     * matrix in place), and the cells past them are never read.
     */
    static DataMatrix wrap(double[] values, int rows, int cols, List<String> columns) {
        if (rows < 0 || cols < 1 || values.length < (long) rows * cols) {
            throw new IllegalArgumentException("expected at least " + (long) rows * cols + " values for " + rows + "x" + cols
                    + ", got " + values.length);
        }
        return new DataMatrix(values, rows, cols, columns, null, null);
    }

    /** A matrix from rows of equal length, columns {@code x1..xd}. */
    public static DataMatrix of(double[][] rowValues) {
        if (rowValues.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        int d = rowValues[0].length;
        double[] flat = new double[rowValues.length * d];
        for (int i = 0; i < rowValues.length; i++) {
            if (rowValues[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rowValues[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rowValues[i], 0, flat, i * d, d);
        }
        return new DataMatrix(flat, rowValues.length, d, defaultNames(d), null, null);
    }

    /** Names {@code x1..xd}, as for a file read with {@code --no-header}. */
    public static List<String> defaultNames(int d) {
        List<String> names = new ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return names;
    }

    /** This matrix with per-row frequency weights (finite, non-negative), or none when null. */
    public DataMatrix withWeights(double[] w) {
        if (w == null) {
            return new DataMatrix(values, rows, cols, columns, null, labels);
        }
        if (w.length != rows) {
            throw new IllegalArgumentException(rows + " rows but " + w.length + " weights");
        }
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new MlemUserException("weight " + w[i] + " of row " + (i + 1)
                        + " is not a finite non-negative number; weights count how often a row occurs");
            }
        }
        return new DataMatrix(values, rows, cols, columns, w.clone(), labels);
    }

    /**
     * This matrix when its rows × (columns + 1) values fit in {@code budgetValues}; else every
     * s-th row from row 0, s the smallest step that fits, with their weights, labels and missing
     * cells. The rows depend on the shape alone, so two matrices of one shape give the same rows.
     */
    public DataMatrix evenlySpaced(long budgetValues) {
        long held = (long) rows * (cols + 1);
        int step = (int) Math.max(1, (held + budgetValues - 1) / budgetValues);
        if (step == 1) {
            return this;
        }
        int m = (rows + step - 1) / step;
        double[] v = new double[m * cols];
        double[] w = weights == null ? null : new double[m];
        int[] l = labels == null ? null : new int[m];
        for (int r = 0; r < m; r++) {
            int i = r * step;
            System.arraycopy(values, i * cols, v, r * cols, cols);
            if (w != null) {
                w[r] = weights[i];
            }
            if (l != null) {
                l[r] = labels[i];
            }
        }
        return new DataMatrix(v, m, cols, columns, w, l);
    }

    /** This matrix with per-row known labels (-1 for latent), or none when null. */
    public DataMatrix withLabels(int[] l) {
        if (l == null) {
            return new DataMatrix(values, rows, cols, columns, weights, null);
        }
        if (l.length != rows) {
            throw new IllegalArgumentException(rows + " rows but " + l.length + " labels");
        }
        for (int i = 0; i < l.length; i++) {
            if (l[i] < -1) {
                throw new IllegalArgumentException("label " + l[i] + " of row " + (i + 1) + " is below -1 (latent)");
            }
        }
        return new DataMatrix(values, rows, cols, columns, weights, l.clone());
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Value at row {@code i}, column {@code j} (0-based). */
    public double get(int i, int j) {
        return values[i * cols + j];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
    }

    /** A copy of all values, row-major. */
    public double[] values() {
        return Arrays.copyOf(values, rows * cols);
    }

    /** Frequency weight of row {@code i} (1 when unweighted). */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** Whether rows carry weights. */
    public boolean hasWeights() {
        return weights != null;
    }

    /** A copy of the weights, or null when unweighted. */
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** Known label of row {@code i}, or -1. */
    public int label(int i) {
        return labels == null ? -1 : labels[i];
    }

    /** A copy of the labels, or null when every row is latent. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public double totalWeight() {
        return totalWeight;
    }

    @Override
    public Block block(int b) {
        int start = b * BLOCK_ROWS;
        if (b < 0 || start >= rows) {
            throw new IndexOutOfBoundsException("block " + b + " of " + blockCount());
        }
        return new Block(values, weights, labels, start, Math.min(BLOCK_ROWS, rows - start), cols);
    }

    /** The whole matrix as one block (for scoring and initialisation). */
    public Block all() {
        return new Block(values, weights, labels, 0, rows, cols);
    }

    /** Distinct rows of positive weight, counting no further than {@code limit} (NaN equals NaN here). */
    public int distinctRows(int limit) {
        Set<RowKey> seen = new HashSet<>();
        for (int i = 0; i < rows && seen.size() < limit; i++) {
            if (weight(i) > 0) {
                seen.add(new RowKey(row(i)));
            }
        }
        return seen.size();
    }

    /**
     * The distinct rows of this matrix, each once, in the order of their first appearance, with a
     * frequency weight the sum of their copies' weights (their count when unweighted): the same
     * weighted sums as this matrix, in fewer rows (NaN equals NaN here, −0 and 0 differ). Null when
     * there are labels (rows with different labels must stay apart) or more than {@code limit}
     * distinct rows.
     */
    public DataMatrix distinctWeighted(int limit) {
        if (labels != null) {
            return null;
        }
        java.util.Map<RowKey, Integer> index = new java.util.HashMap<>();
        int[] of = new int[rows];
        int[] firsts = new int[Math.min(rows, limit)];
        for (int i = 0; i < rows; i++) {
            RowKey key = new RowKey(row(i));
            Integer u = index.get(key);
            if (u == null) {
                if (index.size() == limit) {
                    return null;
                }
                u = index.size();
                index.put(key, u);
                firsts[u] = i;
            }
            of[i] = u;
        }
        int m = index.size();
        double[] v = new double[m * cols];
        double[] w = new double[m];
        for (int u = 0; u < m; u++) {
            System.arraycopy(values, firsts[u] * cols, v, u * cols, cols);
        }
        for (int i = 0; i < rows; i++) {
            w[of[i]] += weight(i);
        }
        return new DataMatrix(v, m, cols, columns, w, null);
    }

    private record RowKey(double[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey r && Arrays.equals(v, r.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }

    /** Whether every row has a known label (so a mixture's fit is the closed-form MLE). */
    public boolean allLabelled() {
        if (labels == null) {
            return false;
        }
        for (int l : labels) {
            if (l < 0) {
                return false;
            }
        }
        return true;
    }

    /** The weighted mean of each column. */
    /**
     * A copy with each missing cell (NaN) replaced by its column's weighted mean over the observed
     * cells, weights and labels kept: where the fits that marginalise missing cells draw their starts.
     */
    public DataMatrix missingFilledByMeans() {
        double[] v = values();
        for (int a = 0; a < cols; a++) {
            double sum = 0;
            double count = 0;
            for (int i = 0; i < rows; i++) {
                if (!Double.isNaN(v[i * cols + a])) {
                    sum += weight(i) * v[i * cols + a];
                    count += weight(i);
                }
            }
            for (int i = 0; i < rows; i++) {
                if (Double.isNaN(v[i * cols + a])) {
                    v[i * cols + a] = sum / count;
                }
            }
        }
        return new DataMatrix(v, rows, cols, columns, weights, labels);
    }

    public double[] weightedMeans() {
        double[] m = new double[cols];
        for (int i = 0; i < rows; i++) {
            double w = weight(i) / totalWeight;
            for (int a = 0; a < cols; a++) {
                m[a] += w * values[i * cols + a];
            }
        }
        return m;
    }

    /**
     * Whether some cell is missing (NaN), for the fits that marginalise missing cells: an infinite
     * cell, or a row with every cell missing (it carries no information), is a {@link MlemUserException}
     * naming its row.
     */
    public boolean hasMissingCells() {
        boolean any = false;
        for (int i = 0; i < rows; i++) {
            int seen = 0;
            for (int a = 0; a < cols; a++) {
                double v = values[i * cols + a];
                if (Double.isInfinite(v)) {
                    throw new MlemUserException("row " + (i + 1) + ", column '" + columns.get(a)
                            + "' is infinite; fix or remove it");
                }
                if (Double.isNaN(v)) {
                    any = true;
                } else {
                    seen++;
                }
            }
            if (seen == 0) {
                throw new MlemUserException("row " + (i + 1) + " has every cell missing; it carries no information: remove it");
            }
        }
        return any;
    }

    /**
     * Throws a {@link MlemUserException} naming the first row and column whose value is NaN or
     * infinite, for models that cannot take missing or infinite values.
     */
    public void requireFinite(String what) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = values[i * cols + j];
                if (!Double.isFinite(v)) {
                    String kind = Double.isNaN(v) ? "missing" : "infinite";
                    throw new MlemUserException("row " + (i + 1) + ", column '" + columns.get(j) + "' is " + kind
                            + "; " + what + " needs finite values: remove or impute it (the CLI's --drop-missing drops such rows)");
                }
            }
        }
    }
}
