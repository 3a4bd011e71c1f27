package org.mlem.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.formula.ModelFormula;

/**
 * A formula nested a couple of thousand levels deep overflowed the parser's stack (a
 * StackOverflowError, an internal fault); it is a user error now (issue 12). Oracle: the limit,
 * {@link Parser#MAX_DEPTH} levels, and exact arithmetic just below it.
 */
class DeepFormulaTest {

    private static String nested(String open, String inner, String close, int levels) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    private static Object parse(String f) {
        return f.contains("~") ? Formula.parse(f) : Expr.parse(f);
    }

    @Test
    void thousandsOfParenthesesCallsOrSignsAreAUserError() {
        for (String f : new String[] {nested("(", "x", ")", 3000), nested("exp(", "x", ")", 3000),
                nested("-", "x", "", 3000), nested("2^", "x", "", 3000), "y ~ " + nested("(", "b*x", ")", 3000)}) {
            assertThatThrownBy(() -> parse(f))
                    .isInstanceOf(MlemUserException.class).hasMessageContaining("more than " + Parser.MAX_DEPTH + " levels")
                    .hasMessageContaining("fewer levels");
        }
    }

    @Test
    void aLongChainOfOperatorsIsAUserErrorNotAStackOverflowLater() {
        String chain = "x" + "+x".repeat(5000);
        assertThatThrownBy(() -> Expr.parse(chain)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("chained operators");
    }

    /** Oracle: 100 nested parentheses around 1 + 100 terms of x (= 2): 1 + 200 = 201, exactly. */
    @Test
    void reasonableDepthsStillParse() {
        Expr e = Expr.parse(nested("(", "1" + "+x".repeat(100), ")", 100));
        assertThat(e.evaluate(Map.of("x", 2.0))).isEqualTo(201.0);
        assertThat(Expr.parse(nested("-", "3", "", 100)).evaluate(Map.of())).isEqualTo(3.0);
    }

    @Test
    void modelFormulasNestedThousandsDeepAreAUserError() {
        String f = "y ~ " + nested("(", "x", ")", 3000);
        assertThatThrownBy(() -> ModelFormula.parse(f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("nested more than").hasMessageContaining("fewer levels");
        assertThat(ModelFormula.parse("y ~ " + nested("(", "x", ")", 50)).toString()).contains("x");
    }
}
