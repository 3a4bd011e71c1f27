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

    /** The rows of a row-major n × k array {@code flat} (n = its length / k), as {@link SelectableFamily#posterior} returns them. */
    static double[][] rows(double[] flat, int k) {
        double[][] out = new double[flat.length / k][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return out;
    }
}
