package org.mlem.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several expressions (e.g. a model and its derivatives) compiled together into one program of
 * array operations over a block of rows. Equal subexpressions are computed once (the expressions
 * are values, so equal means structurally equal); subexpressions that read no per-row column are
 * computed once per block as scalars. Each {@link Frame} owns one buffer per row-varying node,
 * reused from block to block, so evaluation allocates nothing. Every value is computed by the same
 * IEEE operations as {@link CompiledExpr}'s, so the results are the same bits.
 *
 * <p>Slots {@code 0..scalarSlots−1} are scalars given per run (parameters); the others are columns.
 */
public final class RowProgram {
    private static final int CONST = 0;
    private static final int SCALAR_SLOT = 1;
    private static final int COLUMN = 2;
    private static final int NEG = 3;
    private static final int CALL = 4;
    private static final int BIN = 5;

    private final int scalarSlots;
    private final List<int[]> nodes = new ArrayList<>(); // {kind, a, b, slot or op/fn ordinal}
    private final List<Double> constants = new ArrayList<>();
    private final List<Boolean> varying = new ArrayList<>();
    private final int[] roots;

    private RowProgram(List<Expr> exprs, List<String> slots, int scalarSlots) {
        this.scalarSlots = scalarSlots;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            index.put(slots.get(i), i);
        }
        Map<Expr, Integer> seen = new HashMap<>();
        roots = new int[exprs.size()];
        for (int r = 0; r < roots.length; r++) {
            roots[r] = add(exprs.get(r), index, seen);
        }
    }

    /**
     * Compiles {@code exprs} over {@code slots}; the first {@code scalarSlots} slots are per-run
     * scalars, the rest per-row columns.
     */
    public static RowProgram compile(List<Expr> exprs, List<String> slots, int scalarSlots) {
        return new RowProgram(exprs, slots, scalarSlots);
    }

    private int add(Expr e, Map<String, Integer> index, Map<Expr, Integer> seen) {
        Integer known = seen.get(e);
        if (known != null) {
            return known;
        }
        int[] node;
        boolean vary;
        double constant = 0;
        if (e instanceof Expr.Num num) {
            node = new int[] {CONST, -1, -1, 0};
            constant = num.value();
            vary = false;
        } else if (e instanceof Expr.Var var) {
            Integer slot = index.get(var.name());
            if (slot == null) {
                throw new IllegalArgumentException("no slot for '" + var.name() + "'");
            }
            vary = slot >= scalarSlots;
            node = new int[] {vary ? COLUMN : SCALAR_SLOT, -1, -1, slot};
        } else if (e instanceof Expr.Neg neg) {
            int a = add(neg.arg(), index, seen);
            node = new int[] {NEG, a, -1, 0};
            vary = varying.get(a);
        } else if (e instanceof Expr.Call call) {
            int a = add(call.arg(), index, seen);
            node = new int[] {CALL, a, -1, call.fn().ordinal()};
            vary = varying.get(a);
        } else {
            Expr.Binary b = (Expr.Binary) e;
            int l = add(b.left(), index, seen);
            int r = add(b.right(), index, seen);
            node = new int[] {BIN, l, r, b.op().ordinal()};
            vary = varying.get(l) || varying.get(r);
        }
        nodes.add(node);
        constants.add(constant);
        varying.add(vary);
        seen.put(e, nodes.size() - 1);
        return nodes.size() - 1;
    }

    /** A frame for blocks of at most {@code blockSize} rows (one per thread). */
    public Frame frame(int blockSize) {
        return new Frame(blockSize);
    }

    /** Buffers and the values of one block; not thread-safe. */
    public final class Frame {
        private final int blockSize;
        private final double[] scalar = new double[nodes.size()];
        private final double[][] buffer = new double[nodes.size()][];
        private final double[][] array = new double[nodes.size()][];
        private final int[] offset = new int[nodes.size()];
        private final double[][] out;
        private int length;

        private Frame(int blockSize) {
            this.blockSize = blockSize;
            for (int k = 0; k < nodes.size(); k++) {
                int kind = nodes.get(k)[0];
                if (varying.get(k) && kind != COLUMN) {
                    buffer[k] = new double[blockSize];
                }
            }
            out = new double[roots.length][blockSize];
        }

        /**
         * Evaluates every expression at rows {@code from..from+length−1}: {@code values[s]} holds
         * scalar slot s's value ({@code s < scalarSlots}); {@code columns[s]} column slot s.
         */
        public void run(double[] values, double[][] columns, int from, int length) {
            if (length > blockSize) {
                throw new IllegalArgumentException("block of " + length + " rows exceeds " + blockSize);
            }
            this.length = length;
            for (int k = 0; k < nodes.size(); k++) {
                int[] node = nodes.get(k);
                if (!varying.get(k)) {
                    scalar[k] = scalarValue(node, k, values);
                } else if (node[0] == COLUMN) {
                    array[k] = columns[node[3]];
                    offset[k] = from;
                } else {
                    vectorValue(node, k, length);
                }
            }
        }

        /** Expression {@code root}'s values over the block, in {@code [0, length)}; valid until the next run. */
        public double[] values(int root) {
            int k = roots[root];
            double[] o = out[root];
            if (!varying.get(k)) {
                java.util.Arrays.fill(o, 0, length, scalar[k]);
            } else {
                System.arraycopy(array(k), offset(k), o, 0, length);
            }
            return o;
        }

        private double[] array(int k) {
            return nodes.get(k)[0] == COLUMN ? array[k] : buffer[k];
        }

        private int offset(int k) {
            return nodes.get(k)[0] == COLUMN ? offset[k] : 0;
        }

        private double scalarValue(int[] node, int k, double[] values) {
            return switch (node[0]) {
                case CONST -> constants.get(k);
                case SCALAR_SLOT -> values[node[3]];
                case NEG -> -scalar[node[1]];
                case CALL -> Fn.values()[node[3]].apply(scalar[node[1]]);
                default -> Op.values()[node[3]].apply(scalar[node[1]], scalar[node[2]]);
            };
        }

        private void vectorValue(int[] node, int k, int n) {
            double[] o = buffer[k];
            int ak = node[1];
            double[] a = array(ak);
            int ao = offset(ak);
            switch (node[0]) {
                case NEG -> {
                    for (int i = 0; i < n; i++) {
                        o[i] = -a[ao + i];
                    }
                }
                case CALL -> {
                    Fn fn = Fn.values()[node[3]];
                    if (fn == Fn.EXP) {
                        for (int i = 0; i < n; i++) {
                            o[i] = Math.exp(a[ao + i]);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            o[i] = fn.apply(a[ao + i]);
                        }
                    }
                }
                default -> binary(Op.values()[node[3]], ak, node[2], o, n);
            }
        }

        private void binary(Op op, int ak, int bk, double[] o, int n) {
            boolean av = varying.get(ak);
            boolean bv = varying.get(bk);
            if (av && bv) {
                double[] a = array(ak);
                double[] b = array(bk);
                int ao = offset(ak);
                int bo = offset(bk);
                switch (op) {
                    case ADD -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] + b[bo + i]; } }
                    case SUB -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] - b[bo + i]; } }
                    case MUL -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] * b[bo + i]; } }
                    case DIV -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] / b[bo + i]; } }
                    case POW -> { for (int i = 0; i < n; i++) { o[i] = Math.pow(a[ao + i], b[bo + i]); } }
                    default -> throw new IllegalStateException(op.toString());
                }
            } else if (av) {
                double[] a = array(ak);
                int ao = offset(ak);
                double y = scalar[bk];
                switch (op) {
                    case ADD -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] + y; } }
                    case SUB -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] - y; } }
                    case MUL -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] * y; } }
                    case DIV -> { for (int i = 0; i < n; i++) { o[i] = a[ao + i] / y; } }
                    case POW -> { for (int i = 0; i < n; i++) { o[i] = Math.pow(a[ao + i], y); } }
                    default -> throw new IllegalStateException(op.toString());
                }
            } else {
                double x = scalar[ak];
                double[] b = array(bk);
                int bo = offset(bk);
                switch (op) {
                    case ADD -> { for (int i = 0; i < n; i++) { o[i] = x + b[bo + i]; } }
                    case SUB -> { for (int i = 0; i < n; i++) { o[i] = x - b[bo + i]; } }
                    case MUL -> { for (int i = 0; i < n; i++) { o[i] = x * b[bo + i]; } }
                    case DIV -> { for (int i = 0; i < n; i++) { o[i] = x / b[bo + i]; } }
                    case POW -> { for (int i = 0; i < n; i++) { o[i] = Math.pow(x, b[bo + i]); } }
                    default -> throw new IllegalStateException(op.toString());
                }
            }
        }
    }
}
