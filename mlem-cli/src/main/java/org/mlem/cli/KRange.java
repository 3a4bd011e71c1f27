package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mlem.MlemUserException;

/** {@code --k 1..9} (an inclusive range) or {@code --k 2,4,6} (a list) as the sorted distinct values of k. */
final class KRange {
    private KRange() {}

    static List<Integer> parse(String text) {
        String t = text.strip();
        TreeSet<Integer> ks = new TreeSet<>();
        int dots = t.indexOf("..");
        if (dots >= 0) {
            int lo = number(t.substring(0, dots), text);
            int hi = number(t.substring(dots + 2), text);
            if (hi < lo) {
                throw new MlemUserException("--k " + text + " is an empty range (" + lo + " > " + hi + "); write MIN..MAX, e.g. 1..9");
            }
            if (hi - lo > 1000) {
                throw new MlemUserException("--k " + text + " asks for " + (hi - lo + 1) + " values of k; give at most 1001");
            }
            for (int k = lo; k <= hi; k++) {
                ks.add(k);
            }
        } else {
            for (String part : t.split(",")) {
                ks.add(number(part, text));
            }
        }
        return new ArrayList<>(ks);
    }

    private static int number(String s, String whole) {
        try {
            int k = Integer.parseInt(s.strip());
            if (k >= 1) {
                return k;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new MlemUserException("--k " + whole + ": '" + s.strip() + "' is not a whole number >= 1; write a range "
                + "like 1..9 or a list like 2,4,6");
    }
}
