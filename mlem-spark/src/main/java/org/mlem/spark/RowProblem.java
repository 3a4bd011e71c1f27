package org.mlem.spark;

import java.io.Serializable;

/**
 * A row the fit cannot take, found on an executor and reported by the driver with its 1-based row
 * number in the Dataset's order.
 *
 * @param localRow 0-based index of the row within its partition
 * @param column the column at fault
 * @param detail what is wrong, e.g. {@code "holds NaN at index 2"}
 * @param fix what the user should do
 */
record RowProblem(long localRow, String column, String detail, String fix) implements Serializable {

    /** The message a user sees, for the row with 1-based number {@code row}. */
    String message(long row) {
        return "row " + row + ", column '" + column + "' " + detail + "; " + fix;
    }
}
