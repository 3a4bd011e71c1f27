package org.mlem.data;

/**
 * One column of a {@link CsvTable}, typed by its contents: numeric when every non-missing cell
 * parses as a number, text otherwise. Missing cells (empty, {@code NA}, {@code NaN}) are NaN in a
 * numeric column and null in a text column. A text column's array is shared with the table: read, never
 * write.
 */
public sealed interface CsvColumn {

    /** The column's name (from the header, or {@code xj}). */
    String name();

    /** 1-based position of the column in the file, for error messages. */
    int position();

    /** Number of cells. */
    int size();

    /** Whether the cell of row {@code i} is missing. */
    boolean isMissing(int i);

    /**
     * A column whose cells all parse as numbers: {@code Inf}, {@code -Inf} and {@code Infinity}
     * are kept as infinities (a model refuses them, naming {@link #firstInfiniteRow}).
     *
     * <p>Its cells are read from a row-major array shared with the other columns of the table
     * ({@link RowStore}), or, once a model has taken every row of the column into its matrix, from
     * that matrix ({@link CsvTable#matrix}), so that the table and the matrix do not both hold the
     * cells; either way at {@code offset + i * stride}.
     */
    final class Numeric implements CsvColumn {
        private final String name;
        private final int position;
        private final int size;
        private final int firstInfiniteRow;
        private final double[] cells;
        private final int offset;
        private final int stride;
        private final int firstMissingRow;
        private final int firstBeyondRow;

        Numeric(String name, int position, int size, int firstInfiniteRow, double[] cells, int offset, int stride) {
            this(name, position, size, firstInfiniteRow, cells, offset, stride, UNKNOWN, UNKNOWN);
        }

        private Numeric(String name, int position, int size, int firstInfiniteRow, double[] cells, int offset, int stride,
                int firstMissingRow, int firstBeyondRow) {
            this.name = name;
            this.position = position;
            this.size = size;
            this.firstInfiniteRow = firstInfiniteRow;
            this.cells = cells;
            this.offset = offset;
            this.stride = stride;
            this.firstMissingRow = firstMissingRow;
            this.firstBeyondRow = firstBeyondRow;
        }

        /** What {@link #knownFirstMissingRow} and {@link #knownFirstBeyondRow} say before any pass has looked. */
        static final int UNKNOWN = -2;

        /** This column read from column {@code offset} of the row-major {@code matrix} with {@code stride} columns. */
        Numeric readFrom(double[] matrix, int offset, int stride) {
            return new Numeric(name, position, size, firstInfiniteRow, matrix, offset, stride, firstMissingRow, firstBeyondRow);
        }

        /**
         * This column over {@code own} (exactly its cells), with what the pass that copied them saw:
         * the first missing row and the first row beyond {@link CsvTable#MAX_MAGNITUDE} (each -1 for none).
         */
        Numeric scanned(double[] own, int firstMissing, int firstBeyond) {
            return new Numeric(name, position, size, firstInfiniteRow, own, 0, 1, firstMissing, firstBeyond);
        }

        /** 0-based row of the first missing cell, -1 for none, {@link #UNKNOWN} when no pass has looked. */
        int knownFirstMissingRow() {
            return firstMissingRow;
        }

        /** 0-based row of the first cell beyond ±{@link CsvTable#MAX_MAGNITUDE}, -1 for none, {@link #UNKNOWN} when not looked. */
        int knownFirstBeyondRow() {
            return firstBeyondRow;
        }

        /** Whether this column's cells are in {@code array}. */
        boolean readsFrom(double[] array) {
            return cells == array;
        }

        /** The array of exactly this column's cells it reads from, or (when it shares one) a copy. */
        double[] ownArray() {
            return offset == 0 && stride == 1 && cells.length == size ? cells : values();
        }

        /** The column's index in the row-major array it reads from. */
        int offset() {
            return offset;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int position() {
            return position;
        }

        /** 0-based row of the first infinite cell, or -1. */
        public int firstInfiniteRow() {
            return firstInfiniteRow;
        }

        @Override
        public int size() {
            return size;
        }

        /** The cell of row {@code i} (NaN when missing). */
        public double get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row " + i + " of " + size);
            }
            return cells[offset + i * stride];
        }

        /** A new array of the column's cells (missing cells NaN); {@link #get} reads one without copying. */
        public double[] values() {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                out[i] = cells[offset + i * stride];
            }
            return out;
        }

        @Override
        public boolean isMissing(int i) {
            return Double.isNaN(get(i));
        }
    }

    /**
     * A column with at least one cell that is not a number; a formula may use it as a factor.
     * Cells before the first text cell are kept as the numbers' canonical text ({@code 1}, not
     * {@code 1.0}; {@code 0.5}).
     *
     * @param firstTextRow 0-based row of the first non-numeric cell
     * @param firstText that cell's text
     * @param numberCells how many of its cells are numbers (infinities included)
     * @param textCells how many of its cells are neither numbers nor missing
     */
    record Text(String name, int position, String[] values, int firstTextRow, String firstText, int numberCells,
            int textCells) implements CsvColumn {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int i) {
            return values[i] == null;
        }

        /**
         * {@link #firstText()} as a message shows it: control characters escaped ({@code \n},
         * {@code \u0000}), so that the message stays one line, and cut to 40 characters.
         */
        public String firstTextShown() {
            StringBuilder sb = new StringBuilder();
            firstText.codePoints().limit(40).forEach(c -> {
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (Character.isISOControl(c) || c == 0xFEFF) {
                            sb.append(String.format("\\u%04x", c));
                        } else {
                            sb.appendCodePoint(c);
                        }
                    }
                }
            });
            return firstText.codePointCount(0, firstText.length()) > 40 ? sb + "..." : sb.toString();
        }

        /**
         * Whether this is a numeric column spoilt by a few cells: more of its non-missing cells are
         * numbers than are text. Such a column is never left out quietly; a column at least half
         * text (an id, a species name) is a text column.
         */
        public boolean mostlyNumeric() {
            return numberCells > textCells;
        }
    }
}
