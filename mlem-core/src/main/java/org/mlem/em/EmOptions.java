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
 */
public record EmOptions(int maxIterations, double tolerance, int restarts, int threads) {

    /** scikit-learn's defaults: 100 iterations, tolerance 1e-3, one start; all cores. */
    public static final EmOptions DEFAULTS = new EmOptions(100, 1e-3, 1, 0);

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
    }

    public EmOptions withMaxIterations(int m) {
        return new EmOptions(m, tolerance, restarts, threads);
    }

    public EmOptions withTolerance(double t) {
        return new EmOptions(maxIterations, t, restarts, threads);
    }

    public EmOptions withRestarts(int r) {
        return new EmOptions(maxIterations, tolerance, r, threads);
    }

    public EmOptions withThreads(int t) {
        return new EmOptions(maxIterations, tolerance, restarts, t);
    }

    /** The number of threads to use: {@link #threads()} or, when 0, the available cores. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
