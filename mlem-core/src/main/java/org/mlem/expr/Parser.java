package org.mlem.expr;

import org.mlem.MlemUserException;

/**
 * Recursive-descent parser for R-style arithmetic. Grammar (R's precedence, loosest first):
 * <pre>
 * formula := sum '~' sum
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary (('^' | '**') unary)?        right-associative, tighter than unary minus
 * primary := number | name | name '(' sum ')' | '(' sum ')'
 * </pre>
 * Positions in error messages are 1-based character positions in the whole text.
 */
final class Parser {
    private final String text;
    private int pos;
    /**
     * Levels of the tree being built above {@link #pos}: parentheses, calls, signs and operators in
     * a chain. Bounded, so that neither this parser nor the recursive walks over the tree
     * (evaluation, derivatives, printing) can exhaust the stack.
     */
    private int depth;
    static final int MAX_DEPTH = 500;

    private Parser(String text) {
        this.text = text;
    }

    static Expr parseExpression(String text) {
        Parser p = new Parser(requireText(text));
        Expr e = p.sum();
        p.expectEnd();
        return e;
    }

    static Formula parseFormula(String text) {
        Parser p = new Parser(requireText(text));
        p.skipSpace();
        if (p.peek() == '~') {
            throw p.error("a response (left-hand side) before '~'");
        }
        Expr lhs = p.sum();
        p.skipSpace();
        if (p.peek() != '~') {
            throw p.error("'~' separating response and model");
        }
        p.pos++;
        Expr rhs = p.sum();
        p.expectEnd();
        return new Formula(lhs, rhs);
    }

    private static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new MlemUserException("formula: empty; write e.g. 'y ~ b1*(1-exp(-b2*x))'");
        }
        return text;
    }

    private void expectEnd() {
        skipSpace();
        if (pos < text.length()) {
            char c = text.charAt(pos);
            String what = c == ')' ? "an operator or end of formula (unmatched ')')"
                    : "an operator or end of formula";
            throw error(what);
        }
    }

    private Expr sum() {
        int entered = depth;
        Expr e = product();
        while (true) {
            skipSpace();
            char c = peek();
            if (c == '+') {
                pos++;
                deeper();
                e = new Expr.Binary(Op.ADD, e, product());
            } else if (c == '-') {
                pos++;
                deeper();
                e = new Expr.Binary(Op.SUB, e, product());
            } else {
                depth = entered;
                return e;
            }
        }
    }

    private Expr product() {
        int entered = depth;
        Expr e = unary();
        while (true) {
            skipSpace();
            char c = peek();
            if (c == '*' && peekAt(1) != '*') {
                pos++;
                deeper();
                e = new Expr.Binary(Op.MUL, e, unary());
            } else if (c == '/') {
                pos++;
                deeper();
                e = new Expr.Binary(Op.DIV, e, unary());
            } else {
                depth = entered;
                return e;
            }
        }
    }

    private void deeper() {
        if (++depth > MAX_DEPTH) {
            throw new MlemUserException("formula: more than " + MAX_DEPTH + " levels of parentheses, calls, signs or "
                    + "chained operators at position " + (pos + 1) + "; write the formula with fewer levels");
        }
    }

    private Expr unary() {
        int entered = depth;
        deeper();
        Expr e = signed();
        depth = entered;
        return e;
    }

    private Expr signed() {
        skipSpace();
        char c = peek();
        if (c == '-') {
            pos++;
            Expr arg = unary();
            return arg instanceof Expr.Num n ? new Expr.Num(-n.value()) : new Expr.Neg(arg);
        }
        if (c == '+') {
            pos++;
            return unary();
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        skipSpace();
        if (peek() == '^') {
            pos++;
            return new Expr.Binary(Op.POW, base, unary());
        }
        if (peek() == '*' && peekAt(1) == '*') {
            pos += 2;
            return new Expr.Binary(Op.POW, base, unary());
        }
        return base;
    }

    private Expr primary() {
        skipSpace();
        char c = peek();
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peekAt(1)))) {
            return number();
        }
        if (isNameStart(c)) {
            int start = pos;
            String name = name();
            skipSpace();
            if (peek() == '(') {
                return call(name, start);
            }
            return name.equals("pi") ? new Expr.Num(Math.PI) : new Expr.Var(name);
        }
        if (c == '(') {
            int open = pos;
            pos++;
            Expr inner = sum();
            skipSpace();
            if (peek() != ')') {
                throw error("')'", "to close '(' at position " + (open + 1));
            }
            pos++;
            return inner;
        }
        throw error("a number, a name, a function call or '('");
    }

    private Expr call(String name, int start) {
        Fn fn = Fn.byName(name).orElseThrow(() -> new MlemUserException("formula: unknown function '"
                + name + "' at position " + (start + 1) + " in '" + text + "'; known functions are "
                + Fn.knownNames()));
        int open = pos;
        pos++; // '('
        Expr arg = sum();
        skipSpace();
        if (peek() == ',') {
            throw error("')'", "(" + name + "() takes one argument)");
        }
        if (peek() != ')') {
            throw error("')'", "to close '" + name + "(' at position " + (open + 1));
        }
        pos++;
        return new Expr.Call(fn, arg);
    }

    private Expr number() {
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        if (peek() == '.') {
            pos++;
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            int mark = pos;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!Character.isDigit(peek())) {
                pos = mark;
                throw error("digits of the exponent in '" + text.substring(start, mark + 1) + "'");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        return new Expr.Num(Double.parseDouble(text.substring(start, pos)));
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '.';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return peekAt(0);
    }

    private char peekAt(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private MlemUserException error(String expected) {
        return error(expected, null);
    }

    private MlemUserException error(String expected, String note) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of formula";
        return new MlemUserException("formula: expected " + expected + " at position " + (pos + 1)
                + " (found " + found + ")" + (note == null ? "" : " " + note) + " in '" + text + "'");
    }
}
