package org.mlem.data.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;

/** Cells {@link CsvToNpy} reads: oracle Double.parseDouble's bits; 'Inf' and text are errors at their line:column. */
class CsvToNpyCellsTest {

    @TempDir
    Path dir;

    @Test
    void numbersInEveryFormAreTheJdksBits() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b,c\n+1.5,.5,5.\n46.732159140771408,-2.5e-3,1E22\n9007199254740993,1e-400,0.1\n");
        Path npy = dir.resolve("t.npy");
        CsvToNpy.convert(csv, npy, CsvToNpy.Options.DEFAULTS);
        double[] expected = {1.5, .5, 5., 46.732159140771408, -2.5e-3, 1e22, 9007199254740993.0, 0, 0.1};
        try (NpyBlockSource src = NpyBlockSource.open(npy)) {
            assertThat(src.block(0).x()).containsExactly(expected);
        }
    }

    @Test
    void infinityIsAnErrorAtItsCell() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n3,Inf\n");
        assertThatThrownBy(() -> CsvToNpy.convert(csv, dir.resolve("t.npy"), CsvToNpy.Options.DEFAULTS))
                .isInstanceOf(MlemUserException.class)
                .satisfies(e -> {
                    assertThat(((MlemUserException) e).line()).isEqualTo(3);
                    assertThat(((MlemUserException) e).column()).isEqualTo(2);
                });
    }
}
