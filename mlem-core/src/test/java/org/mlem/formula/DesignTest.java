package org.mlem.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;

/** Oracle: R 4.2's {@code model.matrix} on the same small data, typed here. Exact (0/1 and copies). */
class DesignTest {
    private static final Frame DATA = Frame.builder()
            .numeric("y", 1, 2, 3, 4, 5, 6)
            .numeric("x", 1, 2, 4, 8, 16, 32)
            .text("f", "B", "A", "C", "A", "B", "C")
            .text("g", "u", "v", "u", "v", "u", "v")
            .build();

    @Test
    void noInterceptGivesFirstFactorAllLevels() {
        // R: colnames(model.matrix(~ f + g - 1)) = fA fB fC gv
        Design d = Design.build("y ~ f + g - 1", DATA, DesignSpec.DEFAULTS);
        assertThat(d.columnNames()).containsExactly("fA", "fB", "fC", "gv");
        assertThat(d.get(0, 1)).isEqualTo(1.0);
        assertThat(d.get(1, 0)).isEqualTo(1.0);
        assertThat(d.get(1, 3)).isEqualTo(1.0);
    }

    @Test
    void factorCodingFollowsTermMargins() {
        // R: colnames(model.matrix(y ~ x + x:f)) = (Intercept) x x:fB x:fC
        Design d = Design.build("y ~ x + x:f", DATA, DesignSpec.DEFAULTS);
        assertThat(d.columnNames()).containsExactly("(Intercept)", "x", "x:fB", "x:fC");
        assertThat(d.get(2, 3)).isEqualTo(4.0);
        // R: model.matrix(y ~ x:f) = (Intercept) x:fA x:fB x:fC
        assertThat(Design.build("y ~ x:f", DATA, DesignSpec.DEFAULTS).columnNames())
                .containsExactly("(Intercept)", "x:fA", "x:fB", "x:fC");
        // R: model.matrix(y ~ g + f:g) = (Intercept) gv gu:fB gv:fB gu:fC gv:fC
        assertThat(Design.build("y ~ g + f:g", DATA, DesignSpec.DEFAULTS).columnNames())
                .containsExactly("(Intercept)", "gv", "gu:fB", "gv:fB", "gu:fC", "gv:fC");
    }

    @Test
    void explicitLevelOrderSetsTheBaseline() {
        // R: factor(f, levels = c("C", "A", "B")) gives columns fA fB
        Design d = Design.build("y ~ f * g", DATA, DesignSpec.DEFAULTS.withLevels("f", java.util.List.of("C", "A", "B")));
        assertThat(d.columnNames()).containsExactly("(Intercept)", "fA", "fB", "gv", "fA:gv", "fB:gv");
    }

    @Test
    void transformsAreEvaluated() {
        Design d = Design.build("log(y) ~ I(x^2) + sqrt(x)", DATA, DesignSpec.DEFAULTS);
        assertThat(d.response()[1]).isEqualTo(Math.log(2));
        assertThat(d.get(2, 1)).isEqualTo(16.0);
        assertThat(d.get(3, 2)).isEqualTo(Math.sqrt(8));
    }

    @Test
    void missingCellIsAnErrorNamingTheRowUnlessDropped() {
        Frame f = Frame.builder().numeric("y", 1, 2, 3, 4, 5).numeric("x", 1, Double.NaN, 3, 5, 6)
                .text("g", "a", "b", null, "a", "b").build();
        assertThatThrownBy(() -> Design.build("y ~ x + g", f, DesignSpec.DEFAULTS))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("data row 2").hasMessageContaining("'x'");
        Design d = Design.build("y ~ x + g", f, DesignSpec.DEFAULTS.withDropMissing(true));
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.droppedRows()).isEqualTo(2);
        assertThat(d.sourceRows()).containsExactly(0, 3, 4);
    }

    @Test
    void unknownColumnIsNamed() {
        assertThatThrownBy(() -> Design.build("y ~ x + z", DATA, DesignSpec.DEFAULTS))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("'z'").hasMessageContaining("not in the data");
    }

    @Test
    void levelMissingFromGivenOrderIsNamed() {
        assertThatThrownBy(() -> Design.build("y ~ f", DATA, DesignSpec.DEFAULTS.withLevels("f", java.util.List.of("A", "B"))))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("data row 3").hasMessageContaining("'C'");
    }

    @Test
    void transformOfBadValueNamesTheRow() {
        Frame f = Frame.builder().numeric("y", 1, 2, 3).numeric("x", 1, -2, 3).build();
        assertThatThrownBy(() -> Design.build("y ~ log(x)", f, DesignSpec.DEFAULTS))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("data row 2").hasMessageContaining("log(x)");
    }
}
