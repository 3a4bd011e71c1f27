package org.mlem.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;

/** Oracle: R 4.2's parser and arithmetic (values written out by hand from R's precedence rules); exact. */
class ExprParseTest {

    private static double eval(String text) {
        return Expr.parse(text).evaluate(Map.of());
    }

    @Test
    void precedenceFollowsR() {
        assertThat(eval("-2^2")).isEqualTo(-4.0);          // R: -2^2 == -4
        assertThat(eval("2^3^2")).isEqualTo(512.0);        // right-associative
        assertThat(eval("2^-1")).isEqualTo(0.5);
        assertThat(eval("-2^-2")).isEqualTo(-0.25);
        assertThat(eval("2**3")).isEqualTo(8.0);           // R accepts ** for ^
        assertThat(eval("1 - 2 - 3")).isEqualTo(-4.0);     // left-associative
        assertThat(eval("8 / 4 / 2")).isEqualTo(1.0);
        assertThat(eval("1 + 2 * 3")).isEqualTo(7.0);
        assertThat(eval("(1 + 2) * 3")).isEqualTo(9.0);
        assertThat(eval("-(3)*-2")).isEqualTo(6.0);
        assertThat(eval("1e-4 * 2.5E2 + .5")).isEqualTo(0.025 + 0.5);
        assertThat(eval("cos(pi)")).isEqualTo(-1.0);
        assertThat(eval("exp(log(3)) + sqrt(16) + abs(-2) + atan(1)*4 + tan(0) + sin(0)"))
                .isCloseTo(3 + 4 + 2 + Math.PI, within(1e-14));
    }

    @Test
    void namesAndVariablesInOrder() {
        Expr e = Expr.parse("b1*(x.1^2+x.1*b_2) / (.x + b1)");
        assertThat(e.variables()).containsExactly("b1", "x.1", "b_2", ".x");
        assertThat(e.evaluate(Map.of("b1", 2.0, "x.1", 3.0, "b_2", 1.0, ".x", 1.0)))
                .isEqualTo(2.0 * (9 + 3) / 3.0);
    }

    @Test
    void printsWithMinimalParenthesesAndReparsesToSameTree() {
        for (String s : List.of("b1 * (1 - exp(-b2 * x))", "-x^2", "(-x)^2", "2^3^2", "(2^3)^2",
                "a - (b - c)", "a / (b * c)", "a / b * c", "b1 / (1 + exp(b2 - b3 * x))^(1 / b4)")) {
            Expr e = Expr.parse(s);
            assertThat(Expr.parse(e.toString())).as(s).isEqualTo(e);
        }
        assertThat(Expr.parse("a - (b - c)").toString()).isEqualTo("a-(b-c)");
        assertThat(Expr.parse("(2^3)^2").toString()).isEqualTo("(2^3)^2");
    }

    @Test
    void vectorisedEvaluationBroadcastsLengthOneColumns() {
        Expr e = Expr.parse("b1*(1-exp(-b2*x))");
        double[] x = {1, 2, 3};
        double[] out = e.evaluateColumns(Map.of("x", x, "b1", new double[] {2}, "b2", new double[] {0.5}));
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).isEqualTo(2 * (1 - Math.exp(-0.5 * x[i])));
        }
        double[] same = Expr.parse("x").evaluateColumns(Map.of("x", x));
        assertThat(same).containsExactly(x).isNotSameAs(x);
    }

    @Test
    void compiledScalarEqualsVector() {
        CompiledExpr c = Expr.parse("a^2 + log(b)/a").compile(List.of("b", "a"));
        assertThat(c.evaluate(2.0, 3.0)).isEqualTo(9 + Math.log(2) / 3);
        assertThat(c.evaluate(new double[][] {{2.0}, {3.0, 1.0}}))
                .containsExactly(9 + Math.log(2) / 3, 1 + Math.log(2));
    }

    @Test
    void formulaHasTwoSides() {
        Formula f = Formula.parse("log(y) ~ b1 + b2 * x");
        assertThat(f.lhs()).isEqualTo(Expr.parse("log(y)"));
        assertThat(f.rhs().variables()).containsExactly("b1", "b2", "x");
        assertThat(f.variables()).containsExactly("y", "b1", "b2", "x");
    }

    @Test
    void parseErrorsNamePositionAndExpectation() {
        assertThatThrownBy(() -> Expr.parse("b1*(1-exp(-b2*x)"))
                .isInstanceOf(MlemUserException.class)
                .hasMessage("formula: expected ')' at position 17 (found end of formula) "
                        + "to close '(' at position 4 in 'b1*(1-exp(-b2*x)'");
        assertThatThrownBy(() -> Expr.parse("b1 * + "))
                .hasMessageContaining("expected a number, a name, a function call or '(' at position 8");
        assertThatThrownBy(() -> Expr.parse("a b"))
                .hasMessageContaining("expected an operator or end of formula at position 3");
        assertThatThrownBy(() -> Expr.parse("a)"))
                .hasMessageContaining("unmatched ')'").hasMessageContaining("position 2");
        assertThatThrownBy(() -> Expr.parse("1e+x"))
                .hasMessageContaining("digits of the exponent").hasMessageContaining("position 2");
        assertThatThrownBy(() -> Expr.parse("a % b"))
                .hasMessageContaining("position 3").hasMessageContaining("found '%'");
        assertThatThrownBy(() -> Expr.parse("expo(x)"))
                .hasMessageContaining("unknown function 'expo' at position 1")
                .hasMessageContaining("exp, log, sqrt, sin, cos, tan, atan, abs");
        assertThatThrownBy(() -> Formula.parse("y b1*x"))
                .hasMessageContaining("expected '~' separating response and model at position 3");
        assertThatThrownBy(() -> Formula.parse(" ~ x"))
                .hasMessageContaining("response").hasMessageContaining("position 2");
        assertThatThrownBy(() -> Formula.parse("y ~ a ~ b"))
                .hasMessageContaining("position 7");
        assertThatThrownBy(() -> Expr.parse("x").evaluate(Map.of()))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("no value for 'x'");
    }
}
