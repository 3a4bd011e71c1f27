package org.mlem.cli;

import java.util.List;
import java.util.Locale;

/** Numbers and rows as the CSV and text outputs print them. */
public final class CsvNumbers {
    private CsvNumbers() {}

    /** Whole numbers without a fraction, others in Java's shortest round-trip form. */
    static String format(double v) {
        return org.mlem.gmm.da.ClassLevels.name(v);
    }

    /** Six significant digits, for people. */
    public static String brief(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** A CSV field, quoted when it holds the delimiter, a quote or a line break. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A CSV header line. */
    static String header(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < names.size(); j++) {
            if (j > 0) {
                sb.append(',');
            }
            sb.append(field(names.get(j)));
        }
        return sb.toString();
    }
}
