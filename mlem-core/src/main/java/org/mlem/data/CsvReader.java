package org.mlem.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mlem.MlemUserException;

/**
 * Reads a CSV file into a {@link CsvTable} of typed columns, with FastCSV doing the quoting.
 *
 * <p>The first record is the header unless {@link CsvFormat#header()} is false (then columns are
 * {@code x1..xd}). Blank lines are skipped; every other record must have as many fields as the
 * first. A cell that is empty, {@code NA} or {@code NaN} is missing. Gzip input is recognised by
 * its magic bytes, so {@code .csv.gz} files and gzipped standard input both work. Text is UTF-8;
 * a byte-order mark is ignored.
 */
public final class CsvReader {
    private CsvReader() {}

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
            return read(in, path, format);
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
        try {
            return parse(decompressed(in), source, format);
        } catch (ZipException e) {
            throw new MlemUserException("not a valid gzip file (" + e.getMessage() + ")", source, -1, -1);
        } catch (IOException | UncheckedIOException e) {
            throw new MlemUserException("cannot read the input: " + e.getMessage(), source, -1, -1);
        } catch (CsvParseException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new MlemUserException("not a readable CSV file: " + why, source, -1, -1);
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
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

    private static CsvTable parse(InputStream in, String source, CsvFormat format) throws IOException {
        var reader = de.siegmar.fastcsv.reader.CsvReader.builder().fieldSeparator(format.delimiter())
                .skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .ofCsvRecord(withoutByteOrderMark(new InputStreamReader(in, StandardCharsets.UTF_8)));
        List<ColumnBuilder> builders = null;
        int[] lines = new int[1024];
        int rows = 0;
        boolean sawHeader = false;
        for (CsvRecord record : reader) {
            if (builders == null) {
                List<String> names = format.header() ? headerNames(record, source) : DataMatrix.defaultNames(record.getFieldCount());
                builders = new ArrayList<>(names.size());
                for (int j = 0; j < names.size(); j++) {
                    builders.add(new ColumnBuilder(names.get(j), j + 1));
                }
                if (format.header()) {
                    sawHeader = true;
                    continue;
                }
            }
            if (record.getFieldCount() != builders.size()) {
                throw new MlemUserException("this row has " + record.getFieldCount() + " fields but "
                        + (sawHeader ? "the header has " : "the first row has ") + builders.size()
                        + "; every row needs one field per column (check the delimiter and quotes)",
                        source, record.getStartingLineNumber(), -1);
            }
            for (int j = 0; j < builders.size(); j++) {
                builders.get(j).add(record.getField(j));
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows + (rows >> 1));
            }
            lines[rows++] = Math.toIntExact(record.getStartingLineNumber());
        }
        if (builders == null) {
            throw new MlemUserException("the file is empty; a CSV file needs "
                    + (format.header() ? "a header row and " : "") + "at least one data row", source, -1, -1);
        }
        if (rows == 0) {
            throw new MlemUserException("the file has a header but no data rows; add rows (or use --no-header if the first row is data)",
                    source, -1, -1);
        }
        List<CsvColumn> columns = new ArrayList<>(builders.size());
        for (ColumnBuilder b : builders) {
            columns.add(b.build());
        }
        return new CsvTable(source, columns, Arrays.copyOf(lines, rows));
    }

    /** The text after a leading byte-order mark, so that a quoted first field is still read as quoted. */
    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int first = r.read();
        if (first >= 0 && first != '\uFEFF') {
            r.unread(first);
        }
        return r;
    }

    private static List<String> headerNames(CsvRecord header, String source) {
        List<String> names = new ArrayList<>(header.getFieldCount());
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.getFieldCount(); j++) {
            String name = header.getField(j).strip();
            if (name.isEmpty()) {
                name = "x" + (j + 1);
            }
            Integer before = seen.put(name, j + 1);
            if (before != null) {
                throw new MlemUserException("column name '" + name + "' appears twice in the header (columns " + before
                        + " and " + (j + 1) + "); rename one", source, header.getStartingLineNumber(), j + 1);
            }
            names.add(name);
        }
        return names;
    }
}
