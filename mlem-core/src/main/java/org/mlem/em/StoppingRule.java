package org.mlem.em;

/**
 * The stopping test of one EM run ({@link Convergence}), fed the log-likelihood of each iterate in
 * turn. Shared by the plain loop and SQUAREM, which feeds it its accepted points.
 */
final class StoppingRule {
    /**
     * Relative size of a log-likelihood step taken to be rounding in double arithmetic
     * ({@link LatentModel#logLikelihoodPrecision()}'s default): a total over many rows, each term
     * exact to a few ulps, cannot resolve steps much below this.
     */
    static final double ROUNDING = 1e-13;

    /** The relative error allowed for in each log-likelihood when the rate is estimated, as a fraction of the rounding level. */
    private static final double NOISE_PER_ROUNDING = 1e-2;

    /** Consecutive iterations at which the Aitken test must hold. */
    private static final int AITKEN_CONFIRMATIONS = 3;

    /**
     * A parameter smaller than this fraction of the parameters' mean magnitude is measured against
     * that instead of itself, so that a parameter tending to zero (an emptying state's transition)
     * does not hold the fit for ever.
     */
    private static final double PARAMETER_FLOOR = 1e-3;

    /** A relative parameter step this small is rounding. */
    private static final double PARAMETER_ROUNDING = 1e-12;

    private final Convergence rule;
    private final double tolerance;
    private final double totalWeight;
    private final double rounding;
    private final double noise;
    private double previous = Double.NEGATIVE_INFINITY;
    private double beforePrevious = Double.NEGATIVE_INFINITY;
    private int seen;
    private int confirmations;
    /** The parameters of the iterate before, and the relative size of the step before that. */
    private double[] lastTheta;
    private double lastChange = Double.NaN;

    StoppingRule(EmOptions options, double totalWeight) {
        this(options, totalWeight, ROUNDING);
    }

    /** @param rounding the relative precision of the log-likelihoods ({@link LatentModel#logLikelihoodPrecision()}) */
    StoppingRule(EmOptions options, double totalWeight, double rounding) {
        this.rule = options.convergence();
        this.tolerance = options.tolerance();
        this.totalWeight = totalWeight;
        this.rounding = rounding;
        this.noise = rounding * NOISE_PER_ROUNDING;
    }

    /** Records the next iterate's total log-likelihood; true when the run should stop. */
    boolean converged(double ll) {
        return converged(ll, null);
    }

    /**
     * Records the next iterate's total log-likelihood and, as a vector, the parameters the EM map
     * takes it to (null when the model offers no vector; a map's output, never a SQUAREM
     * extrapolation, whose steps jitter); true when the run should stop. With the vector, the
     * default rule also asks that the parameters have settled: Aitken's estimate of their relative change still to
     * come, from the last two steps, at most √tol / 10 (the log-likelihood is flat near its
     * maximum, ℓ's gap shrinking as the square of the parameters', so in a flat direction a
     * log-likelihood within tol can leave the fourth digit of a weight unsettled).
     */
    boolean converged(double ll, double[] theta) {
        // & rather than &&: both tests keep state from every iterate
        boolean done = tolerance > 0 && (rule == Convergence.SKLEARN ? sklearn(ll) : aitken(ll) & settled(theta));
        beforePrevious = previous;
        previous = ll;
        seen++;
        return done;
    }

    /** Whether the parameters' relative change still to come is within √tol / 10 (true without a vector). */
    private boolean settled(double[] theta) {
        if (theta == null) {
            return true;
        }
        double[] before = lastTheta;
        lastTheta = theta.clone();
        if (before == null || before.length != theta.length) {
            lastChange = Double.NaN;
            return false;
        }
        double mean = 0;
        for (double v : theta) {
            mean += Math.abs(v);
        }
        double floor = Math.max(PARAMETER_FLOOR * mean / theta.length, Double.MIN_NORMAL);
        double change = 0;
        for (int i = 0; i < theta.length; i++) {
            change = Math.max(change, Math.abs(theta[i] - before[i]) / Math.max(Math.abs(theta[i]), floor));
        }
        double previousChange = lastChange;
        lastChange = change;
        double target = Math.sqrt(tolerance) / 10;
        if (change <= PARAMETER_ROUNDING) {
            return true;
        }
        if (!(previousChange > 0)) {
            return false;
        }
        double rate = change / previousChange;
        return rate < 1 && change * rate / (1 - rate) <= target;
    }

    private boolean sklearn(double ll) {
        return Math.abs(ll / totalWeight - previous / totalWeight) < tolerance;
    }

    private boolean aitken(double ll) {
        if (seen < 2 || !Double.isFinite(ll)) {
            return false;
        }
        double scale = Math.max(1.0, Math.abs(ll));
        double step = ll - previous;
        double before = previous - beforePrevious;
        boolean holds;
        if (Math.abs(step) <= rounding * scale) {
            holds = true;
        } else if (step > 0 && before > 2 * noise * scale) {
            // the rate's upper bound when each log-likelihood may be off by NOISE: where EM is slow, 1 − a
            // is of the order of the steps' own rounding, and the plain estimate could halve the gap
            double upper = (step + 2 * noise * scale) / (before - 2 * noise * scale);
            holds = upper < 1 && (step + 2 * noise * scale) * upper / (1 - upper) <= tolerance * scale;
        } else {
            holds = false;
        }
        confirmations = holds ? confirmations + 1 : 0;
        return confirmations >= AITKEN_CONFIRMATIONS;
    }
}
