package org.mlem.cli;

import java.nio.file.Path;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;

/** The commands' way to the plotting package, which this build does not include yet. */
final class Plots {
    private Plots() {}

    /** Whether {@code --plot} works in this build. */
    static boolean available() {
        return false;
    }

    /** Fails when plotting is unavailable, before any time is spent fitting. */
    static void requireAvailable() {
        if (!available()) {
            throw new MlemUserException("plotting is not available in this build; leave out --plot");
        }
    }

    static void gmm(Path png, DataMatrix data, GaussianMixture model, double[] trace) {
        requireAvailable();
    }

    static void demo(Path png, double[] data, int[] trueLabels, GaussianMixture mle, GaussianMixture em,
            GaussianMixture badStart, double[] emTrace, double[] badTrace) {
        requireAvailable();
    }
}
