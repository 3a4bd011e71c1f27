package org.mlem.kernel;

import static org.mlem.kernel.VectorKernels.LANES;
import static org.mlem.kernel.VectorKernels.SPECIES;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link GaussianKernels#normalizeRows} with the maximum, the exponentials and the sum of each row
 * taken a vector of components at a time ({@code jdk.incubator.vector}; load only through
 * {@link Kernels}). The vector exponential is the JDK's (within 1 ulp of {@link Math#exp} by its
 * specification); the components beyond the last full vector use {@link Math#exp}.
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
                DoubleVector e = DoubleVector.fromArray(SPECIES, out, o + j).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(out, o + j);
                s = s.add(e);
            }
            sum = s.reduceLanes(VectorOperators.ADD);
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
}
