package org.mlem.data.npy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.data.DecimalParser;
import org.mlem.io.AtomicFile;

/**
 * {@code mlem convert}: a numeric CSV file to a float64 {@code .npy} table, streaming (memory
 * does not grow with the file). Gzipped input is recognised by its magic bytes. The chosen columns
 * (every column by default) must hold numbers; the first cell that does not is a user error
 * naming its line and column. A missing cell (empty, {@code NA} or {@code NaN}, as the CSV reader
 * defines it) is an error too unless {@link Options#dropMissing} drops its row.
 */
public final class CsvToNpy {
    private CsvToNpy() {}

    /**
     * How to read the CSV.
     *
     * @param header whether the first line holds column names
     * @param delimiter the field separator, usually {@code ','}
     * @param columns the columns to write, in this order, by name ({@code x1..xd} without a header);
     *     null for every column
     * @param dropMissing whether a row with a missing cell in a written column is dropped (else an error)
     */
    public record Options(boolean header, char delimiter, List<String> columns, boolean dropMissing) {
        /** Every column, header on the first line, comma separated, missing cells an error. */
        public static final Options DEFAULTS = new Options(true, ',', null, false);

        public Options {
            columns = columns == null ? null : List.copyOf(columns);
        }
    }

    /** What was converted: rows written, columns, their names, rows dropped for missing cells. */
    public record Result(long rows, int cols, List<String> columns, long dropped) {
        /** Without a count of dropped rows. */
        public Result(long rows, int cols, List<String> columns) {
            this(rows, cols, columns, 0);
        }
    }

    /** Converts every column of {@code csv} to {@code npy}. */
    public static Result convert(Path csv, Path npy, boolean header, char delimiter) {
        return convert(csv, npy, new Options(header, delimiter, null, false));
    }

    /** Converts {@code csv} (gzipped or not) to {@code npy}. */
    public static Result convert(Path csv, Path npy, Options options) {
        String source = csv.toString();
        if (Files.isDirectory(csv)) {
            throw new MlemUserException("is a directory, not a CSV file; give a file", source, -1, -1);
        }
        try (InputStream in = org.mlem.data.CsvReader.open(csv)) {
            return convert(in, source, npy, options);
        } catch (NoSuchFileException e) {
            throw new MlemUserException("no such file; check the path", source, -1, -1);
        } catch (IOException e) {
            throw new MlemUserException("cannot read the file: " + e.getMessage(), source, -1, -1);
        }
    }

    /**
     * Converts a CSV stream (gzipped or not), named {@code source} in messages, to {@code npy}, all
     * or nothing ({@link AtomicFile}): a conversion that fails leaves {@code npy} absent or as it
     * was. An input that cannot be read (a truncated gzip file) is a user error naming {@code source}.
     */
    public static Result convert(InputStream in, String source, Path npy, Options options) {
        Result[] result = new Result[1];
        AtomicFile.writeFile(npy, "the .npy file", file -> result[0] = convertTo(in, source, file, options));
        return result[0];
    }

    private static Result convertTo(InputStream in, String source, Path npy, Options options) throws IOException {
        InputStream text;
        try {
            text = decompressed(in);
        } catch (IOException e) {
            throw unreadable(source, e, e instanceof EOFException);
        }
        boolean gzip = text instanceof GZIPInputStream;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(options.delimiter())
                .ofCsvRecord(new InputStreamReader(text, StandardCharsets.UTF_8))) {
            return write(reader, source, npy, options);
        } catch (UncheckedIOException e) {
            // the CSV reader's: only reading fails unchecked (the writer's failures are checked)
            throw unreadable(source, e.getCause(), gzip);
        }
    }

    private static MlemUserException unreadable(String source, IOException e, boolean gzip) {
        String reason = e.getMessage() != null ? e.getMessage()
                : e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
        if (gzip || e instanceof ZipException) {
            return new MlemUserException("the gzip data is truncated or corrupt (" + reason + "); compress or fetch the "
                    + "file again", source, -1, -1);
        }
        return new MlemUserException("cannot read the file (" + reason + "); check it is complete and readable", source,
                -1, -1);
    }

    private static Result write(CsvReader<CsvRecord> reader, String source, Path npy, Options options)
            throws IOException {
        NpyWriter out = null;
        List<String> names = null;
        int fields = -1;
        int[] pick = null;
        double[] row = null;
        long dropped = 0;
        try {
            for (CsvRecord rec : reader) {
                if (rec.isComment() || (rec.getFieldCount() == 1 && rec.getField(0).isEmpty())) {
                    continue;
                }
                long line = rec.getStartingLineNumber();
                if (fields < 0) {
                    fields = rec.getFieldCount();
                    List<String> all = options.header() ? stripped(rec.getFields()) : DataMatrix.defaultNames(fields);
                    pick = pick(all, options.columns(), source);
                    names = new ArrayList<>();
                    for (int c : pick) {
                        names.add(all.get(c));
                    }
                    out = new NpyWriter(npy, pick.length);
                    row = new double[pick.length];
                    if (options.header()) {
                        continue;
                    }
                }
                if (rec.getFieldCount() != fields) {
                    throw new MlemUserException("line has " + rec.getFieldCount() + " fields but the first has " + fields,
                            source, line, 0);
                }
                if (parseRow(rec, pick, row, options.dropMissing(), source, line)) {
                    out.putRows(row, 0, 1);
                } else {
                    dropped++;
                }
            }
            if (out == null || out.rows() == 0) {
                throw new MlemUserException("the file has no rows" + (dropped > 0 ? " without a missing cell" : ""),
                        source, 0, 0);
            }
            long rows = out.rows();
            out.close();
            out = null;
            return new Result(rows, pick.length, names, dropped);
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    /** Parses the picked cells into {@code row}; false when a cell is missing and such rows are dropped. */
    private static boolean parseRow(CsvRecord rec, int[] pick, double[] row, boolean dropMissing, String source,
            long line) {
        for (int c = 0; c < pick.length; c++) {
            String t = rec.getField(pick[c]).strip();
            if (t.isEmpty() || t.equals("NA") || t.equals("NaN")) {
                if (dropMissing) {
                    return false;
                }
                throw new MlemUserException("cell is missing ('" + t + "'); drop such rows (the CLI's --drop-missing) "
                        + "or fill them in", source, line, pick[c] + 1);
            }
            row[c] = parse(t, source, line, pick[c] + 1);
        }
        return true;
    }

    private static int[] pick(List<String> all, List<String> wanted, String source) {
        if (wanted == null || wanted.isEmpty()) {
            int[] p = new int[all.size()];
            for (int c = 0; c < p.length; c++) {
                p[c] = c;
            }
            return p;
        }
        int[] p = new int[wanted.size()];
        for (int c = 0; c < p.length; c++) {
            p[c] = all.indexOf(wanted.get(c).strip());
            if (p[c] < 0) {
                throw new MlemUserException("no column '" + wanted.get(c) + "'; the columns are " + String.join(", ", all),
                        source, -1, -1);
            }
        }
        return p;
    }

    private static List<String> stripped(List<String> names) {
        List<String> s = new ArrayList<>(names.size());
        for (String n : names) {
            s.add(n.strip());
        }
        return s;
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    private static double parse(String t, String source, long line, int column) {
        try {
            double v = DecimalParser.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MlemUserException("'" + t + "' is not a finite number; choose numeric columns with --columns",
                source, line, column);
    }
}
