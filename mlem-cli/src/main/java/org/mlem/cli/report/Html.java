package org.mlem.cli.report;

import org.mlem.cli.CsvNumbers;

/** Text made safe for HTML, and numbers as people read them (six significant digits). */
final class Html {
    private Html() {}

    /** {@code s} with {@code & < > " '} escaped, for element text and attribute values alike. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Six significant digits; an absent value (NaN) as an empty string. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : CsvNumbers.brief(v);
    }
}
