package org.mlem.data.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;

/**
 * Rows of a {@code .npy} table read from disk block by block, at every pass: a fit over it holds
 * only the blocks in flight (about {@code threads × BLOCK_ROWS × cols} doubles), so the file may
 * be many times larger than the heap. Blocks are cut at the same rows as an in-memory
 * {@link org.mlem.data.DataMatrix}'s, and each block's values are the same doubles, so a fit
 * gives the same bits from either source. Positional reads make {@link #block} safe to call from
 * several threads. {@code float32} files are widened to double on reading.
 *
 * <p>Unweighted and unlabelled: every row has weight 1 and a latent label.
 */
public final class NpyBlockSource implements BlockSource, AutoCloseable {
    private final FileChannel channel;
    private final NpyHeader header;
    private final String source;
    private final int rows;

    private NpyBlockSource(FileChannel channel, NpyHeader header, String source) {
        this.channel = channel;
        this.header = header;
        this.source = source;
        if (header.rows() > Integer.MAX_VALUE - BLOCK_ROWS) {
            throw new MlemUserException("the .npy file has " + header.rows() + " rows; at most " + Integer.MAX_VALUE
                    + " are supported", source, 0, 0);
        }
        this.rows = (int) header.rows();
    }

    /** Opens {@code path} for streaming; close it when done. */
    public static NpyBlockSource open(Path path) {
        String source = path.toString();
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new MlemUserException("cannot open the file: " + e.getMessage(), source, 0, 0);
        }
        try {
            return new NpyBlockSource(ch, NpyHeader.read(ch, source), source);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new MlemUserException("cannot read the file: " + io.getMessage(), source, 0, 0);
            }
            throw (RuntimeException) e;
        }
    }

    /** The file's header. */
    public NpyHeader header() {
        return header;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return header.cols();
    }

    @Override
    public double totalWeight() {
        return rows;
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public Block block(int b) {
        int first = b * BLOCK_ROWS;
        int n = Math.min(BLOCK_ROWS, rows - first);
        if (b < 0 || n <= 0) {
            throw new IndexOutOfBoundsException("block " + b + " of " + blockCount());
        }
        double[] x = new double[n * header.cols()];
        readRows(first, n, x, 0);
        return new Block(x, null, null, 0, n, header.cols());
    }

    /** Reads rows {@code [first, first + n)} into {@code into[off ..)}. */
    public void readRows(long first, int n, double[] into, int off) {
        int values = n * header.cols();
        ByteBuffer buf = ByteBuffer.allocate(values * header.bytesPerValue()).order(ByteOrder.LITTLE_ENDIAN);
        long pos = header.dataOffset() + first * header.rowBytes();
        try {
            while (buf.hasRemaining()) {
                int got = channel.read(buf, pos + buf.position());
                if (got < 0) {
                    throw new MlemUserException("the .npy file ended early, at row " + (first + 1), source, first + 1, 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source, e);
        }
        buf.flip();
        if (header.bytesPerValue() == 8) {
            buf.asDoubleBuffer().get(into, off, values);
        } else {
            var f = buf.asFloatBuffer();
            for (int i = 0; i < values; i++) {
                into[off + i] = f.get(i);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + source, e);
        }
    }
}
