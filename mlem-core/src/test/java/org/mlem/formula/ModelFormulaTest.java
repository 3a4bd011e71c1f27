package org.mlem.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlem.MlemUserException;

/** Oracle: R 4.2's {@code attr(terms(f), "term.labels")} and {@code attr(terms(f), "intercept")}, typed here. */
class ModelFormulaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "y ~ a * b | a,b,a:b | true",
        "y ~ b:a + a | a,b:a | true",
        "y ~ (a + b + c)^2 | a,b,c,a:b,a:c,b:c | true",
        "y ~ a * b - a:b | a,b | true",
        "y ~ a + b - 1 | a,b | false",
        "y ~ 0 + a | a | false",
        "y ~ a + 0 | a | false",
        "y~a*b*c | a,b,c,a:b,a:c,b:c,a:b:c | true",
        "log(y) ~ log(x) + I(x^2) + I(x*2) + sqrt(x + 1) + exp(-x) | log(x),I(x^2),I(x * 2),sqrt(x + 1),exp(-x) | true",
        "y ~ a + a + a:a | a | true",
    })
    void termLabelsAsR(String formula, String labels, boolean intercept) {
        ModelFormula f = ModelFormula.parse(formula);
        assertThat(f.termLabels()).containsExactlyElementsOf(List.of(labels.split(",")));
        assertThat(f.intercept()).isEqualTo(intercept);
    }

    @Test
    void dotMeansEveryOtherColumn() {
        // R: terms(y ~ ., data = data.frame(y, a, b)) has labels a, b
        assertThat(ModelFormula.parse("y ~ . - b + b:a", List.of("y", "a", "b")).termLabels())
                .containsExactly("a", "a:b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "y ~ a + + b | 9",
        "y ~ a + | 8",
        "y ~ (a + b | 11",
        "y ~ a b | 7",
        "~ a | 1",
        "y ~ log(x | 8",
        "y a | 3",
        "y ~ a^b | 7",
        "y ~ . | 5",
    })
    void syntaxErrorsNameTheCharacter(String formula, int column) {
        assertThatThrownBy(() -> ModelFormula.parse(formula))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("at character " + column)
                .satisfies(e -> assertThat(((MlemUserException) e).column()).isEqualTo(column));
    }
}
