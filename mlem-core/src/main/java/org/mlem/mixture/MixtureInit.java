package org.mlem.mixture;

/**
 * Where EM starts for a product mixture. Except for {@link Given}, a start is the M-step from
 * responsibilities: hard k-means labels, random ones, or labels the caller supplies. Rows with a
 * known label (the data's labels) always start in their own component.
 */
public sealed interface MixtureInit {

    /**
     * Weighted k-means++ seeding and at most {@code iterations} Lloyd iterations on the columns
     * standardised to weighted mean 0 and sd 1; the hard labels give the first M-step.
     */
    record KMeansPlusPlus(int iterations) implements MixtureInit {
        public KMeansPlusPlus {
            if (iterations < 0) {
                throw new IllegalArgumentException("k-means iterations must be >= 0, got " + iterations);
            }
        }
    }

    /** Uniform random responsibilities normalised per row give the first M-step. */
    record RandomResponsibilities() implements MixtureInit {}

    /**
     * The first M-step from these hard labels, one per row in 0..k−1 (as flexmix's
     * {@code cluster=} argument).
     */
    record HardLabels(int[] labels) implements MixtureInit {
        public HardLabels {
            labels = labels.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }
    }

    /** Start from these parameters: EM begins with an E-step under them. */
    record Given(ProductMixture start) implements MixtureInit {}

    /** The default: k-means++ and up to 10 Lloyd iterations. */
    MixtureInit DEFAULT = new KMeansPlusPlus(10);
}
