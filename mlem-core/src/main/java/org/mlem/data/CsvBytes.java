package org.mlem.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV records in UTF-8 bytes, read as FastCSV reads them where the quoting is well formed: a field
 * that starts with {@code "} runs to the next {@code "} not doubled ({@code ""} is a quote inside
 * it) and must end there; a quote anywhere else is an ordinary character; records end at
 * {@code \n}, {@code \r} or {@code \r\n}, and each of those starts a new line, inside quotes too.
 * Input these methods call malformed (text after a closing quote, a quote never closed) is left to
 * FastCSV itself ({@link PlainCsvReader}).
 */
final class CsvBytes {
    private CsvBytes() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /** What {@link #lastRecordEnd} returns for quoting FastCSV must read: {@code MALFORMED - start}, start its record's. */
    static final long MALFORMED = -1;

    /** Whether bytes {@code [from, to)} hold a {@code "}, eight bytes a step. */
    static boolean hasQuote(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ QUOTES;
            if (((w - ONES) & ~w & HIGHS) != 0) {
                return true;
            }
        }
        for (; i < to; i++) {
            if (b[i] == '"') {
                return true;
            }
        }
        return false;
    }

    /**
     * For bytes {@code [from, to)} starting at a record: the end of the last whole record in them
     * ({@code from} when there is none yet), or {@code MALFORMED - start} for the start of the
     * first record whose quoting is malformed. {@code eof}: the input ends at {@code to}.
     */
    static long lastRecordEnd(byte[] b, int from, int to, byte delimiter, boolean eof) {
        if (eof && !hasQuote(b, from, to)) {
            return to;
        }
        if (!hasQuote(b, from, to)) {
            for (int t = to - 1; t >= from; t--) {
                if (b[t] == '\n' || (b[t] == '\r' && t < to - 1)) {
                    return t + 1;
                }
            }
            return from;
        }
        int end = from;
        int start = from;
        boolean fieldStart = true;
        int p = from;
        while (p < to) {
            byte c = b[p];
            if (fieldStart && c == '"') {
                int close = closingQuote(b, p, to);
                if (close >= to || (close == to - 1 && !eof)) {
                    return eof ? MALFORMED - start : end;
                }
                p = close + 1;
                if (p < to && b[p] != delimiter && b[p] != '\n' && b[p] != '\r') {
                    return MALFORMED - start;
                }
                fieldStart = false;
            } else if (c == delimiter) {
                fieldStart = true;
                p++;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && p + 1 >= to && !eof) {
                    return end;
                }
                p = afterTerminator(b, p, to);
                end = p;
                start = p;
                fieldStart = true;
            } else {
                fieldStart = false;
                p++;
            }
        }
        return eof ? to : end;
    }

    /** The index of the quote closing the field opened at {@code open}, or {@code to} when there is none. */
    static int closingQuote(byte[] b, int open, int to) {
        int q = open + 1;
        while (q < to) {
            if (b[q] == '"') {
                if (q + 1 < to && b[q + 1] == '"') {
                    q += 2;
                    continue;
                }
                return q;
            }
            q++;
        }
        return to;
    }

    /** The index after the line terminator at {@code p} ({@code \r\n} counts as one). */
    static int afterTerminator(byte[] b, int p, int to) {
        return b[p] == '\r' && p + 1 < to && b[p + 1] == '\n' ? p + 2 : p + 1;
    }

    /** Line terminators in {@code [from, to)}: each {@code \r}, and each {@code \n} not after a {@code \r}. */
    static int lines(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\r' || (b[i] == '\n' && (i == from || b[i - 1] != '\r'))) {
                n++;
            }
        }
        return n;
    }

    /** The end of the unquoted field starting at {@code p}: its delimiter, line terminator or {@code to}. */
    static int fieldEnd(byte[] b, int p, int to, byte delimiter) {
        while (p < to) {
            byte c = b[p];
            if (c == delimiter || c == '\n' || c == '\r') {
                return p;
            }
            p++;
        }
        return to;
    }

    /** The text of the quoted field from {@code open} to {@code close}, each {@code ""} one quote. */
    static String unquote(byte[] b, int open, int close) {
        byte[] out = new byte[close - open - 1];
        int n = 0;
        for (int i = open + 1; i < close; i++) {
            out[n++] = b[i];
            if (b[i] == '"') {
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * The fields of the record at {@code p} as text, and where it ends: {@code end[0]} the index
     * after its terminator, {@code end[1]} the line terminators passed (inside quotes too). Blank
     * lines before it are skipped and counted in {@code end[2]}; null when only blank lines remain.
     * The quoting must be well formed ({@link #lastRecordEnd}).
     */
    static List<String> record(byte[] b, int p, int to, byte delimiter, int[] end) {
        int blank = 0;
        while (p < to && (b[p] == '\n' || b[p] == '\r')) {
            p = afterTerminator(b, p, to);
            blank++;
        }
        end[2] = blank;
        if (p >= to) {
            end[0] = p;
            end[1] = 0;
            return null;
        }
        List<String> fields = new ArrayList<>();
        int lines = 0;
        while (true) {
            int fieldEnd;
            if (b[p] == '"') {
                int close = closingQuote(b, p, to);
                fields.add(unquote(b, p, close));
                lines += lines(b, p, close);
                fieldEnd = Math.min(to, close + 1);
            } else {
                fieldEnd = fieldEnd(b, p, to, delimiter);
                fields.add(new String(b, p, fieldEnd - p, StandardCharsets.UTF_8));
            }
            p = fieldEnd;
            if (p < to && b[p] == delimiter) {
                p++;
                continue;
            }
            break;
        }
        if (p < to) {
            p = afterTerminator(b, p, to);
            lines++;
        }
        end[0] = p;
        end[1] = lines;
        return fields;
    }
}
