package org.mlem.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One row of a sequence on its way to its group: its id, its position in the sequence (the order
 * column's value, or the row number when there is none), its 0-based row number in the Dataset's
 * order (for messages) and its features.
 */
record SequenceStep(Object id, double order, long row, double[] x) implements Serializable {

    /** Sequence by sequence in id order, each in time order; ties in order by row number. */
    static final Comparator<SequenceStep> ORDER = (Comparator<SequenceStep> & Serializable) (a, b) -> {
        int c = SequenceIds.ORDER.compare(a.id, b.id);
        if (c != 0) {
            return c;
        }
        c = Double.compare(a.order, b.order);
        return c != 0 ? c : Long.compare(a.row, b.row);
    };
}
