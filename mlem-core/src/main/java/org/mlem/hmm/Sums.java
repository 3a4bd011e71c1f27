package org.mlem.hmm;

/** Small array sums shared by the statistics classes. */
final class Sums {
    private Sums() {}

    /** {@code a[i] += b[i]} for every i. */
    static void addInto(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /** Σ a[from..to). */
    static double sum(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s;
    }
}
