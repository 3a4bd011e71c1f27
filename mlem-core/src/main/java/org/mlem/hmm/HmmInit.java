package org.mlem.hmm;

/**
 * Where Baum–Welch starts. Rows with a known state are assigned to it in every start.
 */
public sealed interface HmmInit {

    /**
     * Emissions from hard clusters: k-means++ seeding and at most {@code iterations} Lloyd
     * iterations (then one diagonal-Gaussian-mixture EM step, the Gaussian mixture's start) on the
     * emission columns, each row's cluster taken as its state for the first emission M-step.
     * Categorical and Bernoulli emissions, whose few distinct values would pin states, start from
     * posteriors proportional to a random weight per (state, distinct value) instead. Start probabilities and transition rows are uniform times a seeded
     * factor in [1, 1.1), renormalised. That is the first start; the later starts of a fit with
     * several explore: k-means++ seeding without Lloyd iterations and random posteriors in turn,
     * with random transition rows and start probabilities.
     */
    record KMeans(int iterations) implements HmmInit {
        public KMeans {
            if (iterations < 0) {
                throw new IllegalArgumentException("k-means iterations must be >= 0, got " + iterations);
            }
        }
    }

    /**
     * Uniform random posteriors per row give the first emission M-step (categorical and Bernoulli:
     * a random weight per state and distinct value, as for {@link KMeans}); start probabilities and
     * transition rows are drawn uniformly on the simplex (Dirichlet(1, ..., 1)).
     */
    record Random() implements HmmInit {}

    /**
     * Start from these parameters: EM begins with an E-step under them. Parameter groups a fit
     * holds fixed ({@link HmmParameter}) keep these values, bit for bit.
     */
    record Given(HiddenMarkovModel start) implements HmmInit {
        public Given {
            if (start == null) {
                throw new IllegalArgumentException("a starting model is required");
            }
        }
    }

    /** The default: k-means with up to 10 Lloyd iterations. */
    HmmInit DEFAULT = new KMeans(10);
}
