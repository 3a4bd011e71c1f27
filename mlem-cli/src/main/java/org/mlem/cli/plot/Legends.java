package org.mlem.cli.plot;

import java.util.Locale;

/**
 * The names of components in plot legends. Components are numbered from 0 in every output (the
 * summaries, the JSON, {@code predict}'s labels and {@code p0..p(k-1)}, standard-error names), so
 * a colour in a picture and a column of a table name the same component.
 */
public final class Legends {
    private Legends() {}

    /** {@code component j}, j counted from 0. */
    public static String component(int j) {
        return "component " + j;
    }

    /** {@code component j: π = weight}, the start of a legend that goes on to the parameters. */
    public static String componentWeight(int j, double weight) {
        return component(j) + String.format(Locale.ROOT, ": π = %.3g", weight);
    }
}
