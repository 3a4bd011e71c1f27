package org.mlem.spark;

import java.io.Serializable;
import org.mlem.em.Stats;

/** A vector of per-partition results whose first {@code summed} entries add and the rest take the maximum. */
final class MergedSums implements Stats<MergedSums>, Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] values;
    private final int summed;

    MergedSums(double[] values, int summed) {
        this.values = values;
        this.summed = summed;
    }

    @Override
    public void merge(MergedSums other) {
        for (int j = 0; j < values.length; j++) {
            values[j] = j < summed ? values[j] + other.values[j] : Math.max(values[j], other.values[j]);
        }
    }

    double[] values() {
        return values;
    }
}
