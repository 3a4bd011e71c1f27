package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;

/** The CSV reader against hand-written files whose contents are known exactly (oracle: the text itself). */
class CsvReaderTest {
    @TempDir
    Path dir;

    private static CsvTable parse(String text) {
        return parse(text, CsvFormat.DEFAULT);
    }

    private static CsvTable parse(String text, CsvFormat format) {
        return CsvReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", format);
    }

    @Test
    void typesColumnsByContentAndKeepsMissingCells() {
        CsvTable t = parse("a,b,c\n1,x,2.5\nNA,y,\n3,NA,NaN\n");
        assertThat(t.names()).containsExactly("a", "b", "c");
        assertThat(t.numericNames()).containsExactly("a", "c");
        CsvColumn.Numeric a = (CsvColumn.Numeric) t.column("a");
        assertThat(a.values()[0]).isEqualTo(1.0);
        assertThat(a.isMissing(1)).isTrue();
        assertThat(a.values()[2]).isEqualTo(3.0);
        CsvColumn.Text b = (CsvColumn.Text) t.column("b");
        assertThat(b.values()).containsExactly("x", "y", null);
        assertThat(((CsvColumn.Numeric) t.column("c")).isMissing(2)).isTrue();
    }

    @Test
    void aColumnTurningToTextKeepsEarlierNumbersAsTextAndNamesTheFirstTextCell() {
        CsvTable t = parse("g\n1\n2.5\nlow\n4\n");
        CsvColumn.Text g = (CsvColumn.Text) t.column("g");
        assertThat(g.values()).containsExactly("1", "2.5", "low", "4");
        assertThat(g.firstTextRow()).isEqualTo(2);
        assertThatThrownBy(() -> t.matrix(List.of("g"), t.allRows().rows()))
                .isInstanceOf(MlemUserException.class)
                .satisfies(e -> assertThat(((MlemUserException) e).place()).isEqualTo("t.csv:4:1"))
                .hasMessageContaining("'low'");
    }

    @Test
    void infinityIsReadButRefusedByAModelAtItsCell() {
        CsvTable t = parse("x,y\n1,2\n3,-Inf\n");
        assertThat(((CsvColumn.Numeric) t.column("y")).values()[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> t.completeRows(List.of("x", "y"), false))
                .satisfies(e -> assertThat(((MlemUserException) e).oneLine()).startsWith("t.csv:3:2: infinite value"));
    }

    @Test
    void missingCellsAreAnErrorAtTheirPlaceOrDroppedOnRequest() {
        CsvTable t = parse("x,y\n1,2\n\"3\",\n5,6\n,NA\n");
        assertThatThrownBy(() -> t.completeRows(List.of("x", "y"), false))
                .satisfies(e -> assertThat(((MlemUserException) e).place()).isEqualTo("t.csv:3:2"))
                .hasMessageContaining("--drop-missing");
        CsvTable.RowSelection kept = t.completeRows(List.of("x", "y"), true);
        assertThat(kept.rows()).containsExactly(0, 2);
        assertThat(kept.dropped()).isEqualTo(2);
        DataMatrix m = t.matrix(List.of("y", "x"), kept.rows());
        assertThat(m.values()).containsExactly(2, 1, 6, 5);
        assertThat(m.columns()).containsExactly("y", "x");
    }

    @Test
    void raggedRowIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> parse("a,b\n1,2\n\n3,4,5\n"))
                .satisfies(e -> assertThat(((MlemUserException) e).place()).isEqualTo("t.csv:4"))
                .hasMessageContaining("3 fields but the header has 2");
    }

    @Test
    void lineNumbersCountQuotedLineBreaksAndBlankLines() {
        CsvTable t = parse("name,v\n\"two\nlines\",1\n\nz,2\n");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.line(0)).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(5);
    }

    @Test
    void noHeaderNamesColumnsX1ToXd() {
        CsvTable t = parse("1;2\n3;4\n", new CsvFormat(false, ';'));
        assertThat(t.names()).containsExactly("x1", "x2");
        assertThat(t.rows()).isEqualTo(2);
    }

    @Test
    void emptyFileAndHeaderWithoutRowsAreErrors() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("a,b\n")).hasMessageContaining("no data rows");
    }

    @Test
    void duplicateHeaderNamesAreAnError() {
        assertThatThrownBy(() -> parse("a,b,a\n1,2,3\n")).hasMessageContaining("'a' appears twice");
    }

    @Test
    void gzipFileReadsTheSameAsPlainTextAndAMissingFileIsAUserError() throws IOException {
        String text = "x,y\n1.5,2\n-3e2,4\n";
        Path plain = dir.resolve("d.csv");
        Files.writeString(plain, text);
        Path gz = dir.resolve("d.csv.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, bytes.toByteArray());
        CsvTable a = CsvReader.read(plain.toString(), CsvFormat.DEFAULT);
        CsvTable b = CsvReader.read(gz.toString(), CsvFormat.DEFAULT);
        assertThat(b.matrix(b.names(), b.allRows().rows()).values())
                .containsExactly(a.matrix(a.names(), a.allRows().rows()).values());
        assertThat(b.matrix(b.names(), b.allRows().rows()).values()).containsExactly(1.5, 2, -300, 4);
        assertThatThrownBy(() -> CsvReader.read(dir.resolve("nope.csv").toString(), CsvFormat.DEFAULT))
                .hasMessageContaining("no such file");
    }

    @Test
    void dashReadsTheGivenStandardInput() {
        InputStream stdin = new ByteArrayInputStream("v\n7\n".getBytes(StandardCharsets.UTF_8));
        CsvTable t = CsvReader.read("-", CsvFormat.DEFAULT, stdin);
        assertThat(t.source()).isEqualTo("<stdin>");
        assertThat(((CsvColumn.Numeric) t.column("v")).values()).containsExactly(7.0);
    }

    @Test
    void unknownColumnListsTheAvailableOnes() {
        CsvTable t = parse("a,b\n1,2\n");
        assertThatThrownBy(() -> t.resolve(List.of("a", "zz"), List.of()))
                .hasMessageContaining("no column 'zz'; the columns are a, b");
        assertThat(t.resolve(null, List.of("b"))).containsExactly("a");
    }
}
