package org.mlem.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlem.MlemUserException;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;

/**
 * The {@code --labels COLUMN} of a mixture: which component each row is known to come from.
 * Whole numbers 0..k-1 are component indices; text labels become components in sorted order
 * (their names are kept as the model's {@code classes}); an empty or NA cell leaves the row
 * latent, for EM to assign.
 *
 * @param labels per selected row, the component index or -1 for latent
 * @param classes the text label of each component, or null for integer labels
 * @param table the file, for placing errors
 * @param column the label column's name
 * @param rows the table rows the labels belong to
 */
record LabelColumn(int[] labels, List<String> classes, CsvTable table, String column, int[] rows) {

    static final String HELP = "Column of known components: whole numbers 0..k-1 are component indices; text labels "
            + "map to components in sorted order (recorded as 'classes'); an empty or NA cell leaves the row latent (EM). "
            + "All rows labelled gives the closed-form MLE; none, plain EM; some, semi-supervised EM.";

    /** Reads column {@code name} at table rows {@code rows} for {@code k} components. */
    static LabelColumn read(CsvTable table, String name, int[] rows, int k) {
        LabelColumn known = read(table, name, rows);
        known.check(k);
        return known;
    }

    /**
     * Reads column {@code name} at table rows {@code rows} for any k (select's grid): whole numbers
     * from 0, or text; {@link #check} then says whether a k can hold them.
     */
    static LabelColumn read(CsvTable table, String name, int[] rows) {
        CsvColumn column = table.column(name);
        return column instanceof CsvColumn.Text text ? fromText(table, text, rows)
                : fromNumbers(table, name, ((CsvColumn.Numeric) column).values(), rows);
    }

    /**
     * Checks that {@code k} components hold these labels, with the fit's one-line error placed at
     * the first cell that does not fit: a label of k or more (a text class beyond the k-th), or a
     * component no row is labelled with.
     */
    void check(int k) {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || !seen.add(label) || (classes == null ? label < k : seen.size() <= k)) {
                continue;
            }
            if (classes == null) {
                throw table.errorAt(column, rows[i], "label " + label + " is not a component index 0.." + (k - 1)
                        + " (k=" + k + "); integer labels are 0-based component indices: fix the label, raise --k, "
                        + "or leave the cell empty for an unlabelled row");
            }
            throw table.errorAt(column, rows[i], "label '" + classes.get(label) + "' is distinct label number " + seen.size()
                    + " but k=" + k + "; raise --k to the number of classes or fix the label");
        }
        requireEveryComponent(table, column, k);
    }

    /**
     * When any row is labelled, every component must have a labelled row: a component without one
     * was fitted as a phantom (weight 1e-16, a mean from nowhere) or broke the summary.
     */
    private void requireEveryComponent(CsvTable table, String name, int k) {
        boolean[] seen = new boolean[k];
        boolean any = false;
        for (int label : labels) {
            if (label >= 0) {
                seen[label] = true;
                any = true;
            }
        }
        for (int j = 0; any && j < k; j++) {
            if (!seen[j]) {
                String named = classes == null ? "labels name components " + namedComponents(seen)
                        : "labels name " + classes.size() + " classes (" + String.join(", ", classes) + ")";
                throw new MlemUserException("--labels " + name + ": component " + j + " of k=" + k
                        + " has no labelled row (the " + named + "); every component needs one: set --k to the number of "
                        + "classes, or label a row of each", table.source(), -1, -1);
            }
        }
    }

    private static String namedComponents(boolean[] seen) {
        List<String> named = new ArrayList<>();
        for (int j = 0; j < seen.length; j++) {
            if (seen[j]) {
                named.add(Integer.toString(j));
            }
        }
        return String.join(", ", named);
    }

    private static LabelColumn fromNumbers(CsvTable table, String name, double[] v, int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double x = v[rows[i]];
            if (Double.isNaN(x)) {
                labels[i] = -1;
            } else if (x != Math.rint(x) || x < 0 || x >= Integer.MAX_VALUE) {
                throw table.errorAt(name, rows[i], "label " + CsvNumbers.format(x) + " is not a component index (a whole "
                        + "number from 0); integer labels are 0-based component indices: fix the label, "
                        + "or leave the cell empty for an unlabelled row");
            } else {
                labels[i] = (int) x;
            }
        }
        return new LabelColumn(labels, null, table, name, rows);
    }

    private static LabelColumn fromText(CsvTable table, CsvColumn.Text column, int[] rows) {
        String[] cells = column.values();
        List<String> classes = new ArrayList<>(new TreeSet<>(Arrays.stream(rows).mapToObj(r -> cells[r])
                .filter(java.util.Objects::nonNull).toList()));
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < classes.size(); j++) {
            index.put(classes.get(j), j);
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String s = cells[rows[i]];
            labels[i] = s == null ? -1 : index.get(s);
        }
        return new LabelColumn(labels, classes, table, column.name(), rows);
    }
}
