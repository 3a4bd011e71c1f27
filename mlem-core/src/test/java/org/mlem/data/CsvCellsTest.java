package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Oracle: the cell grammar CsvReader documents (missing, number via Double.parseDouble's bits, infinity, text). */
class CsvCellsTest {

    @Test
    void missingNumbersInfinitiesAndText() {
        for (String missing : new String[] {"", " ", "NA", "NaN", " NA "}) {
            assertThat(CsvCells.parse(missing)).as(missing).isNaN();
            assertThat(CsvCells.isTextMark(CsvCells.parse(missing))).as(missing).isFalse();
        }
        for (String number : new String[] {"+1.5", ".5", "5.", "-0", " 2.5e-3 ", "46.732159140771408", "1e400", "1e-400"}) {
            assertThat(Double.doubleToRawLongBits(CsvCells.parse(number))).as(number)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number.strip())));
        }
        assertThat(CsvCells.parse("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CsvCells.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        for (String text : new String[] {"x", "1.2.3", "1e", "e1", "1d", "--1"}) {
            assertThat(CsvCells.isTextMark(CsvCells.parse(text))).as(text).isTrue();
        }
    }

    /**
     * Oracle: {@link Double#parseDouble} and {@link CsvCells#parse}. In a text column, text is told
     * apart without catching its exception ({@link CsvCells#parseInTextColumn}); on 100,000 strings from the numbers' alphabet (seed fixed) a cell is text exactly when
     * parseDouble refuses it, and a number with parseDouble's bits otherwise.
     */
    @Test
    void textIsToldApartAsParseDoubleDoes() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(12);
        String alphabet = "0123456789+-.eExXpPa ";
        for (int t = 0; t < 100_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rng.nextInt(8);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            String s = sb.toString().strip();
            if (s.isEmpty()) {
                continue;
            }
            Double expected;
            try {
                expected = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                expected = null;
            }
            double v = CsvCells.parseInTextColumn(s);
            assertThat(Double.doubleToRawLongBits(v)).as(s).isEqualTo(Double.doubleToRawLongBits(CsvCells.parse(s)));
            char last = s.charAt(s.length() - 1);
            if ((last < '0' || last > '9') && last != '.') {
                continue; // suffixes (1d) and words are text by the grammar before parsing
            }
            if (expected == null) {
                assertThat(CsvCells.isTextMark(v)).as(s).isTrue();
            } else {
                assertThat(Double.doubleToRawLongBits(v)).as(s).isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }
}
