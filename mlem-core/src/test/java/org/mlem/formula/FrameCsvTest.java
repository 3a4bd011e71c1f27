package org.mlem.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;

class FrameCsvTest {
    private static final Path MIXED = Path.of("src/test/resources/fixtures/frame/mixed.csv");

    /** Oracle: the fixture's cells, read by eye (empty and NA are missing; a mostly-text column is text). */
    @Test
    void readsNumbersTextAndMissingCells() {
        Frame f = Frame.readCsv(MIXED);
        assertThat(f.rows()).isEqualTo(4);
        assertThat(f.names()).containsExactly("y", "x", "group", "note");
        assertThat(f.isNumeric("y")).isTrue();
        assertThat(f.isNumeric("x")).isTrue();
        assertThat(f.isNumeric("group")).isFalse();
        assertThat(f.isNumeric("note")).isFalse();
        assertThat(f.numeric("y")).containsExactly(1, 0, 1, Double.NaN);
        assertThat(f.numeric("x")).containsExactly(0.5, Double.NaN, 2.25, -3);
        assertThat(f.text("group")).containsExactly("a", "b", null, "a");
        // a number among text keeps its canonical text
        assertThat(f.text("note")).containsExactly("first", null, "third", "4");
    }

    @Test
    void aFrameFromCsvFitsAFormula() {
        Frame f = Frame.readCsv(Path.of("../examples/mtcars.csv"));
        Design d = Design.build("am ~ wt", f, DesignSpec.DEFAULTS);
        assertThat(d.rows()).isEqualTo(32);
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Frame.readCsv(Path.of("no-such.csv")))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("no such file");
    }
}
