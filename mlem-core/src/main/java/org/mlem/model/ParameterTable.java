package org.mlem.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a model's {@link FittedModel#summary()}: a title line, then a table with one row per
 * parameter and one column per component (or a single column), numbers to six significant digits,
 * aligned.
 */
final class ParameterTable {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    ParameterTable(String title, List<String> header) {
        this.title = title;
        List<String> h = new ArrayList<>(List.of(""));
        h.addAll(header);
        rows.add(h.toArray(String[]::new));
    }

    /** A table with one column per component, headed {@code component 0..k-1}. */
    static ParameterTable components(String title, int k) {
        List<String> header = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            header.add("component " + j);
        }
        return new ParameterTable(title, header);
    }

    ParameterTable row(String name, double... values) {
        String[] r = new String[values.length + 1];
        r[0] = name;
        for (int i = 0; i < values.length; i++) {
            r[i + 1] = String.format(Locale.ROOT, "%.6g", values[i]);
        }
        rows.add(r);
        return this;
    }

    /** Rows for every number in {@code maps} (one map per column, nested as the JSON nests them), named by their keys' path. */
    ParameterTable rows(List<Map<String, Object>> maps) {
        List<Map<String, Double>> flat = maps.stream().map(m -> {
            Map<String, Double> out = new LinkedHashMap<>();
            flatten("", m, out);
            return out;
        }).toList();
        for (String path : flat.get(0).keySet()) {
            row(path, flat.stream().mapToDouble(f -> f.getOrDefault(path, Double.NaN)).toArray());
        }
        return this;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Double> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + " " + e.getKey();
            if (e.getValue() instanceof Map<?, ?> inner) {
                flatten(name, inner, out);
            } else if (e.getValue() instanceof Number n) {
                out.put(name, n.doubleValue());
            }
        }
    }

    /** Rows {@code name a}, one per column a, of each component's vector ({@code vectors.apply(j)[a]}). */
    ParameterTable vectors(String name, List<String> columns, int k, java.util.function.IntFunction<double[]> vectors) {
        for (int a = 0; a < columns.size(); a++) {
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                v[j] = vectors.apply(j)[a];
            }
            row(name + " " + columns.get(a), v);
        }
        return this;
    }

    /** Rows {@code name a,b} for the upper triangle (a ≤ b) of each column's matrix. */
    ParameterTable matrices(String name, List<String> columns, int k, java.util.function.IntFunction<double[][]> matrix) {
        List<double[][]> perColumn = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            perColumn.add(matrix.apply(j));
        }
        for (int a = 0; a < columns.size(); a++) {
            for (int b = a; b < columns.size(); b++) {
                double[] v = new double[perColumn.size()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = perColumn.get(j)[a][b];
                }
                row(name + " " + columns.get(a) + "," + columns.get(b), v);
            }
        }
        return this;
    }

    String render() {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder b = new StringBuilder(title).append(System.lineSeparator());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width[0] + "s", r[0]));
            for (int c = 1; c < cols; c++) {
                line.append("  ").append(String.format(Locale.ROOT, "%" + width[c] + "s", r[c]));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return b.toString().stripTrailing();
    }
}
