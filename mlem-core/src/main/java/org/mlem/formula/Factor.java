package org.mlem.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlem.MlemUserException;

/** A text column coded as level indices over the rows used, with its levels in order. */
record Factor(List<String> levels, int[] codes) {

    /**
     * Codes {@code values[rows[i]]}. Levels are {@code order} when given (unused levels dropped, as
     * R's {@code drop.unused.levels}, unless {@code keepAll}: new rows for a fitted model), else the sorted distinct values (by Unicode code point).
     */
    static Factor of(String name, String[] values, int[] rows, List<String> order, boolean keepAll) {
        List<String> levels;
        if (order == null) {
            TreeSet<String> seen = new TreeSet<>();
            for (int r : rows) {
                seen.add(values[r]);
            }
            levels = new ArrayList<>(seen);
        } else {
            TreeSet<String> used = new TreeSet<>();
            for (int r : rows) {
                if (!order.contains(values[r])) {
                    throw new MlemUserException("data row " + (r + 1) + ": column '" + name + "' has level '" + values[r]
                            + "' which is not among the levels given for it " + order + "; add it to the list");
                }
                used.add(values[r]);
            }
            levels = new ArrayList<>(order);
            if (!keepAll) {
                levels.retainAll(used);
            }
        }
        if (levels.size() < 2) {
            throw new MlemUserException("column '" + name + "' has only " + levels.size() + " level" + (levels.size() == 1
                    ? " ('" + levels.get(0) + "')" : "s") + " in the rows used; a factor needs 2 or more, drop it from the formula");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        int[] codes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            codes[i] = index.get(values[rows[i]]);
        }
        return new Factor(List.copyOf(levels), codes);
    }

    /**
     * R's {@code factor()} of a numeric column: the distinct values in numeric order, each labelled
     * as R's {@code as.character} writes it (15 significant digits, {@code 4} not {@code 4.0}).
     */
    static Factor ofNumbers(String name, double[] values, int[] rows) {
        java.util.TreeSet<Double> seen = new java.util.TreeSet<>();
        for (int r : rows) {
            seen.add(values[r] == 0 ? 0.0 : values[r]);
        }
        List<String> levels = new ArrayList<>();
        Map<Double, Integer> index = new HashMap<>();
        for (double v : seen) {
            index.put(v, levels.size());
            levels.add(label(v));
        }
        if (levels.size() < 2) {
            throw new MlemUserException("'" + name + "' has only " + levels.size() + " level" + (levels.size() == 1
                    ? " ('" + levels.get(0) + "')" : "s") + " in the rows used; a factor needs 2 or more, drop it from the formula");
        }
        int[] codes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            codes[i] = index.get(values[rows[i]] == 0 ? 0.0 : values[rows[i]]);
        }
        return new Factor(List.copyOf(levels), codes);
    }

    /** A number as R's {@code as.character} writes it: 15 significant digits, trailing zeros dropped. */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(15)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return d.toPlainString();
    }
}
