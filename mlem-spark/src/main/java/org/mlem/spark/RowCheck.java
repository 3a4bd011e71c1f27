package org.mlem.spark;

import java.io.Serializable;
import org.mlem.data.DataMatrix;

/** A check that a model can take a partition's rows, run on the executors ({@link DistributedData#check}). */
@FunctionalInterface
interface RowCheck extends Serializable {

    /**
     * A row the model cannot take.
     *
     * @param row its 0-based index (in the partition, then in the Dataset)
     * @param message what follows "row N" in the user's message: the column, what is wrong, the fix
     */
    record Fault(long row, String message) implements Serializable {}

    /** The first row of {@code rows} the model cannot take, or null. */
    Fault first(DataMatrix rows);
}
