package org.mlem.gmm.da;

import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;

/** The rows of each class: counts, the rows of one class, and whether a class is too small for a model. */
final class ClassRows {
    private ClassRows() {}

    /** Rows per class; a user error for a class index outside 0..C-1 or a class without rows. */
    static int[] counts(int[] classOf, int classes, List<String> names) {
        int[] n = new int[classes];
        for (int i = 0; i < classOf.length; i++) {
            if (classOf[i] < 0 || classOf[i] >= classes) {
                throw new MlemUserException("row " + (i + 1) + " has no class (index " + classOf[i] + "); every row of a "
                        + "discriminant fit needs one: fill the class column or drop the row");
            }
            n[classOf[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            if (n[c] == 0) {
                throw new MlemUserException("class '" + names.get(c) + "' has no rows; remove it from the classes");
            }
        }
        return n;
    }

    /** The rows of class c, in data order, as a matrix. */
    static DataMatrix of(DataMatrix x, int[] classOf, int c, int count) {
        int d = x.cols();
        double[] v = new double[count * d];
        int r = 0;
        for (int i = 0; i < classOf.length; i++) {
            if (classOf[i] == c) {
                for (int a = 0; a < d; a++) {
                    v[r * d + a] = x.get(i, a);
                }
                r++;
            }
        }
        return DataMatrix.of(v, count, d, x.columns());
    }

    /** Why EDDA with model {@code m} cannot be fitted to these classes (the first class too small), or null. */
    static String shortClass(CovarianceStructure m, int d, int[] counts, List<String> names) {
        int needed = m.rowsNeeded(d);
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < needed) {
                return String.format(Locale.ROOT, "class '%s' has %d row%s but covariance %s needs at least %d per class; "
                        + "use a model that shares more across classes (EEE, EEI or EII), or more rows of that class",
                        names.get(c), counts[c], counts[c] == 1 ? "" : "s", m.mclustName(d), needed);
            }
        }
        return null;
    }
}
