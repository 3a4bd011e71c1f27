package org.mlem.optim;

/**
 * Settings of the maximum-likelihood optimiser.
 *
 * @param maxIterations most L-BFGS iterations per start; default 1000
 * @param gradientTolerance converged when the largest |∂ℓ/∂u| (u the unconstrained scale) is
 *     below gradientTolerance·max(1, |ℓ|); default 1e-9
 * @param memory number of L-BFGS correction pairs kept; default 10
 * @param confidenceLevel level of Wald and profile intervals; default 0.95
 */
public record MleOptions(int maxIterations, double gradientTolerance, int memory, double confidenceLevel) {
    /** The defaults: 1000 iterations, gradient tolerance 1e-9, memory 10, 95% intervals. */
    public static final MleOptions DEFAULTS = new MleOptions(1000, 1e-9, 10, 0.95);

    public MleOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(gradientTolerance > 0)) {
            throw new IllegalArgumentException("gradientTolerance must be positive, got " + gradientTolerance);
        }
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be at least 1, got " + memory);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
    }

    /** These options with another iteration limit. */
    public MleOptions withMaxIterations(int value) {
        return new MleOptions(value, gradientTolerance, memory, confidenceLevel);
    }

    /** These options with another gradient tolerance. */
    public MleOptions withGradientTolerance(double value) {
        return new MleOptions(maxIterations, value, memory, confidenceLevel);
    }

    /** These options with another confidence level. */
    public MleOptions withConfidenceLevel(double value) {
        return new MleOptions(maxIterations, gradientTolerance, memory, value);
    }
}
