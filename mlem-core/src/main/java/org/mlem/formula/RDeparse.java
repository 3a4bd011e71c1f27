package org.mlem.formula;

import org.mlem.expr.Expr;

/**
 * Prints an expression as R's {@code deparse} does in model-matrix column names: spaces around
 * {@code + - *}, none around {@code / ^}, parentheses only where precedence needs them.
 */
final class RDeparse {
    private RDeparse() {
    }

    static String of(Expr e) {
        if (e instanceof Expr.Num n) {
            return number(n.value());
        }
        if (e instanceof Expr.Var v) {
            return v.name();
        }
        if (e instanceof Expr.Neg n) {
            return "-" + wrap(n.arg(), e.precedence(), false);
        }
        if (e instanceof Expr.Call c) {
            return c.fn().rName() + "(" + of(c.arg()) + ")";
        }
        Expr.Binary b = (Expr.Binary) e;
        String symbol = b.op().symbol();
        boolean tight = symbol.equals("/") || symbol.equals("^");
        boolean rightAssoc = symbol.equals("^");
        String left = wrap(b.left(), e.precedence(), rightAssoc);
        String right = wrap(b.right(), e.precedence(), !rightAssoc);
        return tight ? left + symbol + right : left + " " + symbol + " " + right;
    }

    private static String wrap(Expr e, int context, boolean strict) {
        int p = e.precedence();
        return p < context || (strict && p == context) ? "(" + of(e) + ")" : of(e);
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace("E", "e");
    }
}
