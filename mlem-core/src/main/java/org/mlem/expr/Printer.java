package org.mlem.expr;

/** Prints expressions as R would read them, with only the parentheses precedence requires. */
final class Printer {
    static final int ADDITIVE = 1;
    static final int MULTIPLICATIVE = 2;
    static final int UNARY = 3;
    static final int POWER = 4;
    static final int ATOM = 5;

    private Printer() {
    }

    /** {@code e} in parentheses when it binds looser than {@code context} (or equally, if strict). */
    static String wrap(Expr e, int context, boolean strict) {
        int p = e.precedence();
        boolean parens = p < context || (strict && p == context);
        return parens ? "(" + e + ")" : e.toString();
    }

    static String number(double v) {
        if (v == Math.PI) {
            return "pi";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace("E", "e");
    }
}
