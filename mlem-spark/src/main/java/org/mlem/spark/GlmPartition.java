package org.mlem.spark;

import java.io.Serializable;

/**
 * One partition's rows for a formula model (a GLM's {@code GlmBlock}, a regression mixture's
 * {@code RegmixBlock}): the block (null when the partition is empty or faulty), the number of
 * input rows, its first fault, its first row's cells (for the driver's layout), the sum of its
 * prior weights and of prior weight × response.
 *
 * @param <B> the block type
 */
record GlmPartition<B>(int partition, long inputRows, B block, GlmRows.Fault fault, Object[] firstRow,
        double totalWeight, double responseTotal)
        implements Serializable {

    /** This partition's summary, for the driver. */
    GlmPartition<B> withoutBlock() {
        return new GlmPartition<>(partition, inputRows, null, fault, firstRow, totalWeight, responseTotal);
    }
}
