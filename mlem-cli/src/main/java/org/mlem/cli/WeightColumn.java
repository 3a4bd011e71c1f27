package org.mlem.cli;

import org.mlem.data.CsvTable;

/** The {@code --weights COLUMN} of a fit: frequency weights, finite and non-negative. */
final class WeightColumn {
    static final String HELP = "Column of frequency weights (>= 0): a row of weight 2 counts as that row twice.";

    private WeightColumn() {}

    /** Column {@code name} at table rows {@code rows}; a negative weight is an error at its cell. */
    static double[] read(CsvTable table, String name, int[] rows) {
        double[] w = table.numeric(name, rows);
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                throw table.errorAt(name, rows[i], "weight " + CsvNumbers.format(w[i])
                        + " is negative; weights count how often a row occurs, so they must be >= 0");
            }
        }
        return w;
    }
}
