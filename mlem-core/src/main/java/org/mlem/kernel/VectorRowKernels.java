package org.mlem.kernel;

import static org.mlem.kernel.VectorKernels.LANES;
import static org.mlem.kernel.VectorKernels.SPECIES;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link GaussianKernels#normalizeRows} with the maximum, the exponentials and the sum of each row
 * taken a vector of components at a time ({@code jdk.incubator.vector}; load only through
 * {@link Kernels}). The vector exponential is {@link #exp}, built from exactly rounded operations
 * only (not the JDK's {@code VectorOperators.EXP}, whose compiled and interpreted forms may differ
 * in the last bit, which would make a fit's bits depend on when the JIT compiled it); the
 * components beyond the last full vector use {@link Math#exp}. Sums over lanes run in lane order.
 */
final class VectorRowKernels {
    private VectorRowKernels() {}

    /** As {@link GaussianKernels#normalizeRows}. */
    static double normalizeRows(double[] out, int rows, int k, double[] weights, int[] labels, int wOff) {
        int kv = k / LANES * LANES;
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            int z = labels == null ? -1 : labels[wOff + i];
            double rowLl = z >= 0 ? GaussianKernels.oneHot(out, o, k, z) : normalizeRow(out, o, k, kv);
            double w = weights == null ? 1.0 : weights[wOff + i];
            if (w != 0.0) {
                total += w * rowLl;
            }
        }
        return total;
    }

    /** Turns {@code out[o..o+k)} into its softmax and returns its log-sum-exp. */
    private static double normalizeRow(double[] out, int o, int k, int kv) {
        double max = Double.NEGATIVE_INFINITY;
        if (kv > 0) {
            DoubleVector m = DoubleVector.fromArray(SPECIES, out, o);
            for (int j = LANES; j < kv; j += LANES) {
                m = m.max(DoubleVector.fromArray(SPECIES, out, o + j));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (int j = kv; j < k; j++) {
            max = Math.max(max, out[o + j]);
        }
        double sum = 0.0;
        if (kv > 0) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int j = 0; j < kv; j += LANES) {
                DoubleVector e = exp(DoubleVector.fromArray(SPECIES, out, o + j).sub(max));
                e.intoArray(out, o + j);
                s = s.add(e);
            }
            sum = VectorKernels.sumInOrder(s);
        }
        for (int j = kv; j < k; j++) {
            double e = Math.exp(out[o + j] - max);
            out[o + j] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int j = 0; j < kv; j += LANES) {
            DoubleVector.fromArray(SPECIES, out, o + j).mul(inv).intoArray(out, o + j);
        }
        for (int j = kv; j < k; j++) {
            out[o + j] *= inv;
        }
        return max + Math.log(sum);
    }

    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to an integer. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** 1/n! for n = 12 down to 0: the Taylor polynomial of exp on |r| ≤ ln2/2 (truncation below 2e-16). */
    private static final double[] TAYLOR = taylor(12);

    /**
     * {@code e^x} per lane for {@code x ≤ 0} (and NaN): {@code x = k ln2 + r} with {@code |r| ≤ ln2/2}
     * (Cody–Waite, ln2 split in two, products by fma), {@code e^r} by its degree-12 Taylor polynomial
     * (Horner, fma), then times {@code 2^⌊k/2⌋·2^⌈k/2⌉} built from exponent bits, so results down to
     * the subnormal range round once and below about −745 are 0. Within a few ulp of
     * {@link Math#exp}; the tests bound it.
     */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(-800.0);
        DoubleVector t = xc.fma(LOG2_E, ROUNDER);
        DoubleVector k = t.sub(ROUNDER);
        DoubleVector negK = k.neg();
        DoubleVector r = negK.fma(DoubleVector.broadcast(SPECIES, LN2_HI), xc);
        r = negK.fma(DoubleVector.broadcast(SPECIES, LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(SPECIES, TAYLOR[0]);
        for (int n = 1; n < TAYLOR.length; n++) {
            p = p.fma(r, DoubleVector.broadcast(SPECIES, TAYLOR[n]));
        }
        LongVector ki = t.viewAsIntegralLanes().sub(ROUNDER_BITS);
        LongVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = ki.sub(k1);
        DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
        DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
        return p.mul(s1).mul(s2);
    }

    private static double[] taylor(int degree) {
        double[] c = new double[degree + 1];
        double f = 1;
        for (int n = 1; n <= degree; n++) {
            f *= n;
        }
        for (int n = degree; n >= 0; n--) {
            c[degree - n] = 1.0 / f;
            f /= Math.max(n, 1);
        }
        return c;
    }
}
