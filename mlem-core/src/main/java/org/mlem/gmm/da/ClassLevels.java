package org.mlem.gmm.da;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The classes (or folds) of a column as {@code fit gmmda} orders them: text in sorted order,
 * numbers in numeric order, each named as a CSV writes it. Class c of a fit is the c-th name.
 */
public final class ClassLevels {
    private ClassLevels() {}

    /** A number as CSV writes it: whole numbers without a fraction, others in Java's shortest round-trip form. */
    public static String name(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** The distinct numbers in numeric order, named. */
    public static List<String> ofNumbers(Collection<Double> values) {
        TreeMap<Double, String> sorted = new TreeMap<>();
        values.forEach(v -> sorted.put(v, name(v)));
        return List.copyOf(sorted.values());
    }

    /** The distinct texts in sorted order. */
    public static List<String> ofTexts(Collection<String> values) {
        return List.copyOf(new ArrayList<>(new TreeSet<>(values)));
    }
}
