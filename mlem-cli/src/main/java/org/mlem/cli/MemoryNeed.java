package org.mlem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.mlem.MlemUserException;

/**
 * The memory a command needs for its data, and the one line said when it is not there.
 *
 * <p>A CSV file is read into one row-major array of doubles (8 bytes a cell), sized from the
 * file's length, beside a bounded working set (the pieces being parsed); a model's matrix of every
 * row is then made in that array, in place, so the cells are held once. The fit's own arrays come
 * beside them (the k-means start's and a mixture's per-row responsibilities, n × k doubles).
 * Measured: a fit of 2e6 rows x 10 columns (160 MB as doubles; fit gmm --k 3) runs in
 * {@code -Xmx300m} and not in 250m (docs/benchmarks.md, "Whole job from CSV", 2026-12-06; 400m
 * before the cells were parsed into one array, 550m before the columns stopped being copied twice),
 * so {@link #BYTES_PER_CELL} = 12 a cell, plus {@link #BASE} for the program. The cells of a file
 * are estimated from its size and its first {@link #SAMPLE} bytes (rows from the mean length of the
 * lines there, columns from its first line). A file whose columns alone cannot fit in the heap is
 * refused before it is read ({@link #check}); any other {@link OutOfMemoryError} ends as
 * {@link #outOfMemory}. Gzipped input
 * and standard input have no size to go by.
 */
final class MemoryNeed {
    static final long BYTES_PER_CELL = 12;
    static final long BASE = 64L << 20;
    private static final int SAMPLE = 1 << 16;

    /** A file's estimated shape: its bytes, rows and fields. */
    record Estimate(String file, long bytes, long rows, int columns) {
        long cells() {
            return rows * columns;
        }

        /** Heap bytes to read the file and fit all its columns. */
        long need() {
            return BASE + BYTES_PER_CELL * cells();
        }
    }

    /** The last input estimated in this run, for the out-of-memory message; null when none. */
    static volatile Estimate last;

    private MemoryNeed() {}

    /** Forgets the last input (a new run starts). */
    static void reset() {
        last = null;
    }

    /**
     * Head-room for the out-of-memory line: a quarter megabyte held while a command runs and let go
     * when an {@link OutOfMemoryError} reaches {@link Main}, so that building and printing the line
     * (class loading, string concatenation, the encoder's buffers) does not itself run out while
     * other threads of the command (the CSV reader's) still hold the heap. Seen under load at -Xmx16m:
     * the error escaped to the uncaught-exception handler and the run ended with status 1.
     */
    private static volatile byte[] headRoom;

    /** The last-resort line, a constant, when even {@link #outOfMemoryPlain} cannot be built. */
    static final String OUT_OF_MEMORY_LAST_RESORT = "mlem: out of memory; give Java more with MLEM_JAVA_OPTS=-Xmx8g (say), "
            + "or ask for less (fewer rows, columns or components; for fit gmm, predict and score, mlem convert the "
            + "file once to .npy and give that, which is read in blocks)";

    static void reserve() {
        headRoom = new byte[256 << 10];
    }

    static void release() {
        headRoom = null;
    }

    /**
     * Estimates {@code file} (nothing for {@code -} or a gzipped file) and refuses it, before
     * reading, when its columns alone would exceed the heap.
     */
    static void check(String file, char delimiter) {
        Estimate e = estimate(file, delimiter);
        last = e;
        if (e != null && 8 * e.cells() > Runtime.getRuntime().maxMemory()) {
            throw new MlemUserException(tooLittle("too large for memory", e), file, -1, -1);
        }
    }

    /** The one line for an {@link OutOfMemoryError}: the heap, the input's need when known, and what to do. */
    static String outOfMemory() {
        Estimate e = last;
        if (e == null) {
            return "out of memory: Java may use at most " + size(Runtime.getRuntime().maxMemory())
                    + "; give it more with MLEM_JAVA_OPTS=-Xmx8g (say), or ask for less (fewer rows, columns or components)";
        }
        return tooLittle("out of memory", e);
    }

    /**
     * {@link #outOfMemory}'s line built by concatenation alone, for when formatting it fails: under a
     * tiny heap the first {@code String.format} loads the locale data and can itself run out
     * (a {@code ServiceConfigurationError} for the CLDR provider, seen at -Xmx16m).
     */
    static String outOfMemoryPlain() {
        Estimate e = last;
        String heap = "out of memory: Java may use at most " + (Runtime.getRuntime().maxMemory() >> 20) + " MB";
        if (e == null) {
            return heap + "; give it more with MLEM_JAVA_OPTS=-Xmx8g (say), or ask for less (fewer rows, columns or components)";
        }
        return heap + ", reading " + e.file() + " (about " + e.rows() + " rows x " + e.columns() + " columns); run with "
                + "MLEM_JAVA_OPTS=-Xmx8g (say), or (fit gmm, predict, score) convert it once (mlem convert " + e.file()
                + " DATA.npy) and give DATA.npy, which is read in blocks";
    }

    private static String tooLittle(String problem, Estimate e) {
        long max = Runtime.getRuntime().maxMemory();
        long need = e.need();
        return String.format(Locale.ROOT, "%s: Java may use at most %s, and reading %s (%s, about %,d rows x %d columns) "
                + "into memory and fitting it needs about %s; run with MLEM_JAVA_OPTS=-Xmx%dg, or (fit gmm, predict, score) "
                + "convert it once (mlem convert %s DATA.npy) and give DATA.npy, which is read in blocks",
                problem, size(max), e.file(), size(e.bytes()), e.rows(), e.columns(), size(need), Math.max(1, (need >> 30) + 1), e.file());
    }

    static Estimate estimate(String file, char delimiter) {
        if (file.equals("-")) {
            return null;
        }
        Path p = Path.of(file);
        try {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            long size = Files.size(p);
            byte[] head;
            try (InputStream in = Files.newInputStream(p)) {
                head = in.readNBytes(SAMPLE);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return null;
            }
            return fromSample(file, size, head, delimiter);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Rows and columns from the first bytes: fields of the first line, the mean length of its whole lines. */
    static Estimate fromSample(String file, long size, byte[] head, char delimiter) {
        int columns = 1;
        int lines = 0;
        int lastEnd = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n') {
                lines++;
                lastEnd = i + 1;
            } else if (lines == 0 && head[i] == delimiter) {
                columns++;
            }
        }
        long rows = lines == 0 ? 1 : Math.max(1, Math.round((double) size * lines / lastEnd));
        return new Estimate(file, size, rows, columns);
    }

    /** Bytes as a person reads them: {@code 700 MB}, {@code 6.5 GB}. */
    static String size(long bytes) {
        if (bytes >= 10L << 30) {
            return String.format(Locale.ROOT, "%.0f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round(bytes / (double) (1L << 20))));
    }
}
