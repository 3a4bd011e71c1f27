package org.mlem.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mlem.MlemUserException;

/**
 * A CSV file read into typed columns ({@link CsvColumn}), remembering the line each row came
 * from so that every complaint about a cell names {@code file:line:column}. Its cells never change;
 * {@link #matrix} may move where it keeps some of them, so a table is for one thread.
 *
 * <p>A model picks its columns with {@link #completeRows} (which rows it can use) and
 * {@link #matrix} (their values as a {@link DataMatrix}).
 */
public final class CsvTable {
    private final String source;
    private final Map<String, CsvColumn> columns;
    private final int[] lines;
    /** The numeric columns' cells, row-major, until a matrix takes the array over. */
    private final RowStore store;

    CsvTable(String source, List<CsvColumn> columns, int[] lines, RowStore store) {
        this.source = source;
        this.columns = new LinkedHashMap<>();
        for (CsvColumn c : columns) {
            this.columns.put(c.name(), c);
        }
        this.lines = lines;
        this.store = store;
    }

    /** The file's name as the user gave it ({@code -} for standard input is shown as {@code <stdin>}). */
    public String source() {
        return source;
    }

    /** Number of data rows. */
    public int rows() {
        return lines.length;
    }

    /** 1-based line in the file where row {@code i} (0-based) starts. */
    public int line(int i) {
        return lines[i];
    }

