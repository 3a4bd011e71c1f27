package org.mlem.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;

/**
 * Collects a CSV file's records into a {@link CsvTable}: the first record names the columns (or,
 * without a header, is the first row), every later record must have as many fields. Records come
 * one at a time as text ({@link #addRecord}, the plain reader) or a chunk of rows at a time already
 * parsed ({@link #addChunk}, the parallel reader); both give the same table.
 *
 * <p>Numbers go straight into the table's {@link RowStore}; a column turns to text at its first
 * cell that is not a number (kept with the numbers before it as their canonical text, the cells
 * from it on as written), counting its number and text cells (a column numeric but for a few
 * cells is a data error at the first of them, not a text column).
 */
final class TableBuilder {
    private final String source;
    private final boolean header;
    private final long expectedBytes;
    private List<String> names;
    private Column[] columns;
    private RowStore store;
    private int[] lines = new int[1024];
    private int rows;

    /**
     * @param expectedBytes the input's size in bytes, to size the store from the first rows; 0 or
     *     less when unknown
     */
    TableBuilder(String source, boolean header, long expectedBytes) {
        this.source = source;
        this.header = header;
        this.expectedBytes = expectedBytes;
    }

    /** Whether the first record has been seen. */
    boolean started() {
        return names != null;
    }

    /** The number of fields every record has; -1 before the first. */
    int width() {
        return names == null ? -1 : names.size();
    }

    /** Adds one record, the first of which is the header (or, without one, the first row). */
    void addRecord(List<String> fields, int line) {
        if (names == null) {
            start(fields, line);
            if (header) {
                return;
            }
        }
        requireWidth(fields.size(), line);
        ensureRows(rows + 1, 0);
        for (int j = 0; j < columns.length; j++) {
            columns[j].add(rows, fields.get(j));
        }
        addLine(line);
    }

    /**
     * Adds a chunk of rows parsed in parallel, in file order; {@code firstLine} is the line its
     * first byte is on and {@code bytesRead} how many of the input's bytes were read up to its end.
     */
    void addChunk(ParsedChunk c, int firstLine, long bytesRead) {
        if (c.badFields() >= 0) {
            requireWidth(c.badFields(), firstLine + c.badLine());
        }
        if (c.rows() == 0) {
            return;
        }
        long expectedRows = expectedBytes > 0 && bytesRead > 0 ? (long) ((double) (rows + c.rows()) * expectedBytes / bytesRead) : 0;
        ensureRows(rows + c.rows(), expectedRows);
        store.put(rows, c.values(), c.rows());
        for (int j = 0; j < columns.length; j++) {
            columns[j].addChunk(rows, c, j);
        }
        for (int i = 0; i < c.rows(); i++) {
            addLine(firstLine + c.line(i));
        }
    }

    /** The table; an empty file or one with a header but no rows is a user error. */
    CsvTable build() {
        if (names == null) {
            throw new MlemUserException("the file is empty; a CSV file needs " + (header ? "a header row and " : "")
                    + "at least one data row", source, -1, -1);
        }
        if (rows == 0) {
            throw new MlemUserException("the file has a header but no data rows; add rows (or use --no-header if the first row is data)",
                    source, -1, -1);
        }
        store.trim(rows);
        List<CsvColumn> built = new ArrayList<>(columns.length);
        for (Column c : columns) {
            built.add(c.build(rows));
        }
        return new CsvTable(source, built, Arrays.copyOf(lines, rows), store);
    }

    private void start(List<String> fields, int line) {
        names = header ? headerNames(fields, line) : DataMatrix.defaultNames(fields.size());
        store = new RowStore(names.size());
        columns = new Column[names.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = new Column(names.get(j), j);
        }
    }

    private void requireWidth(int fields, int line) {
        if (fields != names.size()) {
            throw new MlemUserException("this row has " + fields + " fields but " + (header ? "the header has " : "the first row has ")
                    + names.size() + "; every row needs one field per column (check the delimiter and quotes)", source, line, -1);
        }
    }

    private void ensureRows(int n, long expectedRows) {
        store.ensure(n, expectedRows, source);
    }

    private void addLine(int line) {
        if (rows == lines.length) {
            lines = Arrays.copyOf(lines, rows + (rows >> 1));
        }
        lines[rows++] = line;
    }

    private List<String> headerNames(List<String> header, int line) {
        List<String> out = new ArrayList<>(header.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j).strip();
            if (name.isEmpty()) {
                name = "x" + (j + 1);
            }
            Integer before = seen.put(name, j + 1);
            if (before != null) {
                throw new MlemUserException("column name '" + name + "' appears twice in the header (columns " + before
                        + " and " + (j + 1) + "); rename one", source, line, j + 1);
            }
            out.add(name);
        }
        return out;
    }

    /** One column's type and counts while the file is read; its numbers are in the store. */
    private final class Column {
        private final String name;
        private final int index;
        private String[] texts;
        private int firstInfiniteRow = -1;
        private int firstTextRow = -1;
        private String firstText;
        private int numberCells;
        private int textCells;

        Column(String name, int index) {
            this.name = name;
            this.index = index;
        }

        /** The plain reader's cell of row {@code row}. */
        void add(int row, String cell) {
            double v = texts == null ? CsvCells.parse(cell) : CsvCells.parseInTextColumn(cell);
            boolean text = CsvCells.isTextMark(v);
            if (text) {
                textCells++;
            } else if (!Double.isNaN(v)) {
                numberCells++;
            }
            if (texts != null) {
                growTexts(row + 1);
                texts[row] = Double.isNaN(v) && !text ? null : cell.strip();
                return;
            }
            if (text) {
                switchToText(row, cell.strip());
                texts[row] = firstText;
                return;
            }
            if (Double.isInfinite(v) && firstInfiniteRow < 0) {
                firstInfiniteRow = row;
            }
            store.set(row, index, v);
        }

        /** The rows of chunk {@code c} from table row {@code base} on, already in the store. */
        void addChunk(int base, ParsedChunk c, int j) {
            numberCells += c.numberCells(j);
            textCells += c.textCells(j);
            int r = c.firstTextRow(j);
            if (texts == null) {
                int inf = c.firstInfiniteRow(j);
                if (firstInfiniteRow < 0 && inf >= 0 && (r < 0 || inf < r)) {
                    firstInfiniteRow = base + inf;
                }
                if (r < 0) {
                    return;
                }
                switchToText(base + r, c.firstText(j));
            } else {
                growTexts(base + c.rows());
                String[] before = c.texts(j, 0, r < 0 ? c.rows() : r);
                System.arraycopy(before, 0, texts, base, before.length);
            }
            if (r >= 0) {
                growTexts(base + c.rows());
                System.arraycopy(c.textsFromFirst(j), 0, texts, base + r, c.rows() - r);
            }
        }

        private void switchToText(int row, String cell) {
            texts = new String[Math.max(16, row + 1 + (row >> 1))];
            for (int i = 0; i < row; i++) {
                texts[i] = CsvCells.format(store.get(i, index));
            }
            firstTextRow = row;
            firstText = cell;
        }

        private void growTexts(int n) {
            if (n > texts.length) {
                texts = Arrays.copyOf(texts, Math.max(n, texts.length + (texts.length >> 1)));
            }
        }

        CsvColumn build(int size) {
            if (texts != null) {
                return new CsvColumn.Text(name, index + 1, Arrays.copyOf(texts, size), firstTextRow, firstText, numberCells, textCells);
            }
            return new CsvColumn.Numeric(name, index + 1, size, firstInfiniteRow, store.data(), index, store.width());
        }
    }
}
