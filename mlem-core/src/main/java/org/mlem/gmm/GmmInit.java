package org.mlem.gmm;

/**
 * Where EM starts: k-means++ seeding refined by a few Lloyd iterations (the default, as
 * scikit-learn), random responsibilities, or given parameters.
 */
public sealed interface GmmInit {

    /** k-means++ seeding then at most {@code iterations} Lloyd iterations; the hard labels give the first M-step. */
    record KMeansPlusPlus(int iterations) implements GmmInit {
        public KMeansPlusPlus {
            if (iterations < 0) {
                throw new IllegalArgumentException("k-means iterations must be >= 0, got " + iterations);
            }
        }
    }

    /** Uniform random responsibilities, normalised per row, give the first M-step (scikit-learn's {@code random}). */
    record RandomResponsibilities() implements GmmInit {}

    /** Start from these parameters: EM begins with an E-step under them. */
    record Given(GaussianMixture start) implements GmmInit {}

    /** The default: k-means++ and up to 10 Lloyd iterations. */
    GmmInit DEFAULT = new KMeansPlusPlus(10);
}
