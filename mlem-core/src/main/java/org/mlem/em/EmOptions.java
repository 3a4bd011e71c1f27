package org.mlem.em;

/**
 * How the EM driver iterates.
 *
 * @param maxIterations the most E/M iterations per start (at least 1)
 * @param tolerance stop when the mean per-row log-likelihood changes by less than this between
 *     iterations; 0 runs exactly {@code maxIterations}
 * @param restarts independent starts, the best final log-likelihood kept (at least 1)
 * @param threads threads for the E-step, 0 for every available core; the result does not depend
 *     on it
 * @param acceleration plain EM or SQUAREM; with SQUAREM an "iteration" is one EM map evaluation,
 *     so {@code maxIterations} bounds the work alike
 */
public record EmOptions(int maxIterations, double tolerance, int restarts, int threads, Acceleration acceleration) {

    /**
     * scikit-learn's iteration defaults (100 iterations, tolerance 1e-3, one start), all cores, and
     * SQUAREM: measured on Gaussian mixtures and hidden Markov models it needed 2.8–4.4 times fewer
     * EM maps and as much less time, never ending lower (docs/benchmarks.md). Models without a
     * {@link ParameterVector} run plain EM. For scikit-learn's exact iterates, use
     * {@code withAcceleration(Acceleration.NONE)}.
     */
    public static final EmOptions DEFAULTS = new EmOptions(100, 1e-3, 1, 0, Acceleration.SQUAREM);

    public EmOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be at least 1, got " + restarts);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        if (acceleration == null) {
            throw new IllegalArgumentException("acceleration is required (NONE for plain EM)");
        }
    }

    /** Plain-EM options, as before acceleration existed. */
    public EmOptions(int maxIterations, double tolerance, int restarts, int threads) {
        this(maxIterations, tolerance, restarts, threads, Acceleration.NONE);
    }

    public EmOptions withMaxIterations(int m) {
        return new EmOptions(m, tolerance, restarts, threads, acceleration);
    }

    public EmOptions withTolerance(double t) {
        return new EmOptions(maxIterations, t, restarts, threads, acceleration);
    }

    public EmOptions withRestarts(int r) {
        return new EmOptions(maxIterations, tolerance, r, threads, acceleration);
    }

    public EmOptions withThreads(int t) {
        return new EmOptions(maxIterations, tolerance, restarts, t, acceleration);
    }

    public EmOptions withAcceleration(Acceleration a) {
        return new EmOptions(maxIterations, tolerance, restarts, threads, a);
    }

    /** The number of threads to use: {@link #threads()} or, when 0, the available cores. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
