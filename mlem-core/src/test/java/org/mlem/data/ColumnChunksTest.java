package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table of some 16,500 rows (more than one piece of the parallel reader when the rows are long
 * enough, and more than a growing array's first sizes) reads back cell for cell (oracle: the values
 * written), a column that turns to text far down keeps the numbers before it as their canonical
 * text, and the matrix of the table is the columns row by row, whether made in place or copied.
 */
class ColumnChunksTest {
    private static final int ROWS = 2 * 8192 + 123;
    private static final int TEXT_FROM = 8192 + 7;

    @Test
    void cellsReadBackAcrossChunkBoundaries() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i * 0.5).append(',').append(i == TEXT_FROM ? "oops" : Integer.toString(i)).append('\n');
        }
        CsvTable t = CsvReader.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "t.csv",
                new CsvFormat(true, ','));
        assertThat(t.rows()).isEqualTo(ROWS);
        double[] a = ((CsvColumn.Numeric) t.column("a")).values();
        assertThat(a).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(a[i]).isEqualTo(i * 0.5);
        }
        CsvColumn.Text b = (CsvColumn.Text) t.column("b");
        assertThat(b.firstTextRow()).isEqualTo(TEXT_FROM);
        assertThat(b.values()[TEXT_FROM - 1]).isEqualTo(Integer.toString(TEXT_FROM - 1));
        assertThat(b.values()[TEXT_FROM]).isEqualTo("oops");
        assertThat(b.values()[ROWS - 1]).isEqualTo(Integer.toString(ROWS - 1));

        DataMatrix m = t.matrix(List.of("a"), t.allRows().rows());
        assertThat(m.rows()).isEqualTo(ROWS);
        assertThat(m.get(ROWS - 1, 0)).isEqualTo((ROWS - 1) * 0.5);
    }
    /**
     * Once a matrix of every row holds a column, the table reads the column from it (its chunks
     * let go) and still gives every cell, missing ones as NaN; a matrix of some rows leaves the
     * columns as they were. Oracle: the values written.
     */
    @Test
    void aMatrixOfEveryRowTakesOverItsColumnsCells() {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i * 0.5).append(',').append(i % 5 == 0 ? "" : Integer.toString(-i)).append(',').append(i).append('\n');
        }
        CsvTable t = CsvReader.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "t.csv",
                new CsvFormat(true, ','));
        DataMatrix some = t.matrix(List.of("a", "b"), new int[] {1, 2, ROWS - 1});
        assertThat(some.get(2, 1)).isEqualTo(-(ROWS - 1.0));
        DataMatrix m = t.matrix(List.of("b", "a"), t.allRows().rows());
        assertThat(m.get(ROWS - 1, 0)).isEqualTo(-(ROWS - 1.0));
        CsvColumn.Numeric a = (CsvColumn.Numeric) t.column("a");
        CsvColumn.Numeric b = (CsvColumn.Numeric) t.column("b");
        CsvColumn.Numeric c = (CsvColumn.Numeric) t.column("c");
        double[] av = a.values();
        for (int i = 0; i < ROWS; i++) {
            assertThat(a.get(i)).isEqualTo(i * 0.5);
            assertThat(av[i]).isEqualTo(i * 0.5);
            assertThat(b.isMissing(i)).isEqualTo(i % 5 == 0);
            assertThat(c.get(i)).isEqualTo(i);
        }
        assertThat(b.size()).isEqualTo(ROWS);
        assertThat(t.completeRows(List.of("b"), true).dropped()).isEqualTo((ROWS + 4) / 5);
        assertThat(t.matrix(List.of("a", "b"), t.allRows().rows()).get(7, 1)).isEqualTo(-7.0);
    }
    /**
     * A shared column is one array the table reads too: the same array on every call, every other
     * numeric column still read back cell for cell after the table's row-major array is let go, and a
     * matrix after it a copy with the same cells. Oracle: the values written.
     */
    @Test
    void aSharedColumnIsTheTablesOwnCells() {
        StringBuilder csv = new StringBuilder("a,name,b\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i * 0.5).append(",n").append(i % 3).append(',').append(i % 5 == 0 ? "NA" : Integer.toString(-i)).append('\n');
        }
        CsvTable t = CsvReader.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "t.csv",
                new CsvFormat(true, ','));
        double[] a = t.sharedColumn("a");
        assertThat(t.sharedColumn("a")).isSameAs(a);
        assertThat(a).hasSize(ROWS);
        CsvColumn.Numeric b = (CsvColumn.Numeric) t.column("b");
        for (int i = 0; i < ROWS; i++) {
            assertThat(a[i]).isEqualTo(i * 0.5);
            assertThat(((CsvColumn.Numeric) t.column("a")).get(i)).isEqualTo(i * 0.5);
            assertThat(b.isMissing(i)).isEqualTo(i % 5 == 0);
        }
        assertThat(t.sharedColumn("b")[ROWS - 1]).isEqualTo((ROWS - 1) % 5 == 0 ? Double.NaN : -(ROWS - 1.0));
        DataMatrix m = t.matrix(List.of("b", "a"), t.allRows().rows());
        assertThat(m.get(7, 0)).isEqualTo(-7.0);
        assertThat(m.get(7, 1)).isEqualTo(3.5);
        assertThat(a[7]).isEqualTo(3.5);
    }
    /**
     * {@code sharedColumn} splits every numeric column out of the row-major array in blocks of
     * rows and gives each column's cells in order, missing ones NaN; {@code hasMissing} (one pass
     * over the rows) agrees with asking every cell. Oracle: the values written and {@code isMissing}
     * cell by cell; rows not a multiple of the block.
     */
    @Test
    void sharedColumnsAndTheMissingScanAgreeWithTheCells() {
        StringBuilder csv = new StringBuilder("a,b,t,c\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i * 0.5).append(',').append(i == ROWS - 2 ? "NA" : Integer.toString(-i)).append(',')
                    .append(i % 2 == 0 ? "x" : "y").append(',').append(i + 0.25).append('\n');
        }
        CsvTable t = CsvReader.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "t.csv",
                new CsvFormat(true, ','));
        for (List<String> cols : List.of(List.of("a"), List.of("a", "c"), List.of("c", "t", "a"), List.of("b"),
                List.of("a", "b", "c"))) {
            boolean any = false;
            for (String c : cols) {
                for (int i = 0; i < ROWS; i++) {
                    any |= t.column(c).isMissing(i);
                }
            }
            assertThat(t.hasMissing(cols)).as(cols.toString()).isEqualTo(any);
        }
        assertThat(t.hasMissing(List.of("a", "c"))).isFalse();
        assertThat(t.hasMissing(List.of("a", "b"))).isTrue();

        double[] c = t.sharedColumn("c");
        double[] b = ((CsvColumn.Numeric) t.column("b")).values();
        double[] a = ((CsvColumn.Numeric) t.column("a")).values();
        for (int i = 0; i < ROWS; i++) {
            assertThat(c[i]).isEqualTo(i + 0.25);
            assertThat(a[i]).isEqualTo(i * 0.5);
            if (i == ROWS - 2) {
                assertThat(b[i]).isNaN();
            } else {
                assertThat(b[i]).isEqualTo(-i);
            }
        }
        assertThat(t.sharedColumn("c")).isSameAs(c);
        assertThat(t.hasMissing(List.of("b"))).isTrue();
        assertThat(t.hasMissing(List.of("a", "c", "t"))).isFalse();
    }

    /**
     * {@code splitColumns} notes each column's first missing and first too-large cell in the pass
     * that copies it; what the table then says from the notes equals what it says scanning the
     * cells of an unsplit copy of the same file (the oracle): {@code hasMissing}, and the error
     * (message and place) for a value beyond ±1e154 when the column is read. {@code knownFinite}
     * is false until a pass has looked, then true exactly for the columns with no missing cell.
     */
    @Test
    void theSplitPassNotesWhatTheScansFind() {
        StringBuilder csv = new StringBuilder("a,b,big\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i).append(',').append(i == 700 || i == ROWS - 1 ? "" : Integer.toString(i % 7)).append(',')
                    .append(i == 900 ? "3e200" : i == 1200 ? "-5e160" : Double.toString(i * 1e150)).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        CsvTable scanned = CsvReader.read(new ByteArrayInputStream(bytes), "t.csv", new CsvFormat(true, ','));
        CsvTable split = CsvReader.read(new ByteArrayInputStream(bytes), "t.csv", new CsvFormat(true, ','));
        assertThat(split.knownFinite("a")).isFalse();
        split.splitColumns();
        assertThat(split.knownFinite("a")).isTrue();
        assertThat(split.knownFinite("b")).isFalse();
        for (List<String> cols : List.of(List.of("a"), List.of("b"), List.of("a", "b"), List.of("big", "a"))) {
            assertThat(split.hasMissing(cols)).as(cols.toString()).isEqualTo(scanned.hasMissing(cols));
        }
        int[] every = java.util.stream.IntStream.range(0, ROWS).toArray();
        String expected = oneLine(() -> scanned.numeric("big", every));
        assertThat(expected).startsWith("t.csv:902:3: value 3.0E200 in column 'big' is beyond ±1e154");
        assertThat(oneLine(() -> split.sharedColumn("big"))).isEqualTo(expected);
        assertThat(oneLine(() -> split.numeric("big", every))).isEqualTo(expected);
        assertThat(split.sharedColumn("a")[ROWS - 1]).isEqualTo(ROWS - 1.0);
    }

    /** The one line (place and message) of the user error {@code call} throws. */
    private static String oneLine(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(e).isInstanceOf(org.mlem.MlemUserException.class);
        return ((org.mlem.MlemUserException) e).oneLine();
    }
}
