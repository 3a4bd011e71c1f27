package org.mlem.em;

import java.util.Locale;

/**
 * When EM stops. Both rules look only at the log-likelihood of consecutive iterates (for SQUAREM,
 * of consecutive accepted points), so they run unchanged wherever the E-step runs.
 *
 * <ul>
 *   <li>{@link #AITKEN}, the default: stop when the log-likelihood's limit, estimated by Aitken's
 *       Δ² acceleration from the last three iterates, is within {@code tol × max(1, |ℓ|)} of the
 *       current log-likelihood, at three consecutive iterations (three, because SQUAREM's
 *       accepted points do not fall at one rate, and a pair of small steps can precede a large one) (Böhning, Dietz, Schaub, Schlattmann and
 *       Lindsay, 1994; McNicholas, Murphy, McDaid and Frost, 2010). EM converges linearly: with
 *       ℓ<sub>t</sub> − ℓ<sub>t−1</sub> = a (ℓ<sub>t−1</sub> − ℓ<sub>t−2</sub>), the gain still to come
 *       is (ℓ<sub>t</sub> − ℓ<sub>t−1</sub>) a / (1 − a). A rule on the step alone stops early exactly
 *       where EM is slow (a near 1), which is where the step is small and the gain to come large.
 *       A rate outside [0, 1) (EM not yet in its linear phase, or a SQUAREM cycle) never stops the
 *       fit, except when the step is at the log-likelihood's rounding level, where no rule can see
 *       further progress.</li>
 *   <li>{@link #SKLEARN}: scikit-learn's {@code GaussianMixture} rule, kept by name so that
 *       iterate-by-iterate comparisons with scikit-learn keep their meaning: stop when the mean
 *       per-row log-likelihood changes by less than {@code tol} (the first iteration compares against
 *       −∞).</li>
 * </ul>
 * With either rule a tolerance of 0 runs exactly {@code maxIterations}.
 */
public enum Convergence {
    AITKEN(1e-10, 1000),
    SKLEARN(1e-3, 100);

    private final double defaultTolerance;
    private final int defaultMaxIterations;

    Convergence(double defaultTolerance, int defaultMaxIterations) {
        this.defaultTolerance = defaultTolerance;
        this.defaultMaxIterations = defaultMaxIterations;
    }

    /** The tolerance this rule is meant to be used with when none is given. */
    public double defaultTolerance() {
        return defaultTolerance;
    }

    /** The iteration limit this rule is meant to be used with when none is given. */
    public int defaultMaxIterations() {
        return defaultMaxIterations;
    }

    /** The command line's and JSON's name: {@code aitken} or {@code sklearn}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule named {@code name} (case-insensitive), or null. */
    public static Convergence byId(String name) {
        for (Convergence c : values()) {
            if (c.id().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
