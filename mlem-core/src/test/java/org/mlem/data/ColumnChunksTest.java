package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Columns are collected in chunks of {@link ColumnBuilder#CHUNK} cells: a file longer than two
 * chunks reads back cell for cell (oracle: the values written), a column that turns to text after
 * the first chunk keeps the numbers before it as their canonical text, and the matrix of the
 * table is the columns row by row.
 */
class ColumnChunksTest {
    private static final int ROWS = 2 * ColumnBuilder.CHUNK + 123;
    private static final int TEXT_FROM = ColumnBuilder.CHUNK + 7;

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
}