    /** Column names, in file order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** Names of the numeric columns, in file order. */
    public List<String> numericNames() {
        return columns.values().stream().filter(c -> c instanceof CsvColumn.Numeric).map(CsvColumn::name)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The column named {@code name}; a user error listing the columns when there is none. */
    public CsvColumn column(String name) {
        CsvColumn c = columns.get(name);
        if (c == null) {
            throw new MlemUserException("no column '" + name + "'; the columns are " + String.join(", ", columns.keySet()),
                    source, -1, -1);
        }
        return c;
    }

    /**
     * The columns a model uses: {@code requested} when given (each must exist), otherwise every
     * column not in {@code exclude} that is numeric or mostly numeric
     * ({@link CsvColumn.Text#mostlyNumeric()}: its stray text cells are then reported by
     * {@link #requireNumeric}, not hidden by leaving the column out). Text columns are left out.
     */
    public List<String> resolve(List<String> requested, List<String> exclude) {
        if (requested != null && !requested.isEmpty()) {
            for (String name : requested) {
                column(name);
            }
            if (requested.stream().distinct().count() != requested.size()) {
                throw new MlemUserException("a column is named twice in " + requested + "; name each once");
            }
            return List.copyOf(requested);
        }
        List<String> chosen = new ArrayList<>();
        for (CsvColumn c : columns.values()) {
            if (c instanceof CsvColumn.Numeric || (c instanceof CsvColumn.Text t && t.mostlyNumeric())) {
                chosen.add(c.name());
            }
        }
        chosen.removeAll(exclude);
        if (chosen.isEmpty()) {
            throw new MlemUserException("no numeric column to model; the columns are " + String.join(", ", columns.keySet())
                    + " (pick some with --columns)", source, -1, -1);
        }
        return List.copyOf(chosen);
    }

    /** The rows a model may use and how many it dropped for missing cells. */
    public record RowSelection(int[] rows, int dropped) {
        public RowSelection {
            rows = rows.clone();
        }

        @Override
        public int[] rows() {
            return rows.clone();
        }
    }

    /**
     * The rows with no missing cell in {@code names}. Each named column must be numeric and
     * finite. When {@code dropMissing} is false a missing cell is an error naming its place.
     */
    public RowSelection completeRows(List<String> names, boolean dropMissing) {
        List<CsvColumn.Numeric> cols = numericColumns(names);
        if (!hasMissing(names)) { // one tight pass (or the split's notes) instead of a look-up per cell
            return allRows();
        }
        int[] kept = new int[rows()];
        int n = 0;
        for (int i = 0; i < rows(); i++) {
            CsvColumn.Numeric missing = firstMissing(cols, i);
            if (missing == null) {
                kept[n++] = i;
            } else if (!dropMissing) {
                throw new MlemUserException("missing value (empty, NA or NaN) in column '" + missing.name()
                        + "'; this model needs every cell: fill it in, or drop such rows with --drop-missing",
                        source, lines[i], missing.position());
            }
        }
        return new RowSelection(Arrays.copyOf(kept, n), rows() - n);
    }

    /** Every row, without checking for missing cells. */
    public RowSelection allRows() {
        int[] all = new int[rows()];
        Arrays.setAll(all, i -> i);
        return new RowSelection(all, 0);
    }

    /**
     * The values of columns {@code names} at table rows {@code rows}, as a matrix with those
     * column names (missing cells NaN). Each column must be numeric and finite.
     *
     * <p>The first matrix of every row in order is made in place: the table's row-major array of
     * cells becomes the matrix (each row's chosen cells moved to its front, which never overwrites
     * a cell not yet moved), the numeric columns not chosen first copied out, and the chosen ones
     * then read from the matrix. So a fit holds its cells once (8 bytes a cell), not in the table
     * and the matrix both, and never both at once; the matrix is immutable, so every later read of
     * the table gives the same values. Any other matrix is a copy.
     */
    public DataMatrix matrix(List<String> names, int[] rows) {
        List<CsvColumn.Numeric> cols = numericColumns(names);
        int d = cols.size();
        DataMatrix.requireHoldable(rows.length, d, "give Java more memory (MLEM_JAVA_OPTS=-Xmx...), or for fit gmm, predict "
                + "and score convert the file to .npy (mlem convert) and give that, which is read in blocks", source);
        if (d > 0 && store.owned() && isEveryRow(rows) && cols.stream().allMatch(c -> c.readsFrom(store.data()))) {
            return inPlace(names, cols);
        }
        double[] values = new double[rows.length * d];
        for (int j = 0; j < d; j++) {
            CsvColumn.Numeric c = cols.get(j);
            for (int i = 0; i < rows.length; i++) {
                values[i * d + j] = c.get(rows[i]);
            }
        }
        return DataMatrix.wrap(values, rows.length, names.size(), names);
    }

    private DataMatrix inPlace(List<String> names, List<CsvColumn.Numeric> cols) {
        double[] data = store.data();
        for (CsvColumn c : List.copyOf(columns.values())) {
            if (c instanceof CsvColumn.Numeric n && n.readsFrom(data) && !names.contains(n.name())) {
                columns.put(n.name(), n.readFrom(n.values(), 0, 1));
            }
        }
        int d = cols.size();
        int width = store.width();
        int[] from = new int[d];
        for (int j = 0; j < d; j++) {
            from[j] = cols.get(j).offset();
        }
        double[] row = new double[d];
        int n = rows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = data[i * width + from[j]];
            }
            System.arraycopy(row, 0, data, i * d, d);
        }
        store.release();
        for (int j = 0; j < d; j++) {
            columns.put(cols.get(j).name(), cols.get(j).readFrom(data, j, d));
        }
        return DataMatrix.wrap(data, n, d, names);
    }

    private boolean isEveryRow(int[] rows) {
        if (rows.length != rows()) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * Numeric, finite column {@code name}'s cells of every row (missing cells NaN) as one array the
     * table then reads as well, so that a formula's frame and the table hold the cells once: read
     * it, never write it. The first call moves every numeric column still in the table's row-major
     * array into an array of its own and lets the row-major array go (both are held while it does).
     */
    public double[] sharedColumn(String name) {
        if (column(name) instanceof CsvColumn.Numeric n && store.owned() && n.readsFrom(store.data())) {
            splitColumns();
        }
        return numericColumns(List.of(name)).get(0).ownArray();
    }

    /**
     * Moves every numeric column still in the row-major array into an array of its own, as
     * {@link #sharedColumn} does on its first call, in one pass over the cells that also notes each
     * column's first missing cell and first cell beyond ±{@link #MAX_MAGNITUDE}: afterwards
     * {@link #hasMissing}, {@link #knownFinite} and the magnitude check of {@link #numeric} and
     * {@link #sharedColumn} read those notes instead of scanning the cells again. Nothing happens
     * when the columns are already apart (or were never in a row-major array of the table's own).
     */
    public void splitColumns() {
        if (!store.owned()) {
            return;
        }
        double[] data = store.data();
        List<CsvColumn.Numeric> moved = new ArrayList<>();
        for (CsvColumn other : columns.values()) {
            if (other instanceof CsvColumn.Numeric n && n.readsFrom(data)) {
                moved.add(n);
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        store.release();
        int[] firstMissing = new int[moved.size()];
        int[] firstBeyond = new int[moved.size()];
        double[][] own = splitColumns(data, store.width(), rows(), moved, firstMissing, firstBeyond);
        for (int k = 0; k < own.length; k++) {
            columns.put(moved.get(k).name(), moved.get(k).scanned(own[k], firstMissing[k], firstBeyond[k]));
        }
    }

    /**
     * Whether numeric column {@code name} is known, from a pass already made ({@link #splitColumns}),
     * to hold only finite numbers: no missing cell, no infinity. False when not known.
     */
    public boolean knownFinite(String name) {
        return column(name) instanceof CsvColumn.Numeric n && n.knownFirstMissingRow() == -1 && n.firstInfiniteRow() < 0;
    }

    /** Rows per block of {@link #splitColumns}: a block of a 32-column table is 128 KB, within the second-level cache. */
    private static final int SPLIT_ROWS = 512;

    /**
     * The columns {@code cols} of the row-major {@code data} ({@code width} cells a row) as arrays
     * of their own, in one pass over the rows a block at a time (a column at a time would read the
     * whole array once for every column). Sets {@code firstMissing[k]} and {@code firstBeyond[k]}
     * to column k's first row that is missing (NaN), and beyond ±{@link #MAX_MAGNITUDE}; -1 for none.
     */
    static double[][] splitColumns(double[] data, int width, int n, List<CsvColumn.Numeric> cols, int[] firstMissing,
            int[] firstBeyond) {
        int d = cols.size();
        double[][] out = new double[d][n];
        java.util.Arrays.fill(firstMissing, -1);
        java.util.Arrays.fill(firstBeyond, -1);
        for (int from = 0; from < n; from += SPLIT_ROWS) {
            int end = Math.min(n, from + SPLIT_ROWS);
            for (int k = 0; k < d; k++) {
                double[] o = out[k];
                int at = from * width + cols.get(k).offset();
                for (int i = from; i < end; i++, at += width) {
                    double v = data[at];
                    o[i] = v;
                    if (!(Math.abs(v) <= MAX_MAGNITUDE)) { // NaN or too large: rare, noted once per column
                        if (Double.isNaN(v)) {
                            firstMissing[k] = firstMissing[k] < 0 ? i : firstMissing[k];
                        } else {
                            firstBeyond[k] = firstBeyond[k] < 0 ? i : firstBeyond[k];
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether any row has a missing cell in {@code names} (numeric or text columns): numeric
     * columns still in the row-major array are scanned together, in one pass over its rows.
     */
    public boolean hasMissing(Collection<String> names) {
        double[] data = store.data();
        List<Integer> offsets = new ArrayList<>();
        for (String name : names) {
            CsvColumn c = column(name);
            if (c instanceof CsvColumn.Numeric n && n.knownFirstMissingRow() != CsvColumn.Numeric.UNKNOWN) {
                if (n.knownFirstMissingRow() >= 0) {
                    return true;
                }
            } else if (c instanceof CsvColumn.Numeric n && n.readsFrom(data)) {
                offsets.add(n.offset());
            } else {
                for (int i = 0; i < c.size(); i++) {
                    if (c.isMissing(i)) {
                        return true;
                    }
                }
            }
        }
        int[] at = offsets.stream().mapToInt(Integer::intValue).toArray();
        int width = store.width();
        int n = at.length == 0 ? 0 : rows();
        for (int i = 0, row = 0; i < n; i++, row += width) {
            for (int j : at) {
                if (Double.isNaN(data[row + j])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One numeric, finite column's values at {@code rows} (missing cells NaN). */
    public double[] numeric(String name, int[] rows) {
        CsvColumn.Numeric c = numericColumns(List.of(name)).get(0);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = c.get(rows[i]);
        }
        return out;
    }

    /**
     * Checks that columns {@code names} are numeric; else a user error at the first cell that is
     * not a number, with the fix. {@code missingUse} follows the advice to mark a cell that looks
     * like a missing-value marker ({@code nan}, {@code N/A}, {@code null}, ...) as {@code NA}: what
     * the command then does with it (" (then --drop-missing drops its row)"), or empty.
     */
    public void requireNumeric(List<String> names, String missingUse) {
        requireNumeric(names, missingUse, LEAVE_OUT);
    }

    /** As {@link #requireNumeric(List, String)}, with {@code leaveOut} the last fix offered (how to do without the column). */
    public void requireNumeric(List<String> names, String missingUse, String leaveOut) {
        for (String name : names) {
            if (column(name) instanceof CsvColumn.Text t) {
                throw notANumber(t, missingUse, leaveOut);
            }
        }
    }

    private static final String LEAVE_OUT = "leave the column out (--columns)";

    private MlemUserException notANumber(CsvColumn.Text t, String missingUse) {
        return notANumber(t, missingUse, LEAVE_OUT);
    }

    private MlemUserException notANumber(CsvColumn.Text t, String missingUse, String leaveOut) {
        String cell = t.firstText();
        String what = "'" + t.firstTextShown() + "' in column '" + t.name() + "' is not a number"
                + (t.mostlyNumeric() ? " (" + t.numberCells() + " of its other cells are)" : "");
        String fix;
        if (CsvCells.looksMissing(cell)) {
            fix = "if it marks a missing value, write NA or leave the cell empty" + missingUse
                    + "; otherwise fix the cell, or " + leaveOut;
        } else if (CsvCells.hasThousandsSeparators(cell)) {
            fix = "write numbers without thousands separators (1234.5, not 1,234.5), or " + leaveOut;
        } else {
            fix = "fix the cell, mark it missing (empty or NA), or " + leaveOut;
        }
        return new MlemUserException(what + "; " + fix, source, lines[t.firstTextRow()], t.position());
    }

    /** A user error at the cell of {@code column} in row {@code row}. */
    public MlemUserException errorAt(String column, int row, String message) {
        return new MlemUserException(message, source, lines[row], column(column).position());
    }

    private List<CsvColumn.Numeric> numericColumns(List<String> names) {
        List<CsvColumn.Numeric> out = new ArrayList<>(names.size());
        for (String name : names) {
            CsvColumn c = column(name);
            if (c instanceof CsvColumn.Text t) {
                throw notANumber(t, "");
            }
            CsvColumn.Numeric num = (CsvColumn.Numeric) c;
            if (num.firstInfiniteRow() >= 0) {
                throw new MlemUserException("infinite value in column '" + name
                        + "'; models need finite numbers: fix the cell or mark it missing (empty or NA)",
                        source, lines[num.firstInfiniteRow()], num.position());
            }
            requireSquarable(num);
            out.add(num);
        }
        return out;
    }

    /**
     * Values beyond this magnitude are refused: their squares overflow a double, so variances,
     * distances and sums of squares of any model would be infinite.
     */
    public static final double MAX_MAGNITUDE = 1e154;

    private void requireSquarable(CsvColumn.Numeric c) {
        int known = c.knownFirstBeyondRow(); // the pass that split the columns looked: start at what it saw
        int from = known == CsvColumn.Numeric.UNKNOWN ? 0 : known < 0 ? c.size() : known;
        for (int i = from; i < c.size(); i++) {
            double v = c.get(i);
            if (Math.abs(v) > MAX_MAGNITUDE) {
                throw new MlemUserException("value " + v + " in column '" + c.name() + "' is beyond ±1e154, where "
                        + "squares overflow a double and every variance and distance would be infinite; rescale the column "
                        + "(divide it by a power of ten) or fix the cell", source, lines[i], c.position());
            }
        }
    }

    private static CsvColumn.Numeric firstMissing(List<CsvColumn.Numeric> cols, int i) {
        for (CsvColumn.Numeric c : cols) {
            if (Double.isNaN(c.get(i))) {
                return c;
            }
        }
        return null;
    }
}
