package org.mlem.data;

import java.nio.charset.StandardCharsets;

/**
 * Decimal text to {@code double}, bit for bit as {@link Double#parseDouble}, faster on plain
 * decimals ({@code [+-]digits[.digits][(e|E)[+-]digits]}, at most 19 significant digits).
 *
 * <p>Two exact fast paths, then the JDK: (1) Clinger's (1990): when the significand {@code w} is
 * below 2<sup>53</sup> and the decimal exponent {@code q} is within ±22, both {@code w} and
 * 10<sup>|q|</sup> are exact doubles and one IEEE multiplication or division rounds correctly;
 * (2) Eisel–Lemire (Lemire, "Number parsing at a gigabyte per second", 2021): {@code w} times a
 * 128-bit truncation of 10<sup>q</sup>, accepted only when the truncation error cannot change the
 * rounding (otherwise, and for subnormal or overflowing results, it gives up). Everything else,
 * hexadecimal, {@code NaN}, {@code Infinity}, blanks, suffixes and malformed text included, goes to
 * {@link Double#parseDouble}, which also throws the {@link NumberFormatException}.
 */
public final class DecimalParser {
    private DecimalParser() {}

    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static final int MIN_EXP10 = DecimalPowers.MIN_EXP10;
    private static final int MAX_EXP10 = DecimalPowers.MAX_EXP10;
    /** For 10^q, q in [MIN_EXP10, MAX_EXP10]: the high and low 64 bits of its 128-bit mantissa, rounded down. */
    private static final long[] POW10_HI = DecimalPowers.HI;
    private static final long[] POW10_LO = DecimalPowers.LO;

    /**
     * Returned by {@link #parseAscii} when neither fast path decides: a NaN bit pattern no decimal
     * text gives (a decided value is never NaN).
     */
    static final double UNDECIDED = Double.longBitsToDouble(0x7ff8_0000_dec1_dedL);

    /** The double {@link Double#parseDouble} gives for {@code s}; throws as it does. */
    public static double parseDouble(String s) {
        double v = parseAscii(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
        return isUndecided(v) ? Double.parseDouble(s) : v;
    }

    /** Whether {@code v} is {@link #UNDECIDED}. */
    static boolean isUndecided(double v) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(UNDECIDED);
    }

    /**
     * The double {@link Double#parseDouble} gives for the text of bytes {@code [from, to)} when it
     * is a plain decimal that a fast path decides, else {@link #UNDECIDED} (malformed text, blanks,
     * more than 19 significant digits, hexadecimal, {@code NaN}, {@code Infinity}, non-ASCII bytes,
     * subnormal or overflowing results). A CSV reader calls it on a cell's bytes, with no String.
     */
    static double parseAscii(byte[] s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s[i] == '-' || s[i] == '+')) {
            negative = s[i] == '-';
            i++;
        }
        // Digits before and after the point in two plain loops (no per-digit test of a flag): w
        // gathers every digit as an unsigned 64-bit number, exact while at most 19 are significant.
        int intStart = i;
        long w = 0;
        for (; i < to; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            w = w * 10 + d;
        }
        int intEnd = i;
        int q = 0;
        int fracStart = i;
        if (i < to && s[i] == '.') {
            fracStart = ++i;
            for (; i < to; i++) {
                int d = s[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                w = w * 10 + d;
            }
            q = fracStart - i;
        }
        int digits = (intEnd - intStart) - q;
        if (digits == 0) {
            return UNDECIDED;
        }
        if (digits > 19 && digits - leadingZeros(s, intStart, intEnd, fracStart, fracStart - q) > 19) {
            return UNDECIDED;
        }
        if (i < to && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (s[i] == '-' || s[i] == '+')) {
                negativeExponent = s[i] == '-';
                i++;
            }
            int start = i;
            int e = 0;
            for (; i < to; i++) {
                int d = s[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (e < 100_000) {
                    e = e * 10 + d;
                }
            }
            if (i == start) {
                return UNDECIDED;
            }
            q += negativeExponent ? -e : e;
        }
        if (i != to) {
            return UNDECIDED;
        }
        if (w == 0) {
            return negative ? -0.0 : 0.0;
        }
        double v = exact(w, q);
        if (Double.isNaN(v)) {
            return UNDECIDED;
        }
        return negative ? -v : v;
    }

    /** The zero digits before the first other digit, over the integer digits then the fraction's. */
    private static int leadingZeros(byte[] s, int intStart, int intEnd, int fracStart, int fracEnd) {
        int n = 0;
        for (int k = intStart; k < intEnd; k++) {
            if (s[k] != '0') {
                return n;
            }
            n++;
        }
        for (int k = fracStart; k < fracEnd; k++) {
            if (s[k] != '0') {
                return n;
            }
            n++;
        }
        return n;
    }

    /** w·10^q correctly rounded, or NaN when neither fast path can decide it (w &gt; 0). */
    static double exact(long w, int q) {
        if (w >= 0 && w < (1L << 53) && q >= -22 && q <= 22) {
            return q >= 0 ? w * EXACT_POWERS[q] : w / EXACT_POWERS[-q];
        }
        return eiselLemire(w, q);
    }

    /** Eisel–Lemire for an unsigned 64-bit significand w &gt; 0 (the bound checks follow Go's strconv). */
    private static double eiselLemire(long w, int q) {
        if (q < MIN_EXP10 || q > MAX_EXP10) {
            return Double.NaN;
        }
        int clz = Long.numberOfLeadingZeros(w);
        long man = w << clz;
        long exp2 = ((217706L * q) >> 16) + 64 + 1023 - clz;
        long pHi = POW10_HI[q - MIN_EXP10];
        long xHi = unsignedMultiplyHigh(man, pHi);
        long xLo = man * pHi;
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
            long pLo = POW10_LO[q - MIN_EXP10];
            long yHi = unsignedMultiplyHigh(man, pLo);
            long yLo = man * pLo;
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo == -1L && Long.compareUnsigned(yLo + man, man) < 0) {
                return Double.NaN;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        long msb = xHi >>> 63;
        long mantissa = xHi >>> (msb + 9);
        exp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return Double.NaN;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if ((mantissa >>> 53) > 0) {
            mantissa >>>= 1;
            exp2++;
        }
        if (exp2 <= 0 || exp2 >= 0x7FF) {
            return Double.NaN;
        }
        return Double.longBitsToDouble(exp2 << 52 | (mantissa & 0x000F_FFFF_FFFF_FFFFL));
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
