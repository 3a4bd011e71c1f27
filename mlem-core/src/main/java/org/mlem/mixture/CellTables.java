package org.mlem.mixture;

import java.util.Arrays;
import java.util.List;

/**
 * The log densities of a product mixture's discrete univariate factors at small counts, looked up
 * rather than recomputed cell by cell: a Bernoulli factor's log p and log(1 − p), a Poisson
 * factor's x log λ − λ − log x! for x below {@value #SIZE}. Each entry is filled the first time
 * its value is met, by the factor's own {@link ComponentPart#logDensity}, so a looked-up value is
 * the computed one bit for bit; any other cell (a larger count, a continuous or multinomial factor,
 * a missing cell, −0) is computed as before. One instance serves one call over one block: it is
 * not shared between threads.
 */
final class CellTables {
    /** Counts 0..SIZE−1 are looked up. */
    static final int SIZE = 64;

    private final List<ProductComponent> components;
    private final int parts;
    private final int[] column; // per factor: its column when it is a discrete univariate factor, else −1
    private final double[][] tables; // [j · parts + f], allocated on first use, NaN where not yet filled

    CellTables(List<ProductComponent> components) {
        this.components = components;
        List<ComponentPart> first = components.get(0).parts();
        this.parts = first.size();
        this.column = new int[parts];
        for (int f = 0; f < parts; f++) {
            column[f] = first.get(f) instanceof ComponentPart.UnivariatePart u && u.model().family().isDiscrete()
                    ? u.model().column() : -1;
        }
        this.tables = new double[components.size() * parts][];
    }

    /** log p(row | component j): the sum of its factors' log densities, in factor order. */
    double logDensity(int j, double[] x, int offset) {
        List<ComponentPart> ps = components.get(j).parts();
        double s = 0;
        for (int f = 0; f < parts; f++) {
            int c = column[f];
            if (c < 0) {
                s += ps.get(f).logDensity(x, offset);
                continue;
            }
            double v = x[offset + c];
            int count = (int) v;
            if (count == v && count >= 0 && count < SIZE && (count != 0 || Double.doubleToRawLongBits(v) == 0L)) {
                s += lookUp(j, f, count, ps.get(f), x, offset);
            } else {
                s += ps.get(f).logDensity(x, offset);
            }
        }
        return s;
    }

    private double lookUp(int j, int f, int count, ComponentPart part, double[] x, int offset) {
        double[] t = tables[j * parts + f];
        if (t == null) {
            t = new double[SIZE];
            Arrays.fill(t, Double.NaN);
            tables[j * parts + f] = t;
        }
        double v = t[count];
        if (Double.isNaN(v)) {
            v = part.logDensity(x, offset); // the cell holds exactly this count
            t[count] = v;
        }
        return v;
    }
}
