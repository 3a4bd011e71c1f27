package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mlem.MlemUserException;

/**
 * The parallel reader ({@link CsvReader}: pieces cut at records, parsed from bytes on several
 * threads) gives the same table as the plain one ({@link PlainCsvReader}, FastCSV record by
 * record), or the same error at the same place. Oracle: the plain reader; tolerance: none (every
 * name, type, count, line, text and the bits of every number). Pieces are made tiny (a few records)
 * and the threads 1 to 3, so that every input crosses piece boundaries; the same table from 1 and
 * 3 threads is then the thread count changing nothing.
 */
class FastCsvEqualsPlainProperties {
    private static final String[] NUMBERS = {"0", "-0", "1", "-2.5", "3e5", "1E-3", "+7", ".5", "5.", "007", "1e400", "-1e309",
        "4.9e-324", "2.2250738585072011e-308", "1.7976931348623157e308", "12345678901234567890123", "0.1000000000000000055511151231257827",
        "9007199254740993", " 4 ", "\t8", "Inf", "-Infinity", "0x1p3", "1d", "NaN", "NA", "", " NA "};
    private static final String[] TEXTS = {"abc", "setosa", "N/A", "nan", "null", "1,234", "é", "naïve", "\uD83D\uDE00", "-", ".",
        "+-1", "1_000", "1.2.3", "e5", "\u00A01", "1\u2003", "a\"b", "\u0000"};
    private static final String[] QUOTED = {"\"1.5\"", "\"a,b\"", "\"two\nlines\"", "\"cr\rlf\r\n\"", "\"say \"\"hi\"\"\"", "\"\"",
        "\" 3 \"", "\"NA\""};
    private static final String[] MALFORMED = {"\"open", "\"a\"b", "\"x\"\"", "\"a\" ", "\"b\"\"c\"x\"y\""};

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 400, seed = "20261206")
    void tablesOfManyKindsReadAlike(@ForAll("seeds") long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        char delimiter = ",;\t|".charAt(rng.nextInt(4));
        byte[] input = table(rng, delimiter);
        CsvFormat format = new CsvFormat(rng.nextInt(5) > 0, delimiter);
        assertSameRead(input, format, 16 + rng.nextInt(300), 1 + rng.nextInt(3));
    }

    @Property(tries = 300, seed = "20261207")
    void hostileInputReadsAlike(@ForAll("seeds") long seed, @ForAll boolean header) {
        assertSameRead(CsvReaderFuzzProperties.hostile(seed), new CsvFormat(header, ','), 8 + (int) Math.floorMod(seed, 64), 2);
    }

    /** A column of 3,000 numbers that turns to text in its last piece, and one that is text throughout. */
    @Example
    void aColumnTurningToTextLateReadsAlike() {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 3000; i++) {
            sb.append(i * 0.25).append(',').append(i == 2900 ? "late" : i % 7 == 0 ? "1.0" : Integer.toString(i)).append(",id")
                    .append(i % 3 == 0 ? Integer.toString(i) : "x" + i).append('\n');
        }
        assertSameRead(sb.toString().getBytes(StandardCharsets.UTF_8), CsvFormat.DEFAULT, 100, 3);
    }

    /** Oracle: the same cells copied ({@link CsvTable#matrix} of some rows) against made in place (every row). */
    @Example
    void aMatrixMadeInPlaceEqualsACopy() {
        StringBuilder sb = new StringBuilder("w,name,x,y,z\n");
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            sb.append(rng.nextInt(3)).append(",n").append(i % 4).append(',').append(rng.nextGaussian()).append(',')
                    .append(i % 11 == 0 ? "" : Double.toString(rng.nextGaussian())).append(',').append(rng.nextDouble()).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        CsvTable a = CsvReader.read(new ByteArrayInputStream(bytes), "a.csv", CsvFormat.DEFAULT, 0, 2, 1000);
        CsvTable b = CsvReader.read(new ByteArrayInputStream(bytes), "b.csv", CsvFormat.DEFAULT, 0, 2, 1000);
        int[] every = a.allRows().rows();
        int[] reversedCopy = every.clone();
        DataMatrix copy = a.matrix(List.of("z", "x", "y"), Arrays.copyOf(every, every.length - 1));
        DataMatrix inPlace = b.matrix(List.of("z", "x", "y"), every);
        assertThat(Arrays.copyOf(inPlace.values(), copy.values().length)).containsExactly(copy.values());
        assertThat(inPlace.values()).hasSize(3 * every.length);
        for (String name : List.of("w", "x", "y", "z")) {
            assertThat(((CsvColumn.Numeric) b.column(name)).values()).containsExactly(((CsvColumn.Numeric) a.column(name)).values());
        }
        assertThat(b.matrix(List.of("w", "y"), reversedCopy).values()).containsExactly(a.matrix(List.of("w", "y"), every).values());
    }

    static void assertSameRead(byte[] input, CsvFormat format, int pieceBytes, int threads) {
        Object plain = outcome(() -> PlainCsvReader.read(new ByteArrayInputStream(input), "f.csv", format));
        Object fast = outcome(() -> CsvReader.read(new ByteArrayInputStream(input), "f.csv", format, input.length, threads, pieceBytes));
        assertThat(fast).as("piece %d bytes, %d threads, input %s", pieceBytes, threads, shown(input)).isEqualTo(plain);
    }

    private static String shown(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /** A table's whole content as a comparable string, or the error's class and line. */
    private static Object outcome(java.util.function.Supplier<CsvTable> read) {
        CsvTable t;
        try {
            t = read.get();
        } catch (MlemUserException e) {
            return "error " + e.oneLine();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(t.source()).append(' ').append(t.rows()).append(' ').append(t.names()).append('\n');
        for (int i = 0; i < t.rows(); i++) {
            sb.append(t.line(i)).append(' ');
        }
        for (String name : t.names()) {
            CsvColumn c = t.column(name);
            sb.append('\n').append(name).append(' ').append(c.position()).append(' ');
            if (c instanceof CsvColumn.Numeric n) {
                sb.append("numeric inf@").append(n.firstInfiniteRow());
                for (double v : n.values()) {
                    sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
                }
            } else {
                CsvColumn.Text x = (CsvColumn.Text) c;
                sb.append("text @").append(x.firstTextRow()).append(" '").append(x.firstText()).append("' ")
                        .append(x.numberCells()).append('/').append(x.textCells()).append(' ').append(Arrays.toString(x.values()));
            }
        }
        return sb.toString();
    }

    /** Rows of numbers, text, quoted and (rarely) malformed cells, blank lines and mixed line ends. */
    private static byte[] table(SplittableRandom rng, char delimiter) {
        StringBuilder sb = new StringBuilder();
        if (rng.nextInt(5) == 0) {
            sb.append('\uFEFF');
        }
        int cols = 1 + rng.nextInt(6);
        int rows = rng.nextInt(120);
        int[] kind = new int[cols];
        for (int j = 0; j < cols; j++) {
            kind[j] = rng.nextInt(4);
        }
        int textFrom = rng.nextInt(rows + 1);
        boolean malformed = rng.nextInt(8) == 0;
        for (int j = 0; j < cols; j++) {
            sb.append(j == 0 ? "" : delimiter).append(rng.nextInt(6) == 0 ? "\"c" + j + "\"" : rng.nextInt(10) == 0 ? "" : "c" + j);
        }
        sb.append('\n');
        for (int i = 0; i < rows; i++) {
            if (rng.nextInt(15) == 0) {
                sb.append(rng.nextBoolean() ? "\n" : "\r\n");
            }
            int n = rng.nextInt(40) == 0 ? rng.nextInt(cols + 2) : cols;
            for (int j = 0; j < n; j++) {
                sb.append(j == 0 ? "" : delimiter).append(cell(rng, kind[Math.min(j, cols - 1)], i >= textFrom, malformed && rng.nextInt(50) == 0));
            }
            sb.append(switch (rng.nextInt(6)) {
                case 0 -> "\r\n";
                case 1 -> "\r";
                default -> "\n";
            });
        }
        if (rng.nextBoolean() && sb.length() > 0) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(SplittableRandom rng, int kind, boolean late, boolean malformed) {
        if (malformed) {
            return MALFORMED[rng.nextInt(MALFORMED.length)];
        }
        int r = rng.nextInt(100);
        if (kind == 1 || (kind == 2 && late && r < 30)) {
            return TEXTS[rng.nextInt(TEXTS.length)];
        }
        if (r < 8) {
            return QUOTED[rng.nextInt(QUOTED.length)];
        }
        if (r < 25) {
            return NUMBERS[rng.nextInt(NUMBERS.length)];
        }
        if (kind == 3) {
            return String.format(java.util.Locale.ROOT, "%.6f", rng.nextGaussian() * 100);
        }
        return Double.toString(rng.nextGaussian() * Math.pow(10, rng.nextInt(30) - 15));
    }
}
