package org.mlem;

/**
 * A mistake in what the user gave mlem: an unreadable file, a non-numeric cell, an impossible
 * option, data a model cannot take. The message names the problem and the fix; {@link #place()}
 * names where it is (file, line, column) when that is known. The command-line tool prints
 * {@code place: message} on one line and exits with status 2.
 */
public class MlemUserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long column;

    /** A mistake with no particular place (an option, a parameter). */
    public MlemUserException(String message) {
        this(message, null, -1, -1);
    }

    /**
     * A mistake at a place in an input.
     *
     * @param source file name or other description of the input, or null
     * @param line 1-based line number in that input, or -1 when unknown
     * @param column 1-based column number, or -1 when unknown
     */
    public MlemUserException(String message, String source, long line, long column) {
        super(message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The input's name, or null. */
    public String source() {
        return source;
    }

    /** The 1-based line, or -1. */
    public long line() {
        return line;
    }

    /** The 1-based column, or -1. */
    public long column() {
        return column;
    }

    /** {@code file:line:column}, as much of it as is known; empty when nothing is. */
    public String place() {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (line > 0) {
            sb.append(sb.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }

    /** The one line a user sees: the place, then the message. */
    public String oneLine() {
        String place = place();
        return place.isEmpty() ? getMessage() : place + ": " + getMessage();
    }
}
