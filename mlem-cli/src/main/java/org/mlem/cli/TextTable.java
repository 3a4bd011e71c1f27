package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for people: a left-aligned label column, right-aligned value columns. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private boolean left;

    /** Aligns the value columns to the left too (for label: value lists). */
    TextTable leftAligned() {
        left = true;
        return this;
    }

    TextTable row(String label, String... cells) {
        String[] r = new String[cells.length + 1];
        r[0] = label;
        System.arraycopy(cells, 0, r, 1, cells.length);
        rows.add(r);
        return this;
    }

    TextTable row(String label, double... values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = CsvNumbers.brief(values[i]);
        }
        return row(label, cells);
    }

    String render() {
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r.length);
        }
        int[] w = new int[width];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c == 0 || left) {
                    line.append(c == 0 ? "" : "  ");
                    line.append(r[c]).append(" ".repeat(w[c] - r[c].length()));
                } else {
                    line.append("  ").append(" ".repeat(w[c] - r[c].length())).append(r[c]);
                }
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
