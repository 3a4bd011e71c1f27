package org.mlem.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records of one piece of a CSV file, parsed from its bytes on a worker thread: numbers
 * straight into a row-major {@code double[]} (no String a cell, unless the cell is text, quoted or
 * not ASCII), each cell classified as {@link CsvCells#parse} does. The piece starts at a record and
 * ends after one (or at the end of the input), and its quoting is well formed ({@link CsvBytes}).
 *
 * <p>A column's text cells are kept from its first in the piece on; the verbatim text of earlier
 * cells, when the table needs it, is read again from the bytes ({@link #texts}). Parsing stops at
 * the first record with the wrong number of fields ({@link #badFields}).
 */
final class ParsedChunk {
    private final byte[] b;
    private final int end;
    private final byte delimiter;
    private final int width;
    private int rows;
    private double[] values;
    private int[] lineOf;
    private int[] rowStart;
    private int lineCount;
    private int badFields = -1;
    private int badLine;
    private final int[] numberCells;
    private final int[] textCells;
    private final int[] firstTextRow;
    private final String[] firstText;
    private final int[] firstInfiniteRow;
    private final String[][] textsFromFirst;

    private ParsedChunk(byte[] b, int end, byte delimiter, int width, int capacity) {
        this.b = b;
        this.end = end;
        this.delimiter = delimiter;
        this.width = width;
        values = new double[capacity * width];
        lineOf = new int[capacity];
        rowStart = new int[capacity];
        numberCells = new int[width];
        textCells = new int[width];
        firstTextRow = new int[width];
        firstText = new String[width];
        firstInfiniteRow = new int[width];
        textsFromFirst = new String[width][];
        Arrays.fill(firstTextRow, -1);
        Arrays.fill(firstInfiniteRow, -1);
    }

    /** Parses the records of bytes {@code [from, to)}, each of which must have {@code width} fields. */
    static ParsedChunk parse(byte[] b, int from, int to, byte delimiter, int width) {
        ParsedChunk c = new ParsedChunk(b, to, delimiter, width, Math.max(16, (to - from) / (4 * width + 4)));
        c.run(from, to);
        return c;
    }

    private void run(int from, int to) {
        int p = from;
        int line = 0;
        while (p < to) {
            byte c = b[p];
            if (c == '\n' || c == '\r') {
                p = CsvBytes.afterTerminator(b, p, to);
                line++;
                continue;
            }
            int recordLine = line;
            if (rows == lineOf.length) {
                grow();
            }
            int row = rows;
            rowStart[row] = p;
            int field = 0;
            while (true) {
                int end;
                if (b[p] == '"') {
                    int close = CsvBytes.closingQuote(b, p, to);
                    line += CsvBytes.lines(b, p, close);
                    if (field < width) {
                        text(row, field, CsvBytes.unquote(b, p, close));
                    }
                    end = Math.min(to, close + 1);
                } else {
                    end = p;
                    int ascii = 0;
                    while (end < to) {
                        byte x = b[end];
                        if (x == delimiter || x == '\n' || x == '\r') {
                            break;
                        }
                        ascii |= x;
                        end++;
                    }
                    if (field < width) {
                        if (ascii >= 0) {
                            ascii(row, field, p, end);
                        } else {
                            text(row, field, new String(b, p, end - p, StandardCharsets.UTF_8));
                        }
                    }
                }
                field++;
                p = end;
                if (p < to && b[p] == delimiter) {
                    p++;
                    if (p == to) {
                        if (field < width) {
                            ascii(row, field, p, p);
                        }
                        field++;
                        break;
                    }
                    continue;
                }
                break;
            }
            if (field != width) {
                badFields = field;
                badLine = recordLine;
                return;
            }
            lineOf[row] = recordLine;
            rows++;
            if (p < to) {
                p = CsvBytes.afterTerminator(b, p, to);
                line++;
            }
        }
        lineCount = line;
    }

    /** An unquoted ASCII cell: blanks trimmed, a plain decimal parsed from the bytes. */
    private void ascii(int row, int j, int s, int e) {
        while (s < e && isBlank(b[s])) {
            s++;
        }
        while (e > s && isBlank(b[e - 1])) {
            e--;
        }
        double v;
        if (s == e) {
            v = Double.NaN;
        } else {
            byte first = b[s];
            v = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.'
                    ? DecimalParser.parseAscii(b, s, e) : DecimalParser.UNDECIDED;
            if (DecimalParser.isUndecided(v)) {
                if (isMissingMark(s, e)) {
                    v = Double.NaN;
                } else {
                    text(row, j, new String(b, s, e - s, StandardCharsets.ISO_8859_1));
                    return;
                }
            }
        }
        store(row, j, v, s, e);
    }

    private boolean isMissingMark(int s, int e) {
        int n = e - s;
        return (n == 2 && b[s] == 'N' && b[s + 1] == 'A') || (n == 3 && b[s] == 'N' && b[s + 1] == 'a' && b[s + 2] == 'N');
    }

    /** A cell read as a String: classified by {@link CsvCells#parse}. */
    private void text(int row, int j, String cell) {
        double v = CsvCells.parse(cell);
        if (CsvCells.isTextMark(v)) {
            textCells[j]++;
            values[row * width + j] = v;
            String shown = cell.strip();
            if (firstTextRow[j] < 0) {
                firstTextRow[j] = row;
                firstText[j] = shown;
                textsFromFirst[j] = new String[lineOf.length - row];
            }
            textsFromFirst[j][row - firstTextRow[j]] = shown;
            return;
        }
        values[row * width + j] = v;
        count(row, j, v);
        if (firstTextRow[j] >= 0) {
            textsFromFirst[j][row - firstTextRow[j]] = Double.isNaN(v) ? null : cell.strip();
        }
    }

    private void store(int row, int j, double v, int s, int e) {
        values[row * width + j] = v;
        count(row, j, v);
        if (firstTextRow[j] >= 0) {
            textsFromFirst[j][row - firstTextRow[j]] = Double.isNaN(v) ? null : new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
    }

    private void count(int row, int j, double v) {
        if (!Double.isNaN(v)) {
            numberCells[j]++;
            if (Double.isInfinite(v) && firstInfiniteRow[j] < 0) {
                firstInfiniteRow[j] = row;
            }
        }
    }

    /** The blanks {@link String#strip} removes, in ASCII. */
    private static boolean isBlank(byte c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }

    private void grow() {
        int capacity = lineOf.length + (lineOf.length >> 1) + 16;
        values = Arrays.copyOf(values, capacity * width);
        lineOf = Arrays.copyOf(lineOf, capacity);
        rowStart = Arrays.copyOf(rowStart, capacity);
        for (int j = 0; j < width; j++) {
            if (textsFromFirst[j] != null) {
                textsFromFirst[j] = Arrays.copyOf(textsFromFirst[j], capacity - firstTextRow[j]);
            }
        }
    }

    int rows() {
        return rows;
    }

    int width() {
        return width;
    }

    /** Row-major cells, {@link #width} a row (a text cell holds {@link CsvCells#NOT_A_NUMBER_MARK}). */
    double[] values() {
        return values;
    }

    /** Line of row {@code i} counted from the piece's first line (0). */
    int line(int i) {
        return lineOf[i];
    }

    /** Line terminators in the piece. */
    int lineCount() {
        return lineCount;
    }

    /** Fields of the first record without {@link #width} of them, or -1. */
    int badFields() {
        return badFields;
    }

    /** That record's line, counted as {@link #line}. */
    int badLine() {
        return badLine;
    }

    int numberCells(int j) {
        return numberCells[j];
    }

    int textCells(int j) {
        return textCells[j];
    }

    /** The first row whose cell of column {@code j} is text, or -1. */
    int firstTextRow(int j) {
        return firstTextRow[j];
    }

    /** That cell's text, blanks stripped. */
    String firstText(int j) {
        return firstText[j];
    }

    int firstInfiniteRow(int j) {
        return firstInfiniteRow[j];
    }

    /** Column {@code j}'s cells as written (blanks stripped, missing null) from {@link #firstTextRow} on. */
    String[] textsFromFirst(int j) {
        return textsFromFirst[j];
    }

    /** Column {@code j}'s cells of rows {@code [from, to)} as written (blanks stripped, missing null), read again. */
    String[] texts(int j, int from, int to) {
        String[] out = new String[to - from];
        for (int i = from; i < to; i++) {
            int p = rowStart[i];
            for (int k = 0; k < j; k++) {
                p = (b[p] == '"' ? CsvBytes.closingQuote(b, p, end) + 1 : CsvBytes.fieldEnd(b, p, end, delimiter)) + 1;
            }
            String cell = p >= end ? "" : b[p] == '"' ? CsvBytes.unquote(b, p, CsvBytes.closingQuote(b, p, end))
                    : new String(b, p, CsvBytes.fieldEnd(b, p, end, delimiter) - p, StandardCharsets.UTF_8);
            out[i - from] = CsvCells.isMissing(cell) ? null : cell.strip();
        }
        return out;
    }
}
