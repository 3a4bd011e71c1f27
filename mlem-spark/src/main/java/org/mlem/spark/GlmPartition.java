package org.mlem.spark;

import java.io.Serializable;
import org.mlem.glm.GlmBlock;

/**
 * One partition's rows for a GLM: the block (null when the partition is empty or faulty), the
 * number of input rows, its first fault, its first row's cells (for the driver's layout) and the
 * sum of its prior weights.
 */
record GlmPartition(int partition, long inputRows, GlmBlock block, GlmRows.Fault fault, Object[] firstRow,
        double totalWeight)
        implements Serializable {

    /** This partition's summary, for the driver. */
    GlmPartition withoutBlock() {
        return new GlmPartition(partition, inputRows, null, fault, firstRow, totalWeight);
    }
}
