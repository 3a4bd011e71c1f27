package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mlem.MlemUserException;

/**
 * Fuzzing the CSV reader (issue 12): generated hostile text (random bytes, ragged rows, stray
 * quotes, byte-order marks, NULs, huge numbers, missing-value markers, bad gzip, nothing at all)
 * must give a table or a {@link MlemUserException}, never another exception (a cell's text is
 * shown escaped, so a quoted line break keeps the message one line: see the test below). The table is then taken through column choice, row selection and the matrix, as a
 * command does.
 */
class CsvReaderFuzzProperties {
    private static final String[] CELLS = {"0", "1", "-2.5", "3e5", "1e400", "-1e309", "4.9e-324", "1.7976931348623157e308",
        "NaN", "NA", "", " ", "nan", "N/A", "null", "Inf", "-Infinity", "1,234", "\"1,234\"", "\"a\"\"b\"", "\"open",
        "close\"", "\"two\nlines\"", "\u0000", "\uFEFF", "\uFEFF\"x\"", "é", "\uD83D\uDE00", "0x10", "1_000", "+-1", ".", "-",
        "12345678901234567890123456789", "\t7", "abc", "\r"};

    @Provide
    Arbitrary<byte[]> csv() {
        return Arbitraries.longs().map(CsvReaderFuzzProperties::hostile);
    }

    /** A hostile input drawn from {@code seed}: a table of hostile cells, raw bytes, or a broken gzip. */
    static byte[] hostile(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int kind = rng.nextInt(10);
        if (kind == 0) {
            byte[] b = new byte[rng.nextInt(200)];
            rng.nextBytes(b);
            return b;
        }
        StringBuilder sb = new StringBuilder();
        if (rng.nextInt(4) == 0) {
            sb.append('\uFEFF');
        }
        int cols = 1 + rng.nextInt(5);
        int rows = rng.nextInt(8);
        for (int i = 0; i < rows; i++) {
            int n = rng.nextInt(6) == 0 ? rng.nextInt(7) : cols; // sometimes ragged
            for (int j = 0; j < n; j++) {
                sb.append(j == 0 ? "" : ",").append(rng.nextInt(3) == 0 ? CELLS[rng.nextInt(CELLS.length)]
                        : Double.toString(rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20)));
            }
            sb.append(switch (rng.nextInt(4)) {
                case 0 -> "\r\n";
                case 1 -> "\r";
                default -> "\n";
            });
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (kind == 1) {
            return gzip(text, rng);
        }
        return text;
    }

    /** Gzipped text, cut short or not. */
    private static byte[] gzip(byte[] text, SplittableRandom rng) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        byte[] b = out.toByteArray();
        return rng.nextBoolean() ? b : java.util.Arrays.copyOf(b, rng.nextInt(b.length));
    }

    /** Oracle: the escaped form of a quoted cell holding a line break and a NUL. */
    @net.jqwik.api.Example
    void cellTextInMessagesIsEscaped() {
        byte[] in = "x\n1\n2\n3\n\"two\nlines\u0000\"\n".getBytes(StandardCharsets.UTF_8);
        CsvTable t = CsvReader.read(new ByteArrayInputStream(in), "f.csv", CsvFormat.DEFAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.requireNumeric(List.of("x"), ""))
                .hasMessageStartingWith("'two\\nlines\\u0000' in column 'x' is not a number (3 of its other cells are)");
    }

    @Property(tries = 300, seed = "20261206")   // fixed: the build must not depend on luck
    void hostileCsvGivesATableOrAUserError(@ForAll("csv") byte[] input, @ForAll boolean header) {
        try {
            CsvTable t = CsvReader.read(new ByteArrayInputStream(input), "fuzz.csv", new CsvFormat(header, ','));
            List<String> columns = t.resolve(null, List.of());
            t.requireNumeric(columns, "");
            t.matrix(columns, t.completeRows(columns, true).rows());
        } catch (MlemUserException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
