package org.mlem.data.npy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mlem.MlemUserException;

/**
 * {@code mlem convert}: a numeric CSV file to a float64 {@code .npy} table, streaming (memory
 * does not grow with the file). Every cell must parse as a number; the first that does not is a
 * user error naming its line and column. Empty cells are errors too (a .npy table has no
 * missing-value marker other than NaN, which may be written as {@code NaN}).
 */
public final class CsvToNpy {
    private CsvToNpy() {}

    /** What was converted. */
    public record Result(long rows, int cols, java.util.List<String> columns) {}

    /**
     * Converts {@code csv} to {@code npy}.
     *
     * @param header whether the first line holds column names
     * @param delimiter the field separator, usually {@code ','}
     */
    public static Result convert(Path csv, Path npy, boolean header, char delimiter) {
        String source = csv.toString();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).ofCsvRecord(csv,
                StandardCharsets.UTF_8)) {
            NpyWriter out = null;
            java.util.List<String> names = null;
            int cols = -1;
            double[] row = null;
            try {
                for (CsvRecord rec : reader) {
                    if (rec.isComment() || (rec.getFieldCount() == 1 && rec.getField(0).isEmpty())) {
                        continue;
                    }
                    long line = rec.getStartingLineNumber();
                    if (cols < 0) {
                        cols = rec.getFieldCount();
                        out = new NpyWriter(npy, cols);
                        row = new double[cols];
                        if (header) {
                            names = rec.getFields();
                            continue;
                        }
                        names = org.mlem.data.DataMatrix.defaultNames(cols);
                    }
                    if (rec.getFieldCount() != cols) {
                        throw new MlemUserException("line has " + rec.getFieldCount() + " fields but the first has " + cols,
                                source, line, 0);
                    }
                    for (int c = 0; c < cols; c++) {
                        row[c] = parse(rec.getField(c), source, line, c + 1);
                    }
                    out.putRows(row, 0, 1);
                }
                if (out == null) {
                    throw new MlemUserException("the file has no rows", source, 0, 0);
                }
                long rows = out.rows();
                out.close();
                out = null;
                return new Result(rows, cols, names);
            } finally {
                if (out != null) {
                    out.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("converting " + csv + " to " + npy, e);
        }
    }

    private static double parse(String cell, String source, long line, int column) {
        String t = cell.strip();
        try {
            if (!t.isEmpty()) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MlemUserException("'" + cell + "' is not a number", source, line, column);
    }
}
