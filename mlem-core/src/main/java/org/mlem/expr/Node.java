package org.mlem.expr;

import java.util.Map;

/**
 * The evaluation tree of a compiled expression: names resolved to slot indices. Vector evaluation
 * returns an array of length n, or of length 1 when the node depends on no per-row column.
 */
abstract class Node {

    abstract double scalar(double[] v);

    /** Values over rows; may return an input column itself (callers must not write into it). */
    abstract double[] vector(double[][] cols, int n);

    static Node of(Expr e, Map<String, Integer> index) {
        if (e instanceof Expr.Num num) {
            return new Const(num.value());
        }
        if (e instanceof Expr.Var var) {
            return new Slot(index.get(var.name()));
        }
        if (e instanceof Expr.Neg neg) {
            return new Unary(null, of(neg.arg(), index));
        }
        if (e instanceof Expr.Call call) {
            return new Unary(call.fn(), of(call.arg(), index));
        }
        Expr.Binary b = (Expr.Binary) e;
        return new Bin(b.op(), of(b.left(), index), of(b.right(), index));
    }

    static boolean isShared(double[] out, double[][] cols) {
        for (double[] c : cols) {
            if (c == out) {
                return true;
            }
        }
        return false;
    }

    private static final class Const extends Node {
        private final double value;

        Const(double value) {
            this.value = value;
        }

        @Override
        double scalar(double[] v) {
            return value;
        }

        @Override
        double[] vector(double[][] cols, int n) {
            return new double[] {value};
        }
    }

    private static final class Slot extends Node {
        private final int slot;

        Slot(int slot) {
            this.slot = slot;
        }

        @Override
        double scalar(double[] v) {
            return v[slot];
        }

        @Override
        double[] vector(double[][] cols, int n) {
            return cols[slot];
        }
    }

    /** Negation (fn == null) or a function call. */
    private static final class Unary extends Node {
        private final Fn fn;
        private final Node arg;

        Unary(Fn fn, Node arg) {
            this.fn = fn;
            this.arg = arg;
        }

        private double apply(double x) {
            return fn == null ? -x : fn.apply(x);
        }

        @Override
        double scalar(double[] v) {
            return apply(arg.scalar(v));
        }

        @Override
        double[] vector(double[][] cols, int n) {
            double[] a = arg.vector(cols, n);
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = apply(a[i]);
            }
            return out;
        }
    }

    private static final class Bin extends Node {
        private final Op op;
        private final Node left;
        private final Node right;

        Bin(Op op, Node left, Node right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        double scalar(double[] v) {
            return op.apply(left.scalar(v), right.scalar(v));
        }

        @Override
        double[] vector(double[][] cols, int n) {
            double[] a = left.vector(cols, n);
            double[] b = right.vector(cols, n);
            int len = Math.max(a.length, b.length);
            double[] out = new double[len];
            if (a.length == len && b.length == len) {
                for (int i = 0; i < len; i++) {
                    out[i] = op.apply(a[i], b[i]);
                }
            } else if (a.length == 1) {
                double x = a[0];
                for (int i = 0; i < len; i++) {
                    out[i] = op.apply(x, b[i]);
                }
            } else {
                double y = b[0];
                for (int i = 0; i < len; i++) {
                    out[i] = op.apply(a[i], y);
                }
            }
            return out;
        }
    }
}
