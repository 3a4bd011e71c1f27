package org.mlem.data;

/** What a CSV cell means: missing, a number, an infinity or text. */
final class CsvCells {
    private CsvCells() {}

    /**
     * Returned by {@link #parse} for a cell that is not a number. It is one particular NaN bit
     * pattern, recognised by {@link #isTextMark} (a missing cell gives the canonical NaN instead).
     */
    static final double NOT_A_NUMBER_MARK = Double.longBitsToDouble(0x7ff8dead0000beefL);

    /** Empty, {@code NA} or {@code NaN} (surrounding blanks ignored). */
    static boolean isMissing(String cell) {
        String s = strip(cell);
        return s.isEmpty() || s.equals("NA") || s.equals("NaN");
    }

    /**
     * Whether a cell that is not a number looks like another program's missing-value marker
     * ({@code nan}, {@code N/A}, {@code null}, {@code None}, {@code -}, {@code ?}, {@code .}, ...),
     * which mlem does not read as missing: only empty, {@code NA} and {@code NaN} are.
     */
    static boolean looksMissing(String cell) {
        String s = strip(cell).toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "nan", "na", "n/a", "#n/a", "null", "none", "nil", "missing", "-", "--", "?", ".", "nd", "n.a.", "#na", "-nan" -> true;
            default -> false;
        };
    }

    /** Whether a cell is a number written with thousands separators ({@code 1,234} or {@code 1,234.5}). */
    static boolean hasThousandsSeparators(String cell) {
        return strip(cell).matches("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
    }

    /**
     * The cell's value: NaN when missing, ±infinity for {@code Inf}, {@code -Inf},
     * {@code Infinity} (any case), the number otherwise, and {@link #NOT_A_NUMBER_MARK} for text.
     */
    static double parse(String cell) {
        String s = strip(cell);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        char last = s.charAt(s.length() - 1);
        if ((last >= '0' && last <= '9') || last == '.') {
            try {
                return DecimalParser.parseDouble(s);
            } catch (NumberFormatException e) {
                return NOT_A_NUMBER_MARK;
            }
        }
        if (s.equals("NA") || s.equals("NaN")) {
            return Double.NaN;
        }
        return infinity(s);
    }

    /**
     * {@link #parse}, for a column already known to hold text: an id or a date is told apart
     * without the cost of a caught exception (a column of them would throw once a row).
     */
    static double parseInTextColumn(String cell) {
        String s = strip(cell);
        if (!s.isEmpty() && !isDecimal(s) && s.indexOf('x') < 0 && s.indexOf('X') < 0) {
            char last = s.charAt(s.length() - 1);
            if ((last >= '0' && last <= '9') || last == '.') {
                return NOT_A_NUMBER_MARK;
            }
        }
        return parse(cell);
    }

    /**
     * Whether {@code s} is a decimal number as {@link Double#parseDouble} reads one: a sign, digits
     * with at most one point (at least one digit), an optional exponent. Hexadecimal numbers are
     * left to {@code parseDouble} itself.
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    /** Whether {@code v} is the value {@link #parse} gives for text. */
    static boolean isTextMark(double v) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(NOT_A_NUMBER_MARK);
    }

    private static double infinity(String s) {
        String body = s;
        double sign = 1;
        if (s.startsWith("-") || s.startsWith("+")) {
            sign = s.charAt(0) == '-' ? -1 : 1;
            body = s.substring(1);
        }
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        return NOT_A_NUMBER_MARK;
    }

    /** The canonical text of a number already read: integers without a fraction, missing as null. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String strip(String cell) {
        int n = cell.length();
        if (n == 0 || (cell.charAt(0) > ' ' && cell.charAt(n - 1) > ' ')) {
            return cell;
        }
        return cell.strip();
    }
}
