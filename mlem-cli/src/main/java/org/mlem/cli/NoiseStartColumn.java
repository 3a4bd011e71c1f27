package org.mlem.cli;

import java.util.Locale;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;

/**
 * {@code fit gmm --noise-start COLUMN}: which rows start in the noise component. A cell is TRUE,
 * T, true, yes or 1 for a noise row, FALSE, F, false, no or 0 for another (R's logicals and 0/1);
 * anything else, a missing cell included, is an error at its line.
 */
final class NoiseStartColumn {
    private NoiseStartColumn() {}

    static final String HELP = "Column of the initial guess of the noise rows (mclust's initialization = list(noise = ...)): "
            + "TRUE/FALSE, T/F, yes/no or 1/0 per row. Default: rows whose distance to their 5th nearest neighbour is "
            + "beyond Q3 + 1.5 IQR of those distances.";

    /** One flag per fitted row ({@code rows}: table rows, in order). */
    static boolean[] read(CsvTable table, String name, int[] rows) {
        CsvColumn column = table.column(name);
        boolean[] flags = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            String cell;
            if (column instanceof CsvColumn.Text text) {
                cell = text.values()[r];
            } else {
                double v = ((CsvColumn.Numeric) column).get(r);
                cell = Double.isNaN(v) ? null : v == 1 ? "1" : v == 0 ? "0" : String.valueOf(v);
            }
            String s = cell == null ? "" : cell.strip().toLowerCase(Locale.ROOT);
            switch (s) {
                case "true", "t", "yes", "1" -> flags[i] = true;
                case "false", "f", "no", "0" -> flags[i] = false;
                default -> throw table.errorAt(name, r, "--noise-start cell '" + (cell == null ? "" : cell)
                        + "' is not TRUE/FALSE, T/F, yes/no or 1/0; mark each row as noise or not");
            }
        }
        return flags;
    }
}
