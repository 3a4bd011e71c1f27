package org.mlem.select;

import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/** What the families fitted to a {@link DataMatrix} share. */
final class MatrixFamilies {
    private MatrixFamilies() {}

    /** Rows to fit, every cell finite (or missing, NaN, when {@code missingEm}: the E-step marginalises it). */
    static void check(DataMatrix data, boolean missingEm) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        if (!missingEm) {
            data.requireFinite("model selection");
        }
    }

    /** Row weights for {@link SelectableFamily#rowWeights}: null when every row counts once. */
    static double[] weights(DataMatrix data) {
        return data.hasWeights() ? data.weights() : null;
    }
}
