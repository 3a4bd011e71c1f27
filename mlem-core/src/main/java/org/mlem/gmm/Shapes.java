package org.mlem.gmm;

/** Copies between nested arrays (the API's shapes) and flat row-major storage. */
final class Shapes {
    private Shapes() {}

    static void copySquare(double[][] m, int d, double[] into, int off, String what) {
        if (m.length != d) {
            throw new IllegalArgumentException(what + " has " + m.length + " rows, expected " + d);
        }
        for (int a = 0; a < d; a++) {
            if (m[a].length != d) {
                throw new IllegalArgumentException(what + " row " + (a + 1) + " has " + m[a].length + " values, expected " + d);
            }
            for (int b = 0; b < d; b++) {
                if (m[a][b] != m[b][a] && !(Math.abs(m[a][b] - m[b][a]) <= 1e-12 * (Math.abs(m[a][b]) + Math.abs(m[b][a])))) {
                    throw new IllegalArgumentException(what + " is not symmetric at (" + (a + 1) + "," + (b + 1) + ")");
                }
            }
            System.arraycopy(m[a], 0, into, off + a * d, d);
        }
    }

    static double[][] square(double[] flat, int off, int d) {
        double[][] m = new double[d][];
        for (int a = 0; a < d; a++) {
            m[a] = java.util.Arrays.copyOfRange(flat, off + a * d, off + (a + 1) * d);
        }
        return m;
    }

    /** {@code out = L z} for a lower-triangular row-major L. */
    static void lowerTimes(double[] l, int off, int d, double[] z, double[] out) {
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b <= a; b++) {
                s += l[off + a * d + b] * z[b];
            }
            out[a] = s;
        }
    }
}
