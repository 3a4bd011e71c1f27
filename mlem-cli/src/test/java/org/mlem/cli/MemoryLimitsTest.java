package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory is a user's problem with one line of advice, exit status 2: each case runs
 * {@code mlem} in a child JVM with a small heap ({@link SmallHeap}).
 */
class MemoryLimitsTest {

    /** A 2 GB file (sparse: its first lines, then zeros never read) is refused before it is read. */
    @Test
    void aFileTooLargeForTheHeapIsRefusedUpFront(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("huge.csv");
        StringBuilder head = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 1000; i++) {
            head.append(i % 7).append(".25,").append(i % 5).append(".5,").append(i % 3).append(".75\n");
        }
        Files.writeString(csv, head);
        try (RandomAccessFile f = new RandomAccessFile(csv.toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        SmallHeap.Run r = SmallHeap.run("64m", dir, "fit", "gmm", "--k", "2", csv.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: " + csv + ": too large for memory: Java may use at most ")
                .contains("x 3 columns").contains("MLEM_JAVA_OPTS=-Xmx").contains("mlem convert " + csv + " DATA.npy");
    }

    /** A file that passes the up-front check but whose matrix does not fit: the OutOfMemoryError becomes one line. */
    @Test
    void runningOutOfMemoryIsOneLineWithExitStatusTwo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("tight.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("a,b,c\n");
            for (int i = 0; i < 600_000; i++) {
                w.write(i % 7 + ".5," + i % 5 + ".25," + i % 3 + "\n");
            }
        }
        SmallHeap.Run r = SmallHeap.run("16m", dir, "fit", "gmm", "--k", "2", csv.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: out of memory: Java may use at most ").contains(csv.toString())
                .contains("MLEM_JAVA_OPTS=-Xmx").contains("mlem convert");
    }

    /**
     * A CSV fit holds its cells once: 1e6 rows x 10 columns (80 MB as doubles) fit in a 225 MB
     * heap. Before the table read its modelled columns from the matrix, the columns and the matrix
     * held them twice (160 MB) and this failed below 275m (measured: 250m out of memory; now 200m
     * fits).
     */
    @Test
    void aCsvFitHoldsItsCellsOnce(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("wide.csv");
        long state = 12345;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("x1,x2,x3,x4,x5,x6,x7,x8,x9,x10\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 1_000_000; i++) {
                line.setLength(0);
                for (int j = 0; j < 10; j++) {
                    state = state * 6364136223846793005L + 1442695040888963407L;
                    line.append(j == 0 ? "" : ",").append((state >>> 40) % 1000 / 100.0);
                }
                w.write(line.append('\n').toString());
            }
        }
        SmallHeap.Run r = SmallHeap.run("225m", dir, "fit", "gmm", "--k", "1", "--max-iter", "1", csv.toString());
        assertThat(r.status()).as(r.err()).isZero();
    }

    /** sample draws a Gaussian mixture's rows one at a time: 3e6 rows x 2 (48 MB as doubles) with a 24 MB heap. */
    @Test
    void sampleStreamsRowsBeyondTheHeap(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"model\":\"gmm\",\"k\":2,\"covariance\":\"spherical\",\"weights\":[0.5,0.5],"
                + "\"means\":[[0,0],[5,5]],\"covariances\":[1,2]}");
        SmallHeap.Run r = SmallHeap.run("24m", dir, "sample", model.toString(), "--n", "3000000", "--seed", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }

    /** Plain EM's trace grows with the iterations run, not --max-iter (it was allocated at 8 bytes an allowed iteration: 16 GB here). */
    @Test
    void aLargeMaxIterAllocatesNothingUpFront(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "x\n0.1\n0.3\n0.2\n5.1\n5.3\n5.2\n0.0\n5.0\n");
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--acceleration", "none", "--max-iter", "2000000000", "--json", csv.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Cli.json(r).get("converged").asBoolean()).isTrue();
    }

    /** A t mixture's rows are still drawn into memory: more than one array holds is refused up front (n x d overflowed an int). */
    @Test
    void sampleRefusesMoreRowsThanMemoryHolds(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("two.csv");
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i % 2 * 6 + i % 7 * 0.1).append(',').append(i % 5 * 0.3).append('\n');
        }
        Files.writeString(csv, rows);
        Path model = dir.resolve("t.json");
        Cli.Run fit = Cli.run("fit", "tmix", "--k", "2", "--out", model.toString(), csv.toString());
        assertThat(fit.status()).as(fit.err()).isZero();
        Cli.Run r = Cli.run("sample", model.toString(), "--n", "2000000000");
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("2000000000 rows x 2 columns is more values than one in-memory matrix holds")
                .contains("draw fewer rows (--n)");
    }
}
