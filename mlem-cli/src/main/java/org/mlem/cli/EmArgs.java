package org.mlem.cli;

import org.mlem.em.EmOptions;
import picocli.CommandLine.Option;

/**
 * The EM flags of the mixture commands ({@code fit mixture}, {@code fit regmix}): starts, seed,
 * tolerance, iterations and threads. Defaults come from the core ({@link CoreDefaults}).
 */
final class EmArgs {
    @Option(names = "--n-init", paramLabel = "R", description = "Independent starts; the best is kept (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tol", paramLabel = "T",
            description = "Stop when the mean log-likelihood per row changes by less than T; 0 runs --max-iter iterations "
                    + "(default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--max-iter", paramLabel = "M", description = "Most EM iterations per start (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the E-step, 0 for every core; results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    /** {@code base} with these flags, each range-checked. */
    EmOptions options(EmOptions base) {
        return base.withMaxIterations(Checks.atLeast("--max-iter", maxIter, 1))
                .withTolerance(Checks.nonNegative("--tol", tol))
                .withRestarts(Checks.atLeast("--n-init", nInit, 1))
                .withThreads(Checks.atLeast("--threads", threads, 0));
    }
}
