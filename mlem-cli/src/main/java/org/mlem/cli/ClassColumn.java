package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.gmm.da.ClassLevels;

/**
 * A column of known classes (fit gmmda's {@code --class}, {@code --folds}): text classes in sorted
 * order, numbers in numeric order; every selected row has one.
 *
 * @param index per selected row, its class 0..C-1
 * @param names each class's name (a number as CSV writes it)
 */
record ClassColumn(int[] index, List<String> names) {

    /** Column {@code name} at table rows {@code rows}, its classes in sorted order. */
    static ClassColumn read(CsvTable table, String name, int[] rows, String flag) {
        String[] cells = cells(table, name, rows);
        List<String> names = new ArrayList<>();
        CsvColumn column = table.column(name);
        if (column instanceof CsvColumn.Numeric numeric) {
            List<Double> values = new ArrayList<>();
            for (int r : rows) {
                double v = numeric.values()[r];
                if (flag != null && v != Math.rint(v)) {
                    throw table.errorAt(name, r, flag + " " + CsvNumbers.format(v) + " is not a whole number; number the folds");
                }
                values.add(v);
            }
            names.addAll(ClassLevels.ofNumbers(values));
        } else {
            names.addAll(ClassLevels.ofTexts(java.util.Arrays.asList(cells)));
        }
        return of(table, name, rows, cells, names);
    }

    /** Column {@code name} of a table whose classes must be among {@code known} (a model's classes). */
    static ClassColumn readKnown(CsvTable table, String name, int[] rows, List<String> known) {
        return of(table, name, rows, cells(table, name, rows), known);
    }

    private static ClassColumn of(CsvTable table, String name, int[] rows, String[] cells, List<String> names) {
        int[] index = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            index[i] = names.indexOf(cells[i]);
            if (index[i] < 0) {
                throw table.errorAt(name, rows[i], "class '" + cells[i] + "' is not one the model was fitted to ("
                        + String.join(", ", names) + "); fix the class or refit with rows of it");
            }
        }
        return new ClassColumn(index, List.copyOf(names));
    }

    private static String[] cells(CsvTable table, String name, int[] rows) {
        CsvColumn column = table.column(name);
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (column instanceof CsvColumn.Numeric n) {
                double v = n.values()[rows[i]];
                out[i] = Double.isNaN(v) ? null : CsvNumbers.format(v);
            } else {
                out[i] = ((CsvColumn.Text) column).values()[rows[i]];
            }
            if (out[i] == null) {
                throw table.errorAt(name, rows[i], "the cell is missing; give every row its class (and fold)");
            }
        }
        return out;
    }
}
