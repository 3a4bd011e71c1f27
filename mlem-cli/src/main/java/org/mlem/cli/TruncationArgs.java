package org.mlem.cli;

import org.mlem.survival.Truncation;
import picocli.CommandLine.Option;

/** {@code --truncate-below} and {@code --truncate-above}: the range outside which no value could be observed. */
final class TruncationArgs {
    @Option(names = "--truncate-below", paramLabel = "A", description = "Left truncation: values below A could "
            + "not be observed (the likelihood is divided by F(B) - F(A)); for a count family, a whole number, and "
            + "A itself is not observed either (0: zero-truncated).")
    Double below;

    @Option(names = "--truncate-above", paramLabel = "B", description = "Right truncation: values above B could "
            + "not be observed (for a count family, a whole number; B itself can be).")
    Double above;

    /** Whether either option was given. */
    boolean given() {
        return below != null || above != null;
    }

    /** The range, open where an option was not given. */
    Truncation truncation() {
        return new Truncation(below == null ? Double.NEGATIVE_INFINITY : below,
                above == null ? Double.POSITIVE_INFINITY : above);
    }
}
