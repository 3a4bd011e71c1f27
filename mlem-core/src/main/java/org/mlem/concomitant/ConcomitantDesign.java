package org.mlem.concomitant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlem.MlemUserException;
import org.mlem.formula.BasisCoefs;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;

/**
 * The design of a one-sided concomitant formula ({@code ~ z1 + z2}, R's {@code model.matrix} of
 * its right-hand side: intercept, numeric columns, factors by treatment contrasts, interactions and
 * every call {@code org.mlem.formula} takes) over given rows. A text column's levels are sorted
 * unless given (a fitted model gives its own, so new rows are coded as the fit's). A missing cell is
 * an error naming the column and row: no row is dropped.
 *
 * @param formula the formula as given
 * @param terms the q design columns' names
 * @param levels the level order of each text column used
 * @param bases the coefficients and knots of the data-dependent terms, by label
 * @param z the design, n × q row-major
 * @param rows n
 */
public record ConcomitantDesign(String formula, List<String> terms, Map<String, List<String>> levels,
        Map<String, BasisCoefs> bases, double[] z, int rows) {
    /** The response column the one-sided formula is given to build it (never a real column name). */
    private static final String RESPONSE = "mlemConcomitantResponse0";

    /** q. */
    public int width() {
        return terms.size();
    }

    /** The gating of k components with all coefficients 0 (equal weights). */
    public Gating zeroGating(int k) {
        return new Gating(formula, terms, levels, new double[k][width()], bases);
    }

    /**
     * The one-sided {@code formula} as a two-sided one whose response is {@link #responseColumn()},
     * so that a formula model's design code ({@code model.Rows#design}) builds it.
     */
    public static String twoSided(String formula) {
        String f = formula.strip();
        parse(f, List.of());
        return RESPONSE + " " + f.substring(f.indexOf('~'));
    }

    /** The placeholder response column of {@link #twoSided} (never a real column name). */
    public static String responseColumn() {
        return RESPONSE;
    }

    /** A design's matrix, n × q row-major. */
    public static double[] rowMajor(Design d) {
        int n = d.rows();
        int q = d.columns();
        double[] z = new double[n * q];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < q; a++) {
                z[i * q + a] = d.get(i, a);
            }
        }
        return z;
    }

    /**
     * The right-hand side of {@code formula}, parsed.
     *
     * @throws MlemUserException when there is a response, or no {@code ~}
     */
    static ModelFormula parse(String formula, Collection<String> columns) {
        String f = formula.strip();
        int tilde = f.indexOf('~');
        if (tilde < 0) {
            throw new MlemUserException("--concomitant '" + formula + "' has no '~'; give a one-sided formula such as "
                    + "\"~ z1 + z2\"");
        }
        if (!f.substring(0, tilde).isBlank()) {
            throw new MlemUserException("--concomitant '" + formula + "' has a response ('" + f.substring(0, tilde).strip()
                    + "'); the concomitant formula is one-sided: write \"~" + f.substring(tilde + 1) + "\"");
        }
        List<String> names = new ArrayList<>(columns);
        names.add(RESPONSE);
        return ModelFormula.parse(RESPONSE + " " + f.substring(tilde), names);
    }

    /**
     * The data columns {@code formula} uses, in the order they first appear.
     *
     * @throws MlemUserException for a response, or a column not in {@code columns}
     */
    public static List<String> columns(String formula, Collection<String> columns) {
        List<String> used = used(formula, parse(formula, columns));
        List<String> missing = used.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new MlemUserException("--concomitant '" + formula + "' names " + String.join(", ", missing)
                    + (missing.size() == 1 ? ", which is not a column" : ", which are not columns") + " of the data; "
                    + "the columns are " + String.join(", ", columns));
        }
        return used;
    }

    /** The data columns a fitted gating's {@code formula} reads, in the order they first appear. */
    public static List<String> columns(String formula) {
        return used(formula, ModelFormula.parse(twoSided(formula)));
    }

    private static List<String> used(String formula, ModelFormula f) {
        Set<String> used = new LinkedHashSet<>();
        for (Term t : f.terms()) {
            for (Variable v : t.variables()) {
                used.addAll(v.columns());
            }
        }
        for (Variable v : f.offsets()) {
            used.addAll(v.columns());
        }
        if (!f.offsets().isEmpty()) {
            throw new MlemUserException("--concomitant '" + formula + "' has an offset(); the concomitant model takes none");
        }
        return List.copyOf(used);
    }

    /**
     * The design over the rows {@code rows} of {@code frame} (all rows when null).
     *
     * @param levels each text column's level order (a fitted model's), or null to sort them
     */
    public static ConcomitantDesign build(String formula, Frame frame, int[] rows, Map<String, List<String>> levels) {
        return build(formula, frame, rows, levels, false);
    }

    /**
     * As {@link #build(String, Frame, int[], Map)}; with {@code keepLevels} every level given keeps
     * its column even when none of these rows has it (a slice of the rows, a Spark partition, coded
     * as the whole).
     */
    public static ConcomitantDesign build(String formula, Frame frame, int[] rows, Map<String, List<String>> levels,
            boolean keepLevels) {
        List<String> used = columns(formula, frame.names());
        int n = rows == null ? frame.rows() : rows.length;
        Frame.Builder b = Frame.builder();
        b.numeric(RESPONSE, new double[n]);
        Map<String, List<String>> order = new LinkedHashMap<>();
        DesignSpec spec = keepLevels ? DesignSpec.DEFAULTS.withKeptLevels() : DesignSpec.DEFAULTS;
        for (String c : used) {
            if (frame.isNumeric(c)) {
                double[] all = frame.numeric(c);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = all[rows == null ? i : rows[i]];
                }
                b.numeric(c, v);
            } else {
                String[] all = frame.text(c);
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = all[rows == null ? i : rows[i]];
                }
                b.text(c, v);
                List<String> lv = levels != null && levels.containsKey(c) ? levels.get(c) : sortedLevels(v);
                order.put(c, lv);
                spec = spec.withLevels(c, lv);
            }
        }
        Design d = Design.build(parse(formula, frame.names()), b.build(), spec);
        int q = d.columns();
        if (q == 0) {
            throw new MlemUserException("--concomitant '" + formula + "' has no terms and no intercept; use \"~ 1\" "
                    + "for constant weights");
        }
        return new ConcomitantDesign(formula, d.columnNames(), order, d.bases(), rowMajor(d), n);
    }

    private static List<String> sortedLevels(String[] v) {
        TreeSet<String> s = new TreeSet<>();
        for (String x : v) {
            if (x != null) {
                s.add(x);
            }
        }
        return List.copyOf(s);
    }
}
