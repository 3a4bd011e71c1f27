package org.mlem.formula;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;

/**
 * An immutable table of named columns of equal length, each either numeric ({@code double[]}, NaN
 * is a missing cell) or text ({@code String[]}, null is a missing cell). Text columns enter a model
 * formula as factors. Column order is kept as given.
 */
public final class Frame {
    private final Map<String, Object> columns;
    private final int rows;
    private final java.util.Set<String> finite;

    private Frame(Map<String, Object> columns, int rows, java.util.Set<String> finite) {
        this.columns = columns;
        this.rows = rows;
        this.finite = finite;
    }

    /**
     * A frame from parallel lists: {@code names.get(i)} names {@code values.get(i)}, which is a
     * {@code double[]} (numeric) or a {@code String[]} (text). Arrays are copied.
     */
    public static Frame of(List<String> names, List<?> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(names.size() + " names but " + values.size() + " columns");
        }
        Builder b = builder();
        for (int i = 0; i < names.size(); i++) {
            Object v = values.get(i);
            if (v instanceof double[] d) {
                b.numeric(names.get(i), d);
            } else if (v instanceof String[] s) {
                b.text(names.get(i), s);
            } else {
                throw new IllegalArgumentException("column '" + names.get(i) + "' must be double[] or String[], got "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        return b.build();
    }

    /**
     * Reads a CSV file with a header row and comma delimiter ({@code .gz} read as gzip) into a
     * frame, as {@link #of(CsvTable)} does; the command line reads its formula models' files the
     * same way.
     *
     * @throws org.mlem.MlemUserException naming the file (and line and column) when it cannot be read
     */
    public static Frame readCsv(Path path) {
        return of(CsvReader.read(path.toString(), CsvFormat.DEFAULT));
    }

    /**
     * Every column of a CSV table, in order: a numeric column stays numeric (a missing cell,
     * empty, {@code NA} or {@code NaN}, is NaN), a text column becomes a text column, used as a
     * factor (a missing cell is null). Infinite cells are kept; the design builder refuses them
     * where a formula uses them.
     */
    public static Frame of(CsvTable table) {
        Builder b = builder();
        for (String name : table.names()) {
            CsvColumn c = table.column(name);
            if (c instanceof CsvColumn.Numeric n) {
                b.numeric(name, n.values());
            } else {
                b.text(name, ((CsvColumn.Text) c).values());
            }
        }
        return b.build();
    }

    /** A builder adding columns in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The column names, in order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** Whether a column of that name exists. */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** Whether the named column is numeric (false for text); throws when there is no such column. */
    public boolean isNumeric(String name) {
        return raw(name) instanceof double[];
    }

    /** A copy of a numeric column. */
    public double[] numeric(String name) {
        return numericView(name).clone();
    }

    /** A copy of a text column. */
    public String[] text(String name) {
        return textView(name).clone();
    }

    /**
     * Whether numeric column {@code name} was added as known to hold only finite numbers
     * ({@link Builder#finiteShared}): a design then skips its scans of it for missing and
     * non-finite cells.
     */
    boolean knownFinite(String name) {
        return finite.contains(name);
    }

    double[] numericView(String name) {
        if (raw(name) instanceof double[] d) {
            return d;
        }
        throw new IllegalArgumentException("column '" + name + "' is text, not numeric");
    }

    String[] textView(String name) {
        if (raw(name) instanceof String[] s) {
            return s;
        }
        throw new IllegalArgumentException("column '" + name + "' is numeric, not text");
    }

    private Object raw(String name) {
        Object c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns.keySet());
        }
        return c;
    }

    /** Adds columns in order; every column must have the same length. */
    public static final class Builder {
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final java.util.Set<String> finite = new java.util.HashSet<>();
        private int rows = -1;

        private Builder() {
        }

        /** Adds a numeric column (copied); NaN marks a missing cell. */
        public Builder numeric(String name, double... values) {
            return add(name, values.clone(), values.length);
        }

        /**
         * Adds a numeric column over {@code values} itself, not a copy, for a caller holding
         * millions of cells (a CSV table's column): neither the caller nor anyone else may write
         * the array afterwards, as the frame is immutable. NaN marks a missing cell.
         */
        public Builder numericShared(String name, double[] values) {
            return add(name, values, values.length);
        }

        /**
         * As {@link #numericShared}, for a column whose every value the caller has already checked
         * to be finite (no missing cell, no infinity), as a CSV table knows after splitting its
         * columns ({@link CsvTable#knownFinite}): the design does not scan it again.
         */
        public Builder finiteShared(String name, double[] values) {
            add(name, values, values.length);
            finite.add(name);
            return this;
        }

        /** Adds a text column (copied); null marks a missing cell. */
        public Builder text(String name, String... values) {
            return add(name, values.clone(), values.length);
        }

        /** Adds a text column from a list (copied). */
        public Builder text(String name, List<String> values) {
            return add(name, new ArrayList<>(values).toArray(new String[0]), values.size());
        }

        private Builder add(String name, Object values, int length) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a column needs a non-empty name");
            }
            if (columns.containsKey(name)) {
                throw new IllegalArgumentException("column '" + name + "' given twice");
            }
            if (rows >= 0 && length != rows) {
                throw new IllegalArgumentException("column '" + name + "' has " + length + " rows, others have " + rows);
            }
            rows = length;
            columns.put(name, values);
            return this;
        }

        /** The frame; a frame with no columns has zero rows. */
        public Frame build() {
            return new Frame(Collections.unmodifiableMap(new LinkedHashMap<>(columns)), Math.max(rows, 0),
                    java.util.Set.copyOf(finite));
        }
    }
}
