package org.mlem.cli;

import org.mlem.em.EmOptions;

/** The EM flags every mixture command shares, checked and applied to a core default. */
final class EmFlags {
    private EmFlags() {}

    /** {@code base} with {@code --max-iter}, {@code --tol}, {@code --n-init} and {@code --threads}, each range-checked. */
    static EmOptions options(EmOptions base, int maxIter, double tol, int nInit, int threads) {
        return base.withMaxIterations(Checks.atLeast("--max-iter", maxIter, 1))
                .withTolerance(Checks.nonNegative("--tol", tol))
                .withRestarts(Checks.atLeast("--n-init", nInit, 1))
                .withThreads(Checks.atLeast("--threads", threads, 0));
    }
}
