package org.mlem.data;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The plain reader: FastCSV splits the records, one at a time, on one thread. {@link CsvReader}
 * gives the same table faster; it hands this reader whatever it does not read itself (a
 * delimiter outside ASCII, quoting that is not well formed from the record where it starts, a
 * record of more than {@link CsvReader#MAX_RECORD_BYTES}), and the tests hold it as the reference
 * the fast reader must equal.
 */
final class PlainCsvReader {
    private PlainCsvReader() {}

    /** Reads a CSV stream (gzipped or not) as {@link CsvReader#read(InputStream, String, CsvFormat)} does. */
    static CsvTable read(InputStream in, String source, CsvFormat format) {
        return CsvReader.userErrors(source, () -> {
            TableBuilder table = new TableBuilder(source, format.header(), 0);
            Reader text = withoutByteOrderMark(new InputStreamReader(CsvReader.decompressed(in), StandardCharsets.UTF_8));
            parseInto(text, table, format.delimiter(), 0);
            return table.build();
        });
    }

    /** Adds the records of {@code text} to {@code table}, the first of them on line {@code lineOffset + 1}. */
    static void parseInto(Reader text, TableBuilder table, char delimiter, int lineOffset) {
        var reader = de.siegmar.fastcsv.reader.CsvReader.builder().fieldSeparator(delimiter)
                .skipEmptyLines(true).ignoreDifferentFieldCount(true).ofCsvRecord(text);
        for (CsvRecord record : reader) {
            table.addRecord(record.getFields(), lineOffset + Math.toIntExact(record.getStartingLineNumber()));
        }
    }

    /** The text after a leading byte-order mark, so that a quoted first field is still read as quoted. */
    static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int first = r.read();
        if (first >= 0 && first != '\uFEFF') {
            r.unread(first);
        }
        return r;
    }
}
