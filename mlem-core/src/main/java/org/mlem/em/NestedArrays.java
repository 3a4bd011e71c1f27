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
            System.arraycopy(a, 0, into, off, a.length);
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
            System.arraycopy(from, off, a, 0, a.length);
            return off + a.length;
        }
        for (Object o : (Object[]) shape) {
            off = unflatten(o, from, off);
        }
        return off;
    }
}
