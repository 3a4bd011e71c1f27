package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Oracle: {@link Double#parseDouble}. Every string must give the same bits (tolerance: none), or
 * both must throw {@link NumberFormatException}.
 */
class DecimalParserTest {

    private static void assertSameAsJdk(String s) {
        double expected;
        try {
            expected = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            assertThatThrownBy(() -> DecimalParser.parseDouble(s)).as(s).isInstanceOf(NumberFormatException.class);
            return;
        }
        assertThat(Double.doubleToRawLongBits(DecimalParser.parseDouble(s))).as(s)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    private static double anyFinite(long bits) {
        double v = Double.longBitsToDouble(bits);
        return Double.isFinite(v) ? v : Double.longBitsToDouble(bits & 0x3FFF_FFFF_FFFF_FFFFL);
    }

    @Property(tries = 3000)
    void randomBitPatternsPrintedEveryWay(@ForAll long bits) {
        double v = anyFinite(bits);
        assertSameAsJdk(Double.toString(v));
        assertSameAsJdk(String.format(Locale.ROOT, "%.17g", v));
        assertSameAsJdk(String.format(Locale.ROOT, "%.16e", v));
        assertSameAsJdk(String.format(Locale.ROOT, "%.15e", v));
        assertSameAsJdk(String.format(Locale.ROOT, "%.3g", v));
        assertSameAsJdk(String.format(Locale.ROOT, "%+.18e", v));
    }

    @Property(tries = 3000)
    void randomValuesOfDataScale(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int digits,
            @ForAll @IntRange(min = -30, max = 30) int exponent) {
        SplittableRandom r = new SplittableRandom(seed);
        double v = r.nextGaussian() * Math.pow(10, exponent);
        assertSameAsJdk(Double.toString(v));
        assertSameAsJdk(String.format(Locale.ROOT, "%." + digits + "g", v));
        assertSameAsJdk(String.format(Locale.ROOT, "%." + digits + "f", v));
        assertSameAsJdk(String.format(Locale.ROOT, "%." + (digits - 1) + "e", v));
    }

    @Property(tries = 3000)
    void randomDigitStrings(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder();
        int form = r.nextInt(4);
        if (form == 1) {
            s.append('-');
        } else if (form == 2) {
            s.append('+');
        }
        int before = r.nextInt(0, 22);
        for (int i = 0; i < before; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        if (r.nextBoolean() || before == 0) {
            s.append('.');
            int after = r.nextInt(0, 22);
            for (int i = 0; i < after; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
        }
        if (r.nextBoolean()) {
            s.append(r.nextBoolean() ? 'e' : 'E');
            int sign = r.nextInt(3);
            s.append(sign == 0 ? "" : sign == 1 ? "-" : "+");
            s.append(r.nextInt(0, 400));
        }
        assertSameAsJdk(s.toString());
    }

    @Test
    void edgeStrings() {
        String[] edges = {
            "0", "-0", "+0", "0.0", "-0.0", "0e0", "0e-999", "000.000", ".5", "5.", "+.5", "-5.", "+5", "1e0",
            "1E+2", "1e-2", "1.5e", "e5", ".", "-", "+", "", " 1", "1 ", "1d", "1f", "1x", "--1", "1..2", "1e+",
            "1e5.5", "NaN", "NA", "Inf", "-Inf", "Infinity", "-Infinity", "0x1p3", "0x1.8p1",
            "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e400", "-1e400",
            "2.2250738585072014E-308", "2.2250738585072011e-308", "2.225073858507201e-308",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
            "9007199254740993.0000000000", "18446744073709551615", "18446744073709551616",
            "9999999999999999999", "99999999999999999999", "1e23", "8.98846567431158e307",
            "123456789012345678901234567890", "0.1", "0.2", "0.3", "3.141592653589793", "2.718281828459045",
            "1e22", "1e-22", "1e23", "1e-23", "7.3177701707893310e+15", "0.000000000000000000000000000001",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "2.0000000000000004440892098500626", "1e-05", "1e+05", "00000000000000000000001.5"};
        for (String s : edges) {
            assertSameAsJdk(s);
        }
    }

    /**
     * The fast paths must decide nearly every value written with 17 significant digits (otherwise
     * the parser is only as fast as the JDK's); oracle: the JDK, bit for bit, on what they decide.
     */
    @Test
    void fastPathsDecideNearlyAllSeventeenDigitValues() {
        SplittableRandom r = new SplittableRandom(4);
        int decided = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double v = r.nextGaussian() * 3;
            String s = String.format(Locale.ROOT, "%.16e", Math.abs(v));
            long w = Long.parseLong(s.substring(0, 1) + s.substring(2, 18));
            int q = Integer.parseInt(s.substring(19)) - 16;
            double fast = DecimalParser.exact(w, q);
            if (!Double.isNaN(fast)) {
                decided++;
                assertThat(Double.doubleToRawLongBits(fast)).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
            }
        }
        assertThat(decided).isGreaterThan(n * 99 / 100);
    }
}
