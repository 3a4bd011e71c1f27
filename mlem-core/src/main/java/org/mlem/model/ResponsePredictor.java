package org.mlem.model;

import java.util.List;
import org.mlem.formula.Frame;

/** A model of a response given covariates: {@code mlem predict} prints {@link Prediction}'s columns. */
public interface ResponsePredictor extends FittedModel {
    /** Predictions for every row; the response need not be in the rows. */
    Prediction predict(Frame rows);

    /**
     * Named columns of predictions, one value per row in each.
     *
     * @param names the column names (a GLM: {@code fit}, {@code link}, {@code se.fit})
     * @param columns the values, one array per name
     */
    record Prediction(List<String> names, List<double[]> columns) {
        public Prediction {
            names = List.copyOf(names);
            columns = List.copyOf(columns);
            if (names.size() != columns.size()) {
                throw new IllegalArgumentException(names.size() + " names for " + columns.size() + " columns");
            }
        }

        /** The number of rows. */
        public int rows() {
            return columns.isEmpty() ? 0 : columns.get(0).length;
        }
    }
}
