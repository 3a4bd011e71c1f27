package org.mlem.model;

import java.util.List;
import org.mlem.data.DataMatrix;

/** A model that draws rows of its own: {@code mlem sample --n N}. */
public interface Sampler extends FittedModel {
    /**
     * {@code n} rows drawn with a generator seeded by {@code seed} (the same seed, the same rows),
     * named as the model's columns; labels hold each row's component where there is one.
     */
    DataMatrix sample(int n, long seed);

    /**
     * The same rows as {@link #sample} drawn one at a time, so that any number fits in memory; null
     * when the model draws only all at once.
     */
    default RowStream stream(long seed) {
        return null;
    }

    /** Rows drawn one at a time. */
    interface RowStream {
        /** The columns' names. */
        List<String> columns();

        /** Draws the next row into {@code row} (one value per column); returns its component, or -1 when none. */
        int next(double[] row);
    }
}
