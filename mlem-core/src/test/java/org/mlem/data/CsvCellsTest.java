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
}
