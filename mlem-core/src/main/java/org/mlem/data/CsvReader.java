package org.mlem.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mlem.MlemUserException;

/**
 * Reads a CSV file into a {@link CsvTable} of typed columns.
 *
 * <p>The first record is the header unless {@link CsvFormat#header()} is false (then columns are
 * {@code x1..xd}). Blank lines are skipped; every other record must have as many fields as the
 * first. A cell that is empty, {@code NA} or {@code NaN} is missing. Gzip input is recognised by
 * its magic bytes, so {@code .csv.gz} files and gzipped standard input both work. Text is UTF-8;
 * a byte-order mark is ignored.
 *
 * <p>The input is read in pieces of {@link #PIECE_BYTES} cut after a record ({@link CsvBytes}),
 * parsed from their bytes on every core ({@link ParsedChunk}) and added to the table in file order,
 * so the table is the same whatever the number of threads, and the same as the plain reader's
 * ({@link PlainCsvReader}, FastCSV), which reads whatever this one leaves (a delimiter outside
 * ASCII; quoting FastCSV reads in its own way, from the record where it starts). Numbers go from
 * the bytes into the table's one row-major array, sized from the input's length when it is known,
 * beside at most {@code 2 × threads} pieces in flight.
 */
public final class CsvReader {
    private CsvReader() {}

    /** Bytes of input a worker parses at a time. */
    static final int PIECE_BYTES = 1 << 21;
    /** The longest record read here; a longer one is left to FastCSV. */
    static final int MAX_RECORD_BYTES = 1 << 26;

    /** Reads {@code path}, or standard input when it is {@code -}. */
    public static CsvTable read(String path, CsvFormat format) {
        return read(path, format, System.in);
    }

