package org.mlem.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mlem.io.AtomicFile;

/**
 * Writes a float64 {@code .npy} table row by row without knowing the row count in advance: the
 * header is written with room for any count and rewritten in place by {@link #close()}. Memory
 * use is one 1 MiB buffer.
 */
public final class NpyWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final int cols;
    private final int headerLength;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long rows;
    private int inRow;

    /** Creates (or truncates) {@code path} for a table of {@code cols} columns. */
    public NpyWriter(Path path, int cols) throws IOException {
        this.cols = cols;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        byte[] header = NpyHeader.encode(Long.MAX_VALUE, cols, 8, 0);
        this.headerLength = header.length;
        channel.write(ByteBuffer.wrap(NpyHeader.encode(0, cols, 8, headerLength)), 0);
        channel.position(headerLength);
    }

    /** Appends one value; every {@code cols} values make a row. */
    public void put(double v) throws IOException {
        if (!buf.hasRemaining()) {
            flush();
        }
        buf.putDouble(v);
        if (++inRow == cols) {
            inRow = 0;
            rows++;
        }
    }

    /** Appends {@code n} whole rows from {@code values[off ..)}. */
    public void putRows(double[] values, int off, int n) throws IOException {
        for (int i = 0; i < n * cols; i++) {
            put(values[off + i]);
        }
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        buf.clear();
    }

    /** Flushes and writes the final row count into the header. */
    @Override
    public void close() throws IOException {
        try {
            if (inRow != 0) {
                throw new IllegalStateException("the last row has " + inRow + " of " + cols + " values");
            }
            flush();
            channel.write(ByteBuffer.wrap(NpyHeader.encode(rows, cols, 8, headerLength)), 0);
        } finally {
            channel.close();
        }
    }

    /** Writes a whole row-major table to {@code path}, all or nothing ({@link AtomicFile}). */
    public static void write(Path path, double[] values, int rows, int cols) {
        AtomicFile.writeFile(path, "the .npy file", file -> {
            try (NpyWriter w = new NpyWriter(file, cols)) {
                w.putRows(values, 0, rows);
            }
        });
    }
}
