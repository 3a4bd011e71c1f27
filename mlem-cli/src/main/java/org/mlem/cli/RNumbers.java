package org.mlem.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers formatted the way R prints them, so that summaries read like R's {@code summary()}:
 * a column of numbers shares one number of decimals, chosen as R's {@code format(x, digits = d)}
 * chooses it (enough for each value to show {@code d} significant digits, trailing zeros dropped),
 * and falls back to scientific notation when that is narrower.
 */
final class RNumbers {
    private RNumbers() {}

    /** R's {@code format(values, digits = digits)}: one format for all; NaN prints as {@code NA}. */
    static String[] format(double[] values, int digits) {
        int decimals = 0;
        int sigForSci = 1;
        boolean any = false;
        for (double v : values) {
            if (!Double.isFinite(v) || v == 0) {
                continue;
            }
            any = true;
            int sig = significantNeeded(v, digits);
            int exponent = exponent(v, sig);
            decimals = Math.max(decimals, sig - 1 - exponent);
            sigForSci = Math.max(sigForSci, sig);
        }
        String[] fixed = new String[values.length];
        String[] sci = new String[values.length];
        int fixedWidth = 0;
        int sciWidth = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                fixed[i] = sci[i] = "NA";
                continue;
            }
            if (Double.isInfinite(v)) {
                fixed[i] = sci[i] = v > 0 ? "Inf" : "-Inf";
                continue;
            }
            fixed[i] = String.format(Locale.ROOT, "%." + Math.min(decimals, 15) + "f", v);
            sci[i] = String.format(Locale.ROOT, "%." + (sigForSci - 1) + "e", v);
            fixedWidth = Math.max(fixedWidth, fixed[i].length());
            sciWidth = Math.max(sciWidth, sci[i].length());
        }
        return any && fixedWidth > sciWidth ? sci : fixed;
    }

    /** One number as R's {@code format(v, digits = digits)}. */
    static String format(double v, int digits) {
        return format(new double[] {v}, digits)[0];
    }

    /** R's {@code format.pval(p, digits = 3)}: below machine epsilon {@code < 2e-16}; fixed from 1e-3 up, else scientific. */
    static String[] pValues(double[] p) {
        int n = p.length;
        String[] out = new String[n];
        double[] fixedGroup = new double[n];
        double[] sciGroup = new double[n];
        for (int i = 0; i < n; i++) {
            fixedGroup[i] = p[i] >= 1e-3 ? p[i] : Double.NaN;
            sciGroup[i] = p[i] < 1e-3 && p[i] >= Math.ulp(1.0) ? p[i] : Double.NaN;
        }
        String[] fixed = format(fixedGroup, 3);
        String[] sci = new String[n];
        int sig = 1;
        for (double v : sciGroup) {
            if (!Double.isNaN(v)) {
                sig = Math.max(sig, significantNeeded(v, 3));
            }
        }
        for (int i = 0; i < n; i++) {
            sci[i] = String.format(Locale.ROOT, "%." + (sig - 1) + "e", sciGroup[i]);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(p[i])) {
                out[i] = "NA";
            } else if (p[i] < Math.ulp(1.0)) {
                out[i] = "< 2e-16";
            } else {
                out[i] = p[i] >= 1e-3 ? fixed[i] : sci[i];
            }
        }
        return out;
    }

    /** R's significance stars: *** below 0.001, ** below 0.01, * below 0.05, . below 0.1. */
    static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    /** The legend R prints under a table with stars. */
    static final String SIGNIF_CODES = "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1";

    /** The fewest significant digits (1..digits) that show {@code v} as {@code digits} digits do. */
    private static int significantNeeded(double v, int digits) {
        BigDecimal full = new BigDecimal(v).round(new MathContext(digits));
        for (int s = 1; s < digits; s++) {
            if (new BigDecimal(v).round(new MathContext(s)).compareTo(full) == 0) {
                return s;
            }
        }
        return digits;
    }

    /** The decimal exponent of {@code v} after rounding to {@code sig} significant digits. */
    private static int exponent(double v, int sig) {
        BigDecimal r = new BigDecimal(v).round(new MathContext(sig));
        return r.precision() - r.scale() - 1;
    }
}