    /** Reads {@code path}, or {@code stdin} when it is {@code -}. */
    public static CsvTable read(String path, CsvFormat format, InputStream stdin) {
        if (path.equals("-")) {
            return read(stdin, "<stdin>", format);
        }
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            throw new MlemUserException("is a directory, not a CSV file; give a file", path, -1, -1);
        }
        try (InputStream in = open(p)) {
            return read(in, path, format, expectedBytes(p), Runtime.getRuntime().availableProcessors(), PIECE_BYTES);
        } catch (NoSuchFileException e) {
            throw new MlemUserException("no such file; check the path (use - to read standard input)", path, -1, -1);
        } catch (AccessDeniedException e) {
            throw new MlemUserException("permission denied; check the file's permissions", path, -1, -1);
        } catch (IOException e) {
            throw new MlemUserException("cannot read the file: " + e.getMessage(), path, -1, -1);
        }
    }

    /**
     * The file's bytes, for every reader of data files. A named pipe ({@code <(zcat data.csv.gz)}) is read through a
     * FileInputStream: the channel stream of {@link Files#newInputStream} answers
     * {@code available()} with a seek, which fails on a pipe ("Illegal seek") part way through.
     */
    public static InputStream open(Path p) throws IOException {
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            return new FileInputStream(p.toFile());
        }
        return Files.newInputStream(p);
    }

    /** Reads a CSV stream (gzipped or not), naming it {@code source} in messages. The stream is not closed. */
    public static CsvTable read(InputStream in, String source, CsvFormat format) {
        return read(in, source, format, 0, Runtime.getRuntime().availableProcessors(), PIECE_BYTES);
    }

    /**
     * As {@link #read(InputStream, String, CsvFormat)} on {@code threads} threads in pieces of
     * about {@code pieceBytes}, sizing the table for {@code expectedBytes} of text (0 or less:
     * unknown).
     */
    static CsvTable read(InputStream in, String source, CsvFormat format, long expectedBytes, int threads, int pieceBytes) {
        if (format.delimiter() > 0x7f) {
            return PlainCsvReader.read(in, source, format);
        }
        return userErrors(source, () -> new Pieces(decompressed(in), source, format, expectedBytes, threads, pieceBytes).read());
    }

    /** A read whose failures are user errors naming {@code source}. */
    interface Read {
        CsvTable run() throws IOException;
    }

    static CsvTable userErrors(String source, Read read) {
        try {
            return read.run();
        } catch (ZipException e) {
            throw new MlemUserException("not a valid gzip file (" + e.getMessage() + ")", source, -1, -1);
        } catch (IOException | UncheckedIOException e) {
            throw new MlemUserException("cannot read the input: " + e.getMessage(), source, -1, -1);
        } catch (CsvParseException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new MlemUserException("not a readable CSV file: " + why, source, -1, -1);
        }
    }

    static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
        }
        return buffered;
    }

    /**
     * The bytes of text a regular file holds: its size, or for a gzip file the size its trailer
     * states (modulo 2^32, so the smallest such size at least about half the file's); 0 when
     * unknown. Only a hint for sizing the table.
     */
    static long expectedBytes(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return 0;
            }
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
                long size = f.length();
                if (size < 18 || f.readUnsignedByte() != 0x1f || f.readUnsignedByte() != 0x8b) {
                    return size;
                }
                f.seek(size - 4);
                long isize = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
                while (isize < size / 2 - 64) {
                    isize += 1L << 32;
                }
                return isize;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One read: pieces cut, parsed in parallel, added in order. */
    private static final class Pieces {
        private final InputStream in;
        private final String source;
        private final byte delimiter;
        private final int threads;
        private final int pieceBytes;
        private final TableBuilder table;
        private final ArrayDeque<Future<ParsedChunk>> pending = new ArrayDeque<>();
        private final ArrayDeque<Long> pendingEnds = new ArrayDeque<>();
        private ExecutorService pool;
        /** The line the next piece to add starts on. */
        private int line = 1;
        /** Input bytes before {@code buf[0]}. */
        private long base;

        Pieces(InputStream in, String source, CsvFormat format, long expectedBytes, int threads, int pieceBytes) {
            this.pieceBytes = pieceBytes;
            this.in = in;
            this.source = source;
            this.delimiter = (byte) format.delimiter();
            this.threads = Math.max(1, threads);
            this.table = new TableBuilder(source, format.header(), expectedBytes);
        }

        CsvTable read() throws IOException {
            try {
                byte[] buf = new byte[pieceBytes];
                int len = in.readNBytes(buf, 0, buf.length);
                boolean eof = len < buf.length;
                int start = len >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb && (buf[2] & 0xff) == 0xbf ? 3 : 0;
                while (true) {
                    long r = CsvBytes.lastRecordEnd(buf, start, len, delimiter, eof);
                    int malformed = r <= CsvBytes.MALFORMED ? (int) (CsvBytes.MALFORMED - r) : -1;
                    int cut = malformed >= 0 ? malformed : (int) r;
                    if (!table.started() && cut > start) {
                        start = header(buf, start, cut);
                        continue;
                    }
                    if (cut > start) {
                        submit(buf, start, cut, eof && malformed < 0 && pending.isEmpty());
                    }
                    if (malformed >= 0 || (cut == start && len - start >= MAX_RECORD_BYTES)) {
                        addAll(0);
                        PlainCsvReader.parseInto(new InputStreamReader(new SequenceInputStream(
                                new ByteArrayInputStream(buf, cut, len - cut), in), StandardCharsets.UTF_8), table, (char) delimiter, line - 1);
                        break;
                    }
                    if (eof) {
                        break;
                    }
                    byte[] next = new byte[len - cut > pieceBytes / 2 ? 2 * (len - cut) : pieceBytes];
                    System.arraycopy(buf, cut, next, 0, len - cut);
                    base += cut;
                    int kept = len - cut;
                    len = kept + in.readNBytes(next, kept, next.length - kept);
                    eof = len < next.length;
                    buf = next;
                    start = 0;
                }
                addAll(0);
                return table.build();
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }

        /** Adds the first record (the header, or the first row) from {@code start}; returns where the next begins. */
        private int header(byte[] buf, int start, int cut) {
            int[] end = new int[3];
            var fields = CsvBytes.record(buf, start, cut, delimiter, end);
            line += end[2];
            if (fields != null) {
                table.addRecord(fields, line);
                line += end[1];
            }
            return end[0];
        }

        private void submit(byte[] buf, int from, int to, boolean only) {
            long end = base + to;
            int width = table.width();
            if (only || threads == 1) {
                add(ParsedChunk.parse(buf, from, to, delimiter, width), end);
                return;
            }
            if (pool == null) {
                pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "mlem-csv");
                    t.setDaemon(true);
                    // a piece's failure reaches the reading thread through its future, which reports
                    // it (out of memory: one line); the JVM's default handler would print a stack
                    // trace too, when the error escapes FutureTask itself (as out of memory can)
                    t.setUncaughtExceptionHandler((thread, e) -> { });
                    return t;
                });
            }
            pending.add(pool.submit(() -> ParsedChunk.parse(buf, from, to, delimiter, width)));
            pendingEnds.add(end);
            addAll(2 * threads);
        }

        /** Adds finished pieces, in order, until at most {@code keep} are in flight. */
        private void addAll(int keep) {
            while (pending.size() > keep) {
                ParsedChunk c;
                try {
                    c = pending.peek().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading " + source, e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                pending.remove();
                add(c, pendingEnds.remove());
            }
        }

        private void add(ParsedChunk c, long bytesRead) {
            table.addChunk(c, line, bytesRead);
            line += c.lineCount();
        }
    }
}
