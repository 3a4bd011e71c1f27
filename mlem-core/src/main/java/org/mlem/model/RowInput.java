package org.mlem.model;

import java.util.List;
import org.mlem.data.DataMatrix;

/**
 * The rows a model reads, so a reader (the CLI's CSV input) can select and check them before the
 * model sees a {@link org.mlem.formula.Frame}.
 */
public sealed interface RowInput {
    /**
     * A matrix model's d numeric columns, passed to it under {@code names()} in order.
     *
     * @param named the column names the model file records, or null when it records none
     * @param dimension d
     * @param missingCells whether rows with missing cells (NaN) may be given (marginalised)
     * @param support the first cell outside the model's support, or null when every value is allowed
     */
    record Columns(List<String> named, int dimension, boolean missingCells, SupportCheck support) implements RowInput {
        public Columns {
            named = named == null ? null : List.copyOf(named);
        }

        /** The names the model reads: the recorded ones, else {@code x1..xd}. */
        public List<String> names() {
            return named != null ? named : DataMatrix.defaultNames(dimension);
        }
    }

    /**
     * A formula model's columns: numeric or text (a factor), every row complete in {@code columns};
     * {@code response} lists the response's columns, which prediction and conditional sampling do
     * not need; {@code concomitant} those that set each row's mixing weights (a concomitant
     * mixture's), named so in the message when a data file lacks one; {@code holes} those whose
     * missing cells (NaN) the model marginalises (a concomitant Gaussian mixture's coordinates), so a
     * row is complete in the others.
     */
    record Table(List<String> columns, List<String> response, List<String> concomitant, List<String> holes)
            implements RowInput {
        public Table {
            columns = List.copyOf(columns);
            response = List.copyOf(response);
            concomitant = List.copyOf(concomitant);
            holes = List.copyOf(holes);
        }

        /** Every row complete in every column. */
        public Table(List<String> columns, List<String> response, List<String> concomitant) {
            this(columns, response, concomitant, List.of());
        }

        /** A formula model's columns, none of them concomitant. */
        public Table(List<String> columns, List<String> response) {
            this(columns, response, List.of());
        }
    }

    /**
     * A hidden Markov model's emission columns, cut into sequences by a sequence column.
     *
     * @param named the emission columns the file records, or null
     * @param dimension the number of emission columns
     * @param sequenceColumn the column that cut the fitting data into sequences, or null
     */
    record Sequences(List<String> named, int dimension, String sequenceColumn) implements RowInput {
        public Sequences {
            named = named == null ? null : List.copyOf(named);
        }
    }

    /** The first cell of a matrix outside a model's support. */
    interface SupportCheck {
        /** The first violation (by row, then column), or null when every cell is allowed. */
        Violation first(DataMatrix rows);
    }

    /**
     * A cell outside the support.
     *
     * @param row the row (0-based) in the matrix given
     * @param column the column (0-based)
     * @param message what is wrong, without the place
     */
    record Violation(int row, int column, String message) {}
}
