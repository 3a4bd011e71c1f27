package org.mlem.cli;

import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.em.Acceleration;
import org.mlem.em.Convergence;
import org.mlem.em.EmOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The EM flags shared by the EM fits ({@code fit gmm}, {@code fit tmix}, {@code fit hmm},
 * {@code fit mixture}, {@code fit regmix}) and the {@code select} grids: starts, seed, stopping
 * rule, tolerance, iterations, acceleration and threads.
 * Defaults come from the core through {@link CoreDefaults} and {@link ModelDefaults}, which tell
 * the commands apart by the option's command (a mixin's options belong to the command using it).
 */
final class EmArgs {
    @Option(order = Shared.ORDER, names = "--n-init", paramLabel = "R|auto",
            description = "Independent starts; the best is kept. auto: 10 when the data hold at most 2^18 values "
                    + "(rows x columns), else 1 (a Gaussian mixture's one start is the best of 10 short runs on a sample) "
                    + "(default: ${DEFAULT-VALUE}).")
    String nInit;

    @Option(order = Shared.ORDER, names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(order = Shared.ORDER, names = "--convergence", paramLabel = "aitken|sklearn",
            description = "Stopping rule. aitken: stop when Aitken's estimate of the log-likelihood still to gain is below "
                    + "T x max(1, |logLik|), three times running (EM run to its maximum); sklearn: scikit-learn's rule, stop when "
                    + "the mean log-likelihood per row changes by less than T (with --acceleration none, scikit-learn's "
                    + "iterates). Without --tol and --max-iter, sklearn takes scikit-learn's 1e-3 and 100 "
                    + "(default: ${DEFAULT-VALUE}).")
    String convergence;

    @Option(order = Shared.ORDER, names = "--tol", paramLabel = "T",
            description = "The stopping rule's tolerance (see --convergence); 0 runs --max-iter iterations "
                    + "(default: ${DEFAULT-VALUE}; with --convergence sklearn, scikit-learn's).")
    double tol;

    @Option(order = Shared.ORDER, names = "--max-iter", paramLabel = "M",
            description = "Most EM iterations (E/M maps) per start (default: ${DEFAULT-VALUE}; with --convergence sklearn, "
                    + "scikit-learn's).")
    int maxIter;

    @Option(order = Shared.ORDER, names = "--acceleration", paramLabel = "none|squarem",
            description = "squarem: extrapolate EM's steps (Varadhan and Roland's SQUAREM; each accepted point's "
                    + "log-likelihood at least the last); none: plain EM (default: ${DEFAULT-VALUE}).")
    String acceleration;

    @Option(order = Shared.ORDER, names = "--threads", paramLabel = "N",
            description = "Threads to use (the E-step; in select, candidates fitted at once), 0 for every core; results do "
                    + "not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * {@code base} with these flags, each range-checked. A rule other than {@code base}'s brings its
     * own tolerance and iteration limit unless {@code --tol} or {@code --max-iter} is given.
     */
    EmOptions options(EmOptions base) {
        EmOptions o = stopping(base, convergence, tol, maxIter, command == null ? null : command.commandLine().getParseResult())
                .withRestarts(restarts(nInit))
                .withThreads(Checks.atLeast("--threads", threads, 0));
        return acceleration == null ? o : o.withAcceleration(acceleration(acceleration));
    }

    /** {@code --n-init}: "auto" ({@link EmOptions#AUTO_RESTARTS}) or a whole number of starts, at least 1. */
    static int restarts(String nInit) {
        if (nInit == null || nInit.equalsIgnoreCase("auto")) {
            return EmOptions.AUTO_RESTARTS;
        }
        try {
            return Checks.atLeast("--n-init", Integer.parseInt(nInit.trim()), 1);
        } catch (NumberFormatException e) {
            throw new MlemUserException("--n-init must be a whole number of starts (at least 1) or auto, got '" + nInit + "'");
        }
    }

    /** How {@code --n-init} shows {@code restarts}: "auto" for {@link EmOptions#AUTO_RESTARTS}. */
    static String restartsText(int restarts) {
        return restarts == EmOptions.AUTO_RESTARTS ? "auto" : String.valueOf(restarts);
    }

    /**
     * {@code base} with the stopping flags {@code --convergence}, {@code --tol} and {@code --max-iter},
     * each checked. A rule other than {@code base}'s brings its own tolerance and iteration limit
     * unless {@code --tol} or {@code --max-iter} was given on the command line ({@code given}).
     */
    static EmOptions stopping(EmOptions base, String convergence, double tol, int maxIter, ParseResult given) {
        Convergence rule = convergence(convergence == null ? base.convergence().id() : convergence);
        double t = tol;
        int m = maxIter;
        if (rule != base.convergence()) {
            t = given != null && given.hasMatchedOption("--tol") ? tol : rule.defaultTolerance();
            m = given != null && given.hasMatchedOption("--max-iter") ? maxIter : rule.defaultMaxIterations();
        }
        return base.withConvergence(rule).withMaxIterations(Checks.atLeast("--max-iter", m, 1))
                .withTolerance(Checks.nonNegative("--tol", t));
    }

    /** The value of {@code --convergence}, {@code aitken} or {@code sklearn}, as the EM driver's {@link Convergence}. */
    static Convergence convergence(String name) {
        Convergence c = Convergence.byId(name);
        if (c == null) {
            throw new MlemUserException("--convergence '" + name + "' is not aitken or sklearn; use one of those");
        }
        return c;
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
