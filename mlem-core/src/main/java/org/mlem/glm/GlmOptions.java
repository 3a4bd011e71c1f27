package org.mlem.glm;

/**
 * Iteration control, as R's {@code glm.control}: IRLS stops when
 * |dev - dev_old| / (|dev| + 0.1) &lt; epsilon, or after maxIterations. The negative binomial's
 * alternation between coefficients and theta uses the same two settings, as {@code MASS::glm.nb}.
 * A column is aliased when its norm, after projecting out the columns before it, falls below
 * {@code min(1e-7, epsilon / 1000)} times its own norm (R's glm.fit tolerance).
 *
 * @param maxIterations maximum IRLS iterations (and theta alternations), >= 1
 * @param epsilon relative deviance change that counts as converged, > 0
 */
public record GlmOptions(int maxIterations, double epsilon) {
    /** R's defaults: 25 iterations, epsilon 1e-8. */
    public static final GlmOptions DEFAULTS = new GlmOptions(25, 1e-8);

    public GlmOptions {
        if (maxIterations < 1) {
            throw new org.mlem.MlemUserException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(epsilon > 0)) {
            throw new org.mlem.MlemUserException("epsilon must be > 0, got " + epsilon);
        }
    }

    /** The relative norm below which a column counts as aliased. */
    public double rankTolerance() {
        return Math.min(1e-7, epsilon / 1000);
    }
}
