package org.mlem.data.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;

/** {@link CsvToNpy}'s options; the oracle is the table written by hand in each test (exact doubles). */
class CsvToNpyTest {

    @TempDir
    Path dir;

    private static final String TABLE = "name,a,b,c\nu,1,2,3\nv,4,,6\nw,7,8,NA\nx,10,11,12\n";

    @Test
    void picksColumnsInTheGivenOrderAndDropsRowsWithMissingCells() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, TABLE);
        Path npy = dir.resolve("t.npy");
        CsvToNpy.Result r = CsvToNpy.convert(csv, npy, new CsvToNpy.Options(true, ',', List.of("c", "a"), true));
        assertThat(r.columns()).containsExactly("c", "a");
        assertThat(r.dropped()).isEqualTo(1); // only row w has a missing cell among c, a
        assertThat(values(npy)).containsExactly(3, 1, 6, 4, 12, 10);
    }

    @Test
    void aMissingCellIsAnErrorWithItsPlaceWithoutDropMissing() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, TABLE);
        assertThatThrownBy(() -> CsvToNpy.convert(csv, dir.resolve("t.npy"),
                new CsvToNpy.Options(true, ',', List.of("a", "b"), false)))
                .isInstanceOf(MlemUserException.class)
                .satisfies(e -> {
                    assertThat(((MlemUserException) e).line()).isEqualTo(3);
                    assertThat(((MlemUserException) e).column()).isEqualTo(3);
                });
    }

    @Test
    void readsGzipWithoutHeaderAndSemicolons() throws IOException {
        Path gz = dir.resolve("t.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write("1.5;2\n-3;4e-3\n".getBytes(StandardCharsets.UTF_8));
        }
        Path npy = dir.resolve("t.npy");
        CsvToNpy.Result r = CsvToNpy.convert(gz, npy, new CsvToNpy.Options(false, ';', null, false));
        assertThat(r.columns()).containsExactly("x1", "x2");
        assertThat(values(npy)).containsExactly(1.5, 2, -3, 4e-3);
    }

    private static double[] values(Path npy) {
        try (NpyBlockSource src = NpyBlockSource.open(npy)) {
            return src.block(0).x();
        }
    }
}
