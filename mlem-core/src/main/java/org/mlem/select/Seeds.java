package org.mlem.select;

/**
 * Seeds derived from a master seed and integer coordinates (a candidate's k and variant, a
 * bootstrap replicate's index) by SplitMix64's finaliser (Steele, Lea and Flood 2014). A task's
 * seed depends only on the master seed and its coordinates, never on which thread runs it or in
 * what order, so parallel work gives the same bits for any thread count.
 */
public final class Seeds {
    private Seeds() {}

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** The seed for the task at {@code coordinates} under {@code master}. */
    public static long derive(long master, long... coordinates) {
        long h = mix(master + GOLDEN_GAMMA);
        for (long c : coordinates) {
            h = mix(h ^ mix(c + GOLDEN_GAMMA));
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijection of 64-bit values that spreads every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
