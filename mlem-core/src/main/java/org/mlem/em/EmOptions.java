package org.mlem.em;

/**
 * How the EM driver iterates.
 *
 * @param maxIterations the most E/M iterations per start (at least 1)
 * @param tolerance the stopping rule's tolerance ({@link Convergence}): for the default rule, the
 *     estimated log-likelihood gain still to come relative to max(1, |ℓ|); for scikit-learn's, the
 *     change of the mean per-row log-likelihood; 0 runs exactly {@code maxIterations}
 * @param restarts independent starts, the best final log-likelihood kept (at least 1), or
 *     {@link #AUTO_RESTARTS} for {@link #restartsFor}'s choice by the data's size
 * @param threads threads for the E-step, 0 for every available core; the result does not depend
 *     on it
 * @param acceleration plain EM or SQUAREM; with SQUAREM an "iteration" is one EM map evaluation,
 *     so {@code maxIterations} bounds the work alike
 * @param convergence the stopping rule {@code tolerance} belongs to
 */
public record EmOptions(int maxIterations, double tolerance, int restarts, int threads, Acceleration acceleration,
        Convergence convergence) implements java.io.Serializable {

    /**
     * The defaults: EM run to its maximum ({@link Convergence#AITKEN}, tolerance 1e-10 relative, at
     * most 1000 EM maps), {@link #AUTO_RESTARTS} starts (ten on small data, one on large), all
     * cores, and SQUAREM: measured on Gaussian mixtures and hidden
     * Markov models it needed 2.8–4.4 times fewer EM maps and as much less time, never ending lower
     * (docs/benchmarks.md). Models without a {@link ParameterVector} run plain EM. For
     * scikit-learn's exact iterates, use {@link #SKLEARN}.
     */
    public static final EmOptions DEFAULTS = new EmOptions(Convergence.AITKEN.defaultMaxIterations(),
            Convergence.AITKEN.defaultTolerance(), 0, 0, Acceleration.SQUAREM, Convergence.AITKEN);

    /** {@link #restarts} that lets {@link #restartsFor} choose by the data's size. */
    public static final int AUTO_RESTARTS = 0;

    /** Data of at most this many values (rows × columns) get {@link #SMALL_DATA_STARTS} automatic starts. */
    public static final long SMALL_DATA_VALUES = 1L << 18;

    /**
     * Automatic starts on small data: ten, the number with which every model reaches the best
     * maximum that hundreds of an independent implementation's random starts find on fourteen
     * real data sets (realdata.RestartsReachReferenceTest); with one start, t mixtures on crabs,
     * latent classes on birthwt, the hidden Markov model of discoveries and the Gaussian mixture
     * of geyser (k = 3) stop at lower maxima for most seeds (docs/architecture.md).
     */
    public static final int SMALL_DATA_STARTS = 10;

    /**
     * scikit-learn's {@code GaussianMixture} settings: plain EM, its stopping rule with tolerance
     * 1e-3 on the mean per-row log-likelihood, at most 100 iterations, one start, all cores.
     */
    public static final EmOptions SKLEARN = new EmOptions(Convergence.SKLEARN.defaultMaxIterations(),
            Convergence.SKLEARN.defaultTolerance(), 1, 0, Acceleration.NONE, Convergence.SKLEARN);

    public EmOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be at least 1 (or 0, automatic), got " + restarts);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        if (acceleration == null) {
            throw new IllegalArgumentException("acceleration is required (NONE for plain EM)");
        }
        if (convergence == null) {
            throw new IllegalArgumentException("convergence is required (AITKEN or SKLEARN)");
        }
    }

    /** Options with scikit-learn's stopping rule ({@link Convergence#SKLEARN}), as before the rule was a choice. */
    public EmOptions(int maxIterations, double tolerance, int restarts, int threads, Acceleration acceleration) {
        this(maxIterations, tolerance, restarts, threads, acceleration, Convergence.SKLEARN);
    }

    /** Plain-EM options with scikit-learn's stopping rule, as before acceleration existed. */
    public EmOptions(int maxIterations, double tolerance, int restarts, int threads) {
        this(maxIterations, tolerance, restarts, threads, Acceleration.NONE);
    }

    public EmOptions withMaxIterations(int m) {
        return new EmOptions(m, tolerance, restarts, threads, acceleration, convergence);
    }

    public EmOptions withTolerance(double t) {
        return new EmOptions(maxIterations, t, restarts, threads, acceleration, convergence);
    }

    /**
     * These options stopped earlier, at Aitken tolerance {@code loose}, for a first pass that ranks
     * candidates ({@code org.mlem.select.ModelSelection}); null when that would not stop earlier:
     * the rule is not {@link Convergence#AITKEN}, or its tolerance is already at least {@code loose}
     * (or 0, run to the iteration limit).
     */
    public EmOptions loosened(double loose) {
        return convergence == Convergence.AITKEN && tolerance > 0 && tolerance < loose ? withTolerance(loose) : null;
    }

    public EmOptions withRestarts(int r) {
        return new EmOptions(maxIterations, tolerance, r, threads, acceleration, convergence);
    }

    public EmOptions withThreads(int t) {
        return new EmOptions(maxIterations, tolerance, restarts, t, acceleration, convergence);
    }

    public EmOptions withAcceleration(Acceleration a) {
        return new EmOptions(maxIterations, tolerance, restarts, threads, a, convergence);
    }

    /**
     * These options under the stopping rule {@code c}. The tolerance and iteration limit are kept:
     * they mean something else under another rule, so set them too (or start from
     * {@link #SKLEARN} / {@link #DEFAULTS}).
     */
    public EmOptions withConvergence(Convergence c) {
        return new EmOptions(maxIterations, tolerance, restarts, threads, acceleration, c);
    }

    /**
     * The starts to run on data of {@code values} values (rows × columns read): {@link #restarts}
     * when set, else ({@link #AUTO_RESTARTS}) {@link #SMALL_DATA_STARTS} on at most
     * {@link #SMALL_DATA_VALUES} values, where they cost little, and one on more (the Gaussian
     * mixture screens that one's candidates on a sample: {@link Restarts.FirstScreen}).
     */
    public int restartsFor(long values) {
        return restartsFor(values, true);
    }

    /**
     * As {@link #restartsFor(long)}, for a start that is {@code drawn} at random or not: a given start
     * (a model file, known labels) gets one automatic start, since every start would be the same.
     */
    public int restartsFor(long values, boolean drawn) {
        return restarts != AUTO_RESTARTS ? restarts : !drawn ? 1 : values <= SMALL_DATA_VALUES ? SMALL_DATA_STARTS : 1;
    }

    /** The number of threads to use: {@link #threads()} or, when 0, the available cores. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
