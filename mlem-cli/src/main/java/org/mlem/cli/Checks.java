package org.mlem.cli;

import org.mlem.MlemUserException;

/** Range checks on option values, each failure naming the flag. */
final class Checks {
    private Checks() {}

    static int atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new MlemUserException(flag + " " + value + " is too small; it must be at least " + min);
        }
        return value;
    }

    static double nonNegative(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new MlemUserException(flag + " " + value + " must be a finite number >= 0");
        }
        return value;
    }
}
