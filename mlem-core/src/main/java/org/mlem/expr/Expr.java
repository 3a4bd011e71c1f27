package org.mlem.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable arithmetic expression over named variables, as written in an R formula: numbers,
 * names (columns or parameters), {@code + - * / ^}, unary minus, parentheses, the functions of
 * {@link Fn} and the constant {@code pi}. Precedence is R's: {@code ^} is right-associative and
 * binds tighter than unary minus, so {@code -2^2 = -4} and {@code 2^3^2 = 512}.
 *
 * <p>Derivatives are symbolic and exact ({@link #derivative(String)}), lightly simplified
 * (constants folded, additions of 0 and products with 0 or 1 removed). Evaluation is scalar
 * ({@link #evaluate(Map)}) or vectorised over rows ({@link #evaluateColumns(Map)}); for repeated
 * evaluation {@link #compile(List)} binds names to slots once.
 */
public sealed interface Expr permits Expr.Num, Expr.Var, Expr.Neg, Expr.Binary, Expr.Call {

    /** Parses an expression; throws {@link org.mlem.MlemUserException} naming the 1-based position. */
    static Expr parse(String text) {
        return Parser.parseExpression(text);
    }

    /** The names this expression uses, in order of first appearance (left to right). */
    default Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        collectVariables(names);
        return Collections.unmodifiableSet(names);
    }

    /** Adds the names used here to {@code into}, left to right. */
    void collectVariables(Set<String> into);

    /** The exact derivative with respect to {@code variable}, lightly simplified. */
    Expr derivative(String variable);

    /** Binds variable names to slots (positions in the value arrays given to the compiled form). */
    default CompiledExpr compile(List<String> slots) {
        return new CompiledExpr(this, slots);
    }

    /**
     * The value for scalar variable values.
     *
     * @throws org.mlem.MlemUserException when a variable has no value
     */
    default double evaluate(Map<String, Double> values) {
        List<String> slots = new ArrayList<>(variables());
        double[] v = new double[slots.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = CompiledExpr.lookup(values, slots.get(i));
        }
        return compile(slots).evaluate(v);
    }

    /**
     * The value at every row. Each array is a column of length n, or of length 1 for a value shared
     * by all rows (a parameter); the result has length n (1 when every input has length 1).
     *
     * @throws org.mlem.MlemUserException when a variable is missing or columns differ in length
     */
    default double[] evaluateColumns(Map<String, double[]> columns) {
        List<String> slots = new ArrayList<>(variables());
        double[][] cols = new double[slots.size()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = CompiledExpr.lookup(columns, slots.get(i));
        }
        return compile(slots).evaluate(cols);
    }

    /** Precedence used for printing with minimal parentheses (higher binds tighter). */
    int precedence();

    // ----- smart constructors with light simplification -----

    /** A number. */
    static Expr num(double v) {
        return new Num(v);
    }

    /** A named variable. */
    static Expr var(String name) {
        return new Var(name);
    }

    /** {@code a + b}, simplified. */
    static Expr add(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return num(x.value() + y.value());
        }
        if (isValue(a, 0)) {
            return b;
        }
        if (isValue(b, 0)) {
            return a;
        }
        if (b instanceof Neg nb) {
            return sub(a, nb.arg());
        }
        return new Binary(Op.ADD, a, b);
    }

    /** {@code a - b}, simplified. */
    static Expr sub(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return num(x.value() - y.value());
        }
        if (isValue(b, 0)) {
            return a;
        }
        if (isValue(a, 0)) {
            return neg(b);
        }
        if (b instanceof Neg nb) {
            return add(a, nb.arg());
        }
        return new Binary(Op.SUB, a, b);
    }

    /** {@code a * b}, simplified. */
    static Expr mul(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return num(x.value() * y.value());
        }
        if (isValue(a, 0) || isValue(b, 0)) {
            return num(0);
        }
        if (isValue(a, 1)) {
            return b;
        }
        if (isValue(b, 1)) {
            return a;
        }
        if (isValue(a, -1)) {
            return neg(b);
        }
        if (isValue(b, -1)) {
            return neg(a);
        }
        if (a instanceof Neg na) {
            return neg(mul(na.arg(), b));
        }
        if (b instanceof Neg nb) {
            return neg(mul(a, nb.arg()));
        }
        return new Binary(Op.MUL, a, b);
    }

    /** {@code a / b}, simplified. */
    static Expr div(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y && y.value() != 0) {
            return num(x.value() / y.value());
        }
        if (isValue(a, 0)) {
            return num(0);
        }
        if (isValue(b, 1)) {
            return a;
        }
        if (a instanceof Neg na) {
            return neg(div(na.arg(), b));
        }
        return new Binary(Op.DIV, a, b);
    }

    /** {@code a ^ b}, simplified. */
    static Expr pow(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return num(Math.pow(x.value(), y.value()));
        }
        if (isValue(b, 0)) {
            return num(1);
        }
        if (isValue(b, 1)) {
            return a;
        }
        return new Binary(Op.POW, a, b);
    }

    /** {@code -a}, simplified. */
    static Expr neg(Expr a) {
        if (a instanceof Num x) {
            return num(-x.value());
        }
        if (a instanceof Neg n) {
            return n.arg();
        }
        return new Neg(a);
    }

    /** {@code f(a)}, folded when a is a number. */
    static Expr call(Fn f, Expr a) {
        if (a instanceof Num x) {
            return num(f.apply(x.value()));
        }
        return new Call(f, a);
    }

    private static boolean isValue(Expr e, double v) {
        return e instanceof Num n && n.value() == v;
    }

    // ----- node types -----

    /** A numeric literal (also {@code pi}). */
    record Num(double value) implements Expr {
        @Override
        public void collectVariables(Set<String> into) {
            // a number uses no variables
        }

        @Override
        public Expr derivative(String variable) {
            return num(0);
        }

        @Override
        public int precedence() {
            return value < 0 ? Printer.UNARY : Printer.ATOM;
        }

        @Override
        public String toString() {
            return Printer.number(value);
        }
    }

    /** A named variable: a column or a parameter. */
    record Var(String name) implements Expr {
        public Var {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("variable name must be non-empty");
            }
        }

        @Override
        public void collectVariables(Set<String> into) {
            into.add(name);
        }

        @Override
        public Expr derivative(String variable) {
            return num(name.equals(variable) ? 1 : 0);
        }

        @Override
        public int precedence() {
            return Printer.ATOM;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Unary minus. */
    record Neg(Expr arg) implements Expr {
        @Override
        public void collectVariables(Set<String> into) {
            arg.collectVariables(into);
        }

        @Override
        public Expr derivative(String variable) {
            return neg(arg.derivative(variable));
        }

        @Override
        public int precedence() {
            return Printer.UNARY;
        }

        @Override
        public String toString() {
            return "-" + Printer.wrap(arg, Printer.UNARY, false);
        }
    }

    /** A binary operation. */
    record Binary(Op op, Expr left, Expr right) implements Expr {
        @Override
        public void collectVariables(Set<String> into) {
            left.collectVariables(into);
            right.collectVariables(into);
        }

        @Override
        public Expr derivative(String variable) {
            return op.derivative(left, right, variable);
        }

        @Override
        public int precedence() {
            return op.precedence();
        }

        @Override
        public String toString() {
            boolean rightAssoc = op == Op.POW;
            // for ^ the left operand needs parentheses at equal precedence, for others the right one
            String l = Printer.wrap(left, op.precedence(), rightAssoc);
            String r = Printer.wrap(right, op.precedence(), !rightAssoc);
            return l + op.symbol() + r;
        }
    }

    /** A call of a known function. */
    record Call(Fn fn, Expr arg) implements Expr {
        @Override
        public void collectVariables(Set<String> into) {
            arg.collectVariables(into);
        }

        @Override
        public Expr derivative(String variable) {
            Expr inner = arg.derivative(variable);
            if (inner instanceof Num n && n.value() == 0) {
                return num(0);
            }
            return mul(fn.derivative(arg), inner);
        }

        @Override
        public int precedence() {
            return Printer.ATOM;
        }

        @Override
        public String toString() {
            return fn.rName() + "(" + arg + ")";
        }
    }
}
