package org.mlem.expr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;

/**
 * An expression bound to slots: variable names are resolved to positions once, so evaluation does
 * no look-ups. Values come either as one scalar per slot, or as one column per slot where a column
 * has length n (one value per row) or length 1 (shared by every row, e.g. a parameter).
 */
public final class CompiledExpr {
    private final Expr expr;
    private final List<String> slots;
    private final Node root;

    CompiledExpr(Expr expr, List<String> slots) {
        this.expr = expr;
        this.slots = List.copyOf(slots);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.slots.size(); i++) {
            if (index.put(this.slots.get(i), i) != null) {
                throw new IllegalArgumentException("slot name repeated: " + this.slots.get(i));
            }
        }
        for (String name : expr.variables()) {
            if (!index.containsKey(name)) {
                throw new MlemUserException("formula: unknown name '" + name + "' in '" + expr
                        + "'; known names are " + this.slots);
            }
        }
        this.root = Node.of(expr, index);
    }

    /** The expression compiled. */
    public Expr expr() {
        return expr;
    }

    /** The slot names, in slot order. */
    public List<String> slots() {
        return slots;
    }

    /** The value for one scalar per slot. */
    public double evaluate(double... values) {
        checkArity(values.length);
        return root.scalar(values);
    }

    /**
     * The value at every row: {@code columns[i]} holds slot i's values, of length n or 1.
     *
     * @return an array of length n (length 1 when every column has length 1); never one of the inputs
     */
    public double[] evaluate(double[][] columns) {
        checkArity(columns.length);
        int n = 1;
        for (int i = 0; i < columns.length; i++) {
            int len = columns[i].length;
            if (len != 1) {
                if (n != 1 && len != n) {
                    throw new MlemUserException("formula: column '" + slots.get(i) + "' has " + len
                            + " values but another has " + n + "; columns must have equal length");
                }
                n = len;
            }
        }
        double[] out = root.vector(columns, n);
        return Node.isShared(out, columns) ? out.clone() : out;
    }

    private void checkArity(int given) {
        if (given != slots.size()) {
            throw new IllegalArgumentException("expected " + slots.size() + " values " + slots
                    + ", got " + given);
        }
    }

    static <T> T lookup(Map<String, T> values, String name) {
        T v = values.get(name);
        if (v == null) {
            throw new MlemUserException("formula: no value for '" + name + "'; given names are "
                    + values.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        return expr + " over " + slots;
    }
}
