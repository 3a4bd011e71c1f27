package org.mlem.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CompensatedGradient#gradient} with the rows in SIMD lanes: each lane keeps its own
 * compensated sum, and the lanes are added in lane order by TwoSum at the end, so the result
 * keeps the compensated accuracy and a given block gives the same bits on every run.
 */
final class VectorCompensatedGradient {
    private static final VectorSpecies<Double> S = VectorKernels.SPECIES;

    private VectorCompensatedGradient() {}

    /** As {@link CompensatedGradient#gradient}. */
    static void gradient(double[] x, int n, int p, double[] b, double[] z, double[] w, int from, int len,
            double[] out, double[] hi, double[] lo) {
        int bound = S.loopBound(len);
        residuals(x, n, p, b, z, w, from, len, bound, hi, lo);
        double[] sl = new double[S.length()];
        double[] cl = new double[S.length()];
        for (int j = 0; j < p; j++) {
            int off = j * n + from;
            DoubleVector s = DoubleVector.zero(S);
            DoubleVector c = DoubleVector.zero(S);
            for (int r = 0; r < bound; r += S.length()) {
                DoubleVector a = DoubleVector.fromArray(S, x, off + r);
                DoubleVector h = DoubleVector.fromArray(S, hi, r);
                DoubleVector prod = a.mul(h);
                DoubleVector e = a.fma(h, prod.neg());
                DoubleVector t = s.add(prod);
                DoubleVector v = t.sub(s);
                c = c.add(s.sub(t.sub(v)).add(prod.sub(v)).add(e)).add(a.mul(DoubleVector.fromArray(S, lo, r)));
                s = t;
            }
            s.intoArray(sl, 0);
            c.intoArray(cl, 0);
            double sum = 0;
            double comp = 0;
            for (int l = 0; l < sl.length; l++) {
                double t = sum + sl[l];
                double v = t - sum;
                comp += (sum - (t - v)) + (sl[l] - v) + cl[l];
                sum = t;
            }
            double[] sc = {sum, comp};
            CompensatedGradient.addDot(x, off, hi, lo, bound, len, sc);
            out[2 * j] = sc[0];
            out[2 * j + 1] = sc[1];
        }
    }

    /**
     * {@link CompensatedGradient#residuals} with a vector of rows held in registers through all the
     * columns; the rows past the last full vector by the plain loop.
     */
    private static void residuals(double[] x, int n, int p, double[] b, double[] z, double[] w, int from, int len,
            int bound, double[] hi, double[] lo) {
        for (int r = 0; r < bound; r += S.length()) {
            DoubleVector h = DoubleVector.fromArray(S, z, from + r);
            DoubleVector l = DoubleVector.zero(S);
            for (int j = 0; j < p; j++) {
                DoubleVector a = DoubleVector.fromArray(S, x, j * n + from + r);
                DoubleVector bj = DoubleVector.broadcast(S, -b[j]);
                DoubleVector prod = a.mul(bj);
                DoubleVector e = a.fma(bj, prod.neg());
                DoubleVector t = h.add(prod);
                DoubleVector v = t.sub(h);
                l = l.add(h.sub(t.sub(v)).add(prod.sub(v)).add(e));
                h = t;
            }
            DoubleVector wr = DoubleVector.fromArray(S, w, from + r);
            DoubleVector hs = h.add(l);
            DoubleVector ls = l.sub(hs.sub(h));
            DoubleVector prod = wr.mul(hs);
            prod.intoArray(hi, r);
            wr.fma(hs, prod.neg()).add(wr.mul(ls)).intoArray(lo, r);
        }
        if (bound < len) {
            double[] th = new double[len - bound];
            double[] tl = new double[len - bound];
            CompensatedGradient.residuals(x, n, p, b, z, w, from + bound, len - bound, th, tl);
            System.arraycopy(th, 0, hi, bound, th.length);
            System.arraycopy(tl, 0, lo, bound, tl.length);
        }
    }
}
