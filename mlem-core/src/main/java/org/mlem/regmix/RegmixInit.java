package org.mlem.regmix;

/**
 * Where EM starts. A hard assignment of rows to components gives the first parameters by one
 * M-step (as flexmix's {@code cluster=}); given parameters start with an E-step.
 */
public sealed interface RegmixInit {

    /** Each row to a component drawn uniformly at random: flexmix's default start. */
    record RandomAssignment() implements RegmixInit {}

    /**
     * k-means on the rows' (model-matrix columns that are not constant, response), each column
     * scaled to unit standard deviation: k-means++ seeding then at most {@code iterations} Lloyd steps.
     */
    record KMeans(int iterations) implements RegmixInit {
        public KMeans {
            if (iterations < 0) {
                throw new IllegalArgumentException("k-means iterations must be >= 0, got " + iterations);
            }
        }
    }

    /**
     * This assignment: {@code labels[i]} is the 0-based component of the i-th row used (flexmix's
     * {@code cluster=}, which counts from 1).
     */
    record Assignment(int[] labels) implements RegmixInit {
        public Assignment {
            labels = labels.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }
    }

    /** These parameters (their terms, family and k must match the fit's). */
    record Given(RegressionMixture start) implements RegmixInit {}

    /** The default: a random assignment, as flexmix. */
    RegmixInit DEFAULT = new RandomAssignment();

    /** Whether starts drawn from different seeds differ (so restarts help). */
    default boolean random() {
        return this instanceof RandomAssignment || this instanceof KMeans;
    }
}
