package org.mlem.expr;

import static org.mlem.expr.Expr.add;
import static org.mlem.expr.Expr.call;
import static org.mlem.expr.Expr.div;
import static org.mlem.expr.Expr.mul;
import static org.mlem.expr.Expr.num;
import static org.mlem.expr.Expr.pow;
import static org.mlem.expr.Expr.sub;

/** The binary operators, with their arithmetic and their derivative rules. */
public enum Op {
    ADD("+", Printer.ADDITIVE),
    SUB("-", Printer.ADDITIVE),
    MUL("*", Printer.MULTIPLICATIVE),
    DIV("/", Printer.MULTIPLICATIVE),
    POW("^", Printer.POWER);

    private final String symbol;
    private final int precedence;

    Op(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The operator as written in R. */
    public String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    /** {@code a op b} in IEEE double arithmetic (R's {@code ^} is {@link Math#pow}). */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
        };
    }

    Expr derivative(Expr u, Expr v, String x) {
        Expr du = u.derivative(x);
        Expr dv = v.derivative(x);
        return switch (this) {
            case ADD -> add(du, dv);
            case SUB -> sub(du, dv);
            case MUL -> add(mul(du, v), mul(u, dv));
            case DIV -> isZero(dv) ? div(du, v) : div(sub(mul(du, v), mul(u, dv)), pow(v, num(2)));
            case POW -> powerDerivative(u, v, du, dv);
        };
    }

    private static Expr powerDerivative(Expr u, Expr v, Expr du, Expr dv) {
        // d(u^v) = v u^(v-1) du + u^v log(u) dv; the second term only when v depends on x,
        // so that u^2 stays defined for negative u
        Expr first = mul(mul(v, pow(u, sub(v, num(1)))), du);
        if (isZero(dv)) {
            return first;
        }
        return add(first, mul(mul(pow(u, v), call(Fn.LOG, u)), dv));
    }

    private static boolean isZero(Expr e) {
        return e instanceof Expr.Num n && n.value() == 0;
    }
}
