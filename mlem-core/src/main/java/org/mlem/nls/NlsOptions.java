package org.mlem.nls;

/**
 * Settings of the nonlinear least-squares fit.
 *
 * @param maxIterations most iterations of each stage (the MINPACK trust-region stage, then the
 *     polishing Levenberg–Marquardt stage); default 2000
 * @param tolerance convergence threshold on Bates and Watts' relative-offset criterion (R's
 *     {@code nls.control(tol=)}, default there 1e-5). mlem's default 1e-10 asks for more digits; when
 *     rounding stops the sum of squares from decreasing before that, the fit still counts as converged
 *     if the offset is below √tolerance (1e-5 by default, R's own threshold)
 */
public record NlsOptions(int maxIterations, double tolerance) {
    /** The defaults: 2000 iterations, relative offset 1e-10. */
    public static final NlsOptions DEFAULTS = new NlsOptions(2000, 1e-10);

    public NlsOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
    }

    /** These options with another iteration limit. */
    public NlsOptions withMaxIterations(int value) {
        return new NlsOptions(value, tolerance);
    }

    /** These options with another tolerance. */
    public NlsOptions withTolerance(double value) {
        return new NlsOptions(maxIterations, value);
    }
}
