package org.mlem.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.MlemUserException;

/** Builds a {@link Design}: checks columns, finds the rows used, codes factors as R does. */
final class DesignBuilder {
    private final ModelFormula formula;
    private final Frame frame;
    private final DesignSpec spec;
    private int[] rows;
    private final Map<Variable, Factor> factors = new HashMap<>();
    private final Map<Variable, double[]> numeric = new HashMap<>();
    private final Map<Variable, double[][]> bases = new HashMap<>();
    private final Map<String, BasisCoefs> coefs = new java.util.LinkedHashMap<>();

    DesignBuilder(ModelFormula formula, Frame frame, DesignSpec spec) {
        this.formula = formula;
        this.frame = frame;
        this.spec = spec;
    }

    Design build() {
        Set<String> used = usedColumns();
        rows = usedRows(used);
        if (rows.length == 0) {
            throw new MlemUserException("no rows left to fit after dropping rows with missing cells");
        }
        Response response = Response.of(formula.response(), this);
        for (Term t : formula.terms()) {
            for (Variable v : t.variables()) {
                if (isFactor(v)) {
                    factors.computeIfAbsent(v, this::factor);
                } else if (v.basis() != null) {
                    bases.computeIfAbsent(v, this::basis);
                } else {
                    numeric.computeIfAbsent(v, this::evaluate);
                }
            }
        }
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        List<Integer> assign = new ArrayList<>();
        if (formula.intercept()) {
            double[] ones = new double[rows.length];
            java.util.Arrays.fill(ones, 1.0);
            names.add("(Intercept)");
            cols.add(ones);
            assign.add(-1);
        }
        boolean[][] contrasts = codings();
        for (int t = 0; t < formula.terms().size(); t++) {
            int before = names.size();
            termColumns(formula.terms().get(t), contrasts[t], names, cols);
            for (int j = before; j < names.size(); j++) {
                assign.add(t);
            }
        }
        double[] x = new double[rows.length * cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            System.arraycopy(cols.get(j), 0, x, j * rows.length, rows.length);
        }
        double[] weights = extra(spec.weights(), 1.0);
        if (response.trials() != null) {
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= response.trials()[i];
            }
        }
        double[] offset = extra(spec.offset(), 0.0);
        for (Variable o : formula.offsets()) {
            double[] v = evaluate(o);
            for (int i = 0; i < offset.length; i++) {
                offset[i] += v[i];
            }
        }
        return new Design(formula, x, names, assign.stream().mapToInt(Integer::intValue).toArray(), response,
                weights, offset, rows, frame.rows() - rows.length, coefs, textLevels());
    }

    /** Each text column's factor levels, in the terms' order (a {@code factor()} of numbers left out). */
    private Map<String, List<String>> textLevels() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (Term t : formula.terms()) {
            for (Variable v : t.variables()) {
                Factor f = factors.get(v);
                String column = v.columns().iterator().next();
                if (f != null && !frame.isNumeric(column)) {
                    out.putIfAbsent(column, f.levels());
                }
            }
        }
        return out;
    }

    /** A basis's columns: with the fit's coefficients when the spec has them (new rows), else from these rows. */
    private double[][] basis(Variable v) {
        BasisCoefs given = spec.bases().get(v.label());
        if (given != null) {
            coefs.put(v.label(), given);
            return Bases.columns(v, evaluate(v), given);
        }
        Bases.Built b = Bases.build(v, evaluate(v));
        if (b.coefs() != null) {
            coefs.put(v.label(), b.coefs());
        }
        return b.columns();
    }

    /** The frame row of used row {@code i}. */
    int row(int i) {
        return rows[i];
    }

    /** Whether {@code v} is coded as a factor: a text column, or {@code factor(column)}. */
    boolean isFactor(Variable v) {
        return v.isFactorCall() || v.isColumn() && !frame.isNumeric(v.label());
    }

    /** The factor of a text column or of {@code factor(column)} over the rows used. */
    Factor factor(Variable v) {
        String column = v.columns().iterator().next();
        if (frame.isNumeric(column)) {
            return Factor.ofNumbers(v.label(), frame.numericView(column), rows);
        }
        return Factor.of(v.label(), frame.textView(column), rows, spec.levels().get(column), spec.keepLevels());
    }

    /** Every frame column the formula, weights and offset read; unknown names are an error. */
    private Set<String> usedColumns() {
        Set<String> used = new LinkedHashSet<>(formula.response().columns());
        formula.terms().forEach(t -> t.variables().forEach(v -> used.addAll(v.columns())));
        formula.offsets().forEach(v -> used.addAll(v.columns()));
        if (spec.weights() != null) {
            used.add(spec.weights());
        }
        if (spec.offset() != null) {
            used.add(spec.offset());
        }
        for (String c : used) {
            if (!frame.has(c)) {
                throw new MlemUserException("formula '" + formula.text() + "' names column '" + c
                        + "' which is not in the data; columns are " + frame.names());
            }
        }
        return used;
    }

    /**
     * The rows with no missing cell in the used columns; without {@code dropMissing} the first
     * missing cell (in row order, then in the order of {@code used}) is an error. Each column is
     * looked up once and scanned down, not looked up per row.
     */
    private int[] usedRows(Set<String> used) {
        int total = frame.rows();
        String[] names = used.toArray(new String[0]);
        int[] firstMissing = new int[total];
        java.util.Arrays.fill(firstMissing, -1);
        for (int c = names.length - 1; c >= 0; c--) {
            if (frame.knownFinite(names[c])) {
                continue; // no missing cell: nothing to note
            } else if (frame.isNumeric(names[c])) {
                double[] v = frame.numericView(names[c]);
                for (int r = 0; r < total; r++) {
                    if (Double.isNaN(v[r])) {
                        firstMissing[r] = c;
                    }
                }
            } else {
                String[] v = frame.textView(names[c]);
                for (int r = 0; r < total; r++) {
                    if (v[r] == null) {
                        firstMissing[r] = c;
                    }
                }
            }
        }
        int[] keep = new int[total];
        int n = 0;
        for (int r = 0; r < total; r++) {
            if (firstMissing[r] < 0) {
                keep[n++] = r;
            } else if (!spec.dropMissing()) {
                throw new MlemUserException("data row " + (r + 1) + ": column '" + names[firstMissing[r]]
                        + "' is missing; fill it in, or drop rows with missing cells (--drop-missing)");
            }
        }
        return java.util.Arrays.copyOf(keep, n);
    }

    /**
     * A numeric variable's values over the rows used; every value must be finite. When every row
     * of the frame is used, a column is the frame's own array (neither is ever written), not a copy.
     */
    double[] evaluate(Variable v) {
        Map<String, double[]> columns = new HashMap<>();
        for (String c : v.columns()) {
            if (!frame.isNumeric(c)) {
                throw new MlemUserException("'" + v.label() + "' needs numbers but column '" + c + "' is text"
                        + (v.isColumn() ? "; code it as numbers" : ""));
            }
            double[] all = frame.numericView(c);
            if (rows.length == all.length) {
                columns.put(c, all);
                continue;
            }
            double[] sub = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sub[i] = all[rows[i]];
            }
            columns.put(c, sub);
        }
        double[] values = v.isColumn() ? columns.get(v.label()) : v.expr().evaluateColumns(columns);
        if (values.length == 1 && rows.length != 1) {
            double c = values[0];
            values = new double[rows.length];
            java.util.Arrays.fill(values, c);
        }
        boolean checked = v.isColumn() && values.length == frame.rows() && frame.knownFinite(v.label());
        for (int i = checked ? values.length : 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new MlemUserException("data row " + (rows[i] + 1) + ": '" + v.label() + "' is " + values[i]
                        + "; a model needs finite values");
            }
        }
        return values;
    }

    private double[] extra(String column, double fill) {
        if (column == null) {
            double[] d = new double[rows.length];
            java.util.Arrays.fill(d, fill);
            return d;
        }
        return evaluate(Variable.column(column));
    }

    /**
     * R's coding (TermCode in model.c): in each term a factor gets contrasts when the term without
     * it is empty or contained in an earlier term, else one indicator per level; without an
     * intercept the first factor of the first term holding one gets indicators.
     */
    private boolean[][] codings() {
        List<Term> terms = formula.terms();
        boolean[][] contrasts = new boolean[terms.size()][];
        for (int t = 0; t < terms.size(); t++) {
            List<Variable> vs = terms.get(t).variables();
            contrasts[t] = new boolean[vs.size()];
            for (int k = 0; k < vs.size(); k++) {
                Set<Variable> without = new HashSet<>(vs);
                without.remove(vs.get(k));
                boolean coded = without.isEmpty();
                for (int s = 0; s < t && !coded; s++) {
                    coded = terms.get(s).variables().containsAll(without);
                }
                contrasts[t][k] = coded;
            }
        }
        if (!formula.intercept()) {
            firstFactorGetsIndicators(terms, contrasts);
        }
        return contrasts;
    }

    private void firstFactorGetsIndicators(List<Term> terms, boolean[][] contrasts) {
        for (int t = 0; t < terms.size(); t++) {
            List<Variable> vs = terms.get(t).variables();
            for (int k = 0; k < vs.size(); k++) {
                if (factors.containsKey(vs.get(k))) {
                    contrasts[t][k] = false;
                    return;
                }
            }
        }
    }

    private void termColumns(Term term, boolean[] contrasts, List<String> names, List<double[]> cols) {
        List<String> tn = null;
        List<double[]> tc = null;
        for (int k = 0; k < term.variables().size(); k++) {
            Variable v = term.variables().get(k);
            List<String> vn = new ArrayList<>();
            List<double[]> vc = new ArrayList<>();
            variableColumns(v, contrasts[k], vn, vc);
            if (tn == null) {
                // The term's first variable: its columns as they are (1 × x is x), not a product copy.
                tn = vn;
                tc = vc;
                continue;
            }
            List<String> nn = new ArrayList<>();
            List<double[]> nc = new ArrayList<>();
            for (int b = 0; b < vn.size(); b++) {
                for (int a = 0; a < tn.size(); a++) {
                    nn.add(tn.get(a) + ":" + vn.get(b));
                    double[] prod = new double[rows.length];
                    for (int i = 0; i < prod.length; i++) {
                        prod[i] = tc.get(a)[i] * vc.get(b)[i];
                    }
                    nc.add(prod);
                }
            }
            tn = nn;
            tc = nc;
        }
        names.addAll(tn);
        cols.addAll(tc);
    }

    private void variableColumns(Variable v, boolean contrasts, List<String> names, List<double[]> cols) {
        double[][] basis = bases.get(v);
        if (basis != null) {
            for (int j = 0; j < basis.length; j++) {
                names.add(v.label() + (j + 1));
                cols.add(basis[j]);
            }
            return;
        }
        Factor f = factors.get(v);
        if (f == null) {
            names.add(v.label());
            cols.add(numeric.get(v));
            return;
        }
        for (int level = contrasts ? 1 : 0; level < f.levels().size(); level++) {
            double[] indicator = new double[rows.length];
            for (int i = 0; i < indicator.length; i++) {
                indicator[i] = f.codes()[i] == level ? 1 : 0;
            }
            names.add(v.label() + f.levels().get(level));
            cols.add(indicator);
        }
    }
}
