package org.mlem.survival;

import org.mlem.MlemUserException;

/**
 * A user error in one row of censored data: the message reads {@code row N: problem}; the CLI places
 * {@link #problem()} at the row's line in the file instead.
 */
public final class RowException extends MlemUserException {
    private static final long serialVersionUID = 1L;

    private final int row;
    private final String problem;

    RowException(int row, String problem) {
        super("row " + (row + 1) + ": " + problem);
        this.row = row;
        this.problem = problem;
    }

    /** The 0-based row. */
    public int row() {
        return row;
    }

    /** The message without its row. */
    public String problem() {
        return problem;
    }
}
