package org.mlem.em;

/**
 * Flattening of nested {@code double} arrays ({@code double[]}, {@code double[][]}, ...) in
 * row-major order and back, for {@link ParameterVector}s of models whose parameters have such
 * shapes.
 */
public final class NestedArrays {
    private NestedArrays() {}

    /** The number of doubles in a nested array. */
    public static int count(Object shape) {
        if (shape instanceof double[] a) {
            return a.length;
        }
        int n = 0;
        for (Object o : (Object[]) shape) {
            n += count(o);
        }
        return n;
    }

    /** Copies the nested array into {@code into} from {@code off}; returns the offset after it. */
    public static int flatten(Object shape, double[] into, int off) {
        if (shape instanceof double[] a) {
            for (int i = 0; i < a.length; i++) { // a loop, not System.arraycopy: see unflatten
                into[off + i] = a[i];
            }
            return off + a.length;
        }
        for (Object o : (Object[]) shape) {
            off = flatten(o, into, off);
        }
        return off;
    }

    /** Overwrites the nested array's values from {@code from} at {@code off}; returns the offset after them. */
    public static int unflatten(Object shape, double[] from, int off) {
        if (shape instanceof double[] a) {
            // A loop, not System.arraycopy: Temurin 25.0.3's C2 crashed the JVM (SIGSEGV in
            // LoadKlassNode::make under the arraycopy intrinsic) when it inlined this method into
            // Squarem.run with a profile that had seen only double[][] shapes there, so that this
            // branch was dead (`select gmm --k 1..3 --covariance diag,full` on faithful, every run).
            // The parameter vectors are short; the loop costs nothing measurable.
            for (int i = 0; i < a.length; i++) {
                a[i] = from[off + i];
            }
            return off + a.length;
        }
        for (Object o : (Object[]) shape) {
            off = unflatten(o, from, off);
        }
        return off;
    }
}
