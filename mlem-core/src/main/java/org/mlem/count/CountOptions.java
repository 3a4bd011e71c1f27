package org.mlem.count;

import org.mlem.MlemUserException;

/**
 * Newton-Raphson settings for the count models: at most {@code maxIterations} steps, stopping when
 * every component of the log-likelihood's gradient is below {@code tolerance} (1 + |logLik|) / n.
 */
public record CountOptions(int maxIterations, double tolerance) {
    public static final CountOptions DEFAULTS = new CountOptions(200, 1e-10);

    public CountOptions {
        if (maxIterations < 1) {
            throw new MlemUserException("--max-iter must be at least 1, not " + maxIterations);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new MlemUserException("--tol must be a positive number, not " + tolerance);
        }
    }
}
