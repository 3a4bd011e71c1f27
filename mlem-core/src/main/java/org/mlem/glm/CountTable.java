package org.mlem.glm;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The distinct values of a count response with the total prior weight of each, so that a sum
 * {@code Σ_i wt_i f(y_i)} of a function of the response alone (the negative binomial's log-gammas,
 * digammas and trigammas) costs one evaluation per distinct count instead of one per row.
 */
final class CountTable {
    private final double[] values;
    private final double[] weights;

    private CountTable(double[] values, double[] weights) {
        this.values = values;
        this.weights = weights;
    }

    static CountTable of(double[] y, double[] wt) {
        double[] sorted = y.clone();
        Arrays.parallelSort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        double[] values = Arrays.copyOf(sorted, distinct);
        double[] weights = new double[distinct];
        for (int i = 0; i < y.length; i++) {
            weights[Arrays.binarySearch(values, y[i])] += wt[i];
        }
        return new CountTable(values, weights);
    }

    /** {@code Σ_i wt_i f(y_i)}, summed over the distinct values in ascending order. */
    double sum(DoubleUnaryOperator f) {
        double s = 0;
        for (int k = 0; k < values.length; k++) {
            if (weights[k] != 0) {
                s += weights[k] * f.applyAsDouble(values[k]);
            }
        }
        return s;
    }
}
