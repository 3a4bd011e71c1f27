package org.mlem.spark;

import java.io.Serializable;
import org.mlem.data.Block;
import org.mlem.em.Stats;

/** Per column, the weighted sum of the observed (non-NaN) cells and their weight: the means a missing cell is filled with. */
final class ObservedMeans implements Stats<ObservedMeans>, Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] sum;
    private final double[] weight;

    ObservedMeans(int cols) {
        sum = new double[cols];
        weight = new double[cols];
    }

    void add(Block b) {
        int d = sum.length;
        for (int i = 0; i < b.rows(); i++) {
            int o = b.offset(i);
            double w = b.weight(i);
            for (int a = 0; a < d; a++) {
                double v = b.x()[o + a];
                if (!Double.isNaN(v)) {
                    sum[a] += w * v;
                    weight[a] += w;
                }
            }
        }
    }

    @Override
    public void merge(ObservedMeans other) {
        for (int a = 0; a < sum.length; a++) {
            sum[a] += other.sum[a];
            weight[a] += other.weight[a];
        }
    }

    /** The means, as {@link org.mlem.data.DataMatrix#missingFilledByMeans} computes them. */
    double[] means() {
        double[] m = new double[sum.length];
        for (int a = 0; a < m.length; a++) {
            m[a] = sum[a] / weight[a];
        }
        return m;
    }
}
