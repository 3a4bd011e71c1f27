package org.mlem.data;

/**
 * How a CSV file is laid out.
 *
 * @param header whether the first record names the columns; without one they are named
 *     {@code x1..xd}
 * @param delimiter the field separator, {@code ,} by default
 */
public record CsvFormat(boolean header, char delimiter) {

    /** A header row and commas. */
    public static final CsvFormat DEFAULT = new CsvFormat(true, ',');

    public CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new org.mlem.MlemUserException("the delimiter cannot be a quote or a line break; use , ; | or a tab");
        }
    }

    public CsvFormat withHeader(boolean h) {
        return new CsvFormat(h, delimiter);
    }

    public CsvFormat withDelimiter(char d) {
        return new CsvFormat(header, d);
    }
}
