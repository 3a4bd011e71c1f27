package org.mlem.count;

import org.mlem.MlemUserException;

/**
 * Newton-Raphson settings for the count models: at most {@code maxIterations} steps, stopping when
 * every component of the log-likelihood's gradient is below {@code tolerance} (1 + |logLik|) / n.
 * With {@code emStart} a zero-inflated fit first runs Lambert's EM for the zero-inflated Poisson
 * (pscl's {@code EM = TRUE}; at most {@link #EM_MAX_ITERATIONS} iterations, until the
 * log-likelihood's relative change is below {@link #EM_TOLERANCE}) and starts Newton from there.
 */
public record CountOptions(int maxIterations, double tolerance, boolean emStart) {
    public static final CountOptions DEFAULTS = new CountOptions(200, 1e-10, false);
    public static final int EM_MAX_ITERATIONS = 10_000;
    public static final double EM_TOLERANCE = 1e-10;

    /** These options with Lambert's EM as the start, or not. */
    public CountOptions withEmStart(boolean em) {
        return new CountOptions(maxIterations, tolerance, em);
    }

    public CountOptions {
        if (maxIterations < 1) {
            throw new MlemUserException("--max-iter must be at least 1, not " + maxIterations);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new MlemUserException("--tol must be a positive number, not " + tolerance);
        }
    }
}
