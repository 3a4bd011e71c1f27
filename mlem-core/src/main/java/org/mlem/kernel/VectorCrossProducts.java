package org.mlem.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CrossProducts#weighted} on SIMD lanes: rows in the lanes, the weighted column
 * {@code w ∘ a_j} formed once per block into scratch, then dotted with four columns at a time
 * (five loads per four fused multiply-adds). Call it on blocks of a few hundred rows so the
 * block's columns stay in the first-level cache. Lane order is fixed by the species, so a
 * given block gives the same bits on every run.
 */
final class VectorCrossProducts {
    private static final VectorSpecies<Double> S = VectorKernels.SPECIES;

    private VectorCrossProducts() {}

    /** As {@link CrossProducts#weighted}; {@code scratch} holds at least {@code to - from} doubles. */
    static void weighted(double[] x, int n, int p, double[] z, double[] w, int from, int to, double[] out,
            double[] scratch) {
        int q = p + 1;
        int len = to - from;
        int bound = S.loopBound(len);
        for (int j = 0; j < q; j++) {
            double[] cj = j < p ? x : z;
            int oj = (j < p ? j * n : 0) + from;
            for (int i = 0; i < bound; i += S.length()) {
                DoubleVector.fromArray(S, w, from + i).mul(DoubleVector.fromArray(S, cj, oj + i)).intoArray(scratch, i);
            }
            for (int i = bound; i < len; i++) {
                scratch[i] = w[from + i] * cj[oj + i];
            }
            int k = j;
            for (; k + 3 < p; k += 4) {
                dot4(scratch, len, bound, x, k * n + from, n, out, j * q + k);
            }
            for (; k < q; k++) {
                double[] ck = k < p ? x : z;
                out[j * q + k] += dot(scratch, len, bound, ck, (k < p ? k * n : 0) + from);
            }
        }
    }

    private static double dot(double[] a, int len, int bound, double[] b, int bo) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            acc = DoubleVector.fromArray(S, a, i).fma(DoubleVector.fromArray(S, b, bo + i), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < len; i++) {
            s += a[i] * b[bo + i];
        }
        return s;
    }

    /** Four dots of {@code a} with columns at {@code bo, bo + n, bo + 2n, bo + 3n}, added to {@code out[at..at+3]}. */
    private static void dot4(double[] a, int len, int bound, double[] b, int bo, int n, double[] out, int at) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, a, i);
            s0 = v.fma(DoubleVector.fromArray(S, b, bo + i), s0);
            s1 = v.fma(DoubleVector.fromArray(S, b, bo + n + i), s1);
            s2 = v.fma(DoubleVector.fromArray(S, b, bo + 2 * n + i), s2);
            s3 = v.fma(DoubleVector.fromArray(S, b, bo + 3 * n + i), s3);
        }
        double t0 = s0.reduceLanes(VectorOperators.ADD);
        double t1 = s1.reduceLanes(VectorOperators.ADD);
        double t2 = s2.reduceLanes(VectorOperators.ADD);
        double t3 = s3.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < len; i++) {
            t0 += a[i] * b[bo + i];
            t1 += a[i] * b[bo + n + i];
            t2 += a[i] * b[bo + 2 * n + i];
            t3 += a[i] * b[bo + 3 * n + i];
        }
        out[at] += t0;
        out[at + 1] += t1;
        out[at + 2] += t2;
        out[at + 3] += t3;
    }
}
