package org.mlem.cli;

import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import picocli.CommandLine.Option;

/**
 * The EM flags shared by the EM fits ({@code fit gmm}, {@code fit tmix}, {@code fit hmm},
 * {@code fit mixture}, {@code fit regmix}): starts, seed, tolerance, iterations and threads.
 * Defaults come from the core through {@link CoreDefaults} and {@link ModelDefaults}, which tell
 * the commands apart by the option's command (a mixin's options belong to the command using it).
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

    /** {@code base} with these flags and {@code --acceleration} {@code name}, each checked. */
    EmOptions options(EmOptions base, String name) {
        return options(base).withAcceleration(acceleration(name));
    }

    /** The value of {@code --acceleration}, {@code none} or {@code squarem}, as the EM driver's {@link Acceleration}. */
    static Acceleration acceleration(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> Acceleration.NONE;
            case "squarem" -> Acceleration.SQUAREM;
            default -> throw new MlemUserException("--acceleration '" + name + "' is not none or squarem; use one of those");
        };
    }
}
