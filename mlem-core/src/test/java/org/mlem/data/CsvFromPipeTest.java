package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.npy.CsvToNpy;
import org.mlem.testkit.Pipes;

/**
 * A CSV file that is a named pipe (as {@code mlem fit gmm <(zcat data.csv.gz)} gives) reads to its
 * end, by the reader and by mlem convert; both failed part way ("Illegal seek") when their stream
 * asked the pipe for its size. Oracle: the rows written.
 */
class CsvFromPipeTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeIsReadToItsEnd(@TempDir Path dir) throws Exception {
        Path fifo = Pipes.mkfifo(dir.resolve("data.fifo"));
        int rows = 50_000; // several pipe buffers
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i * 0.25).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Pipes.writeInBackground(fifo, bytes);
        CsvTable t = CsvReader.read(fifo.toString(), new CsvFormat(true, ','));
        assertThat(t.rows()).isEqualTo(rows);
        assertThat(((CsvColumn.Numeric) t.column("b")).values()[rows - 1]).isEqualTo((rows - 1) * 0.25);

        Pipes.writeInBackground(fifo, bytes);
        CsvToNpy.Result converted = CsvToNpy.convert(fifo, dir.resolve("data.npy"), CsvToNpy.Options.DEFAULTS);
        assertThat(converted.rows()).isEqualTo(rows);
    }
}
