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

    /**
     * mclust's start ({@link HierarchicalStart}): the M-step from the partition into k clusters of
     * model-based hierarchical clustering (VVV, on the SVD-transformed rows), built on at most
     * {@code subset} rows drawn by {@code SplittableRandom(subsetSeed)} (the M-step is taken over
     * those rows, as mclust's {@code mclustBIC} does). Later starts (more than one {@code --n-init})
     * are k-means++ seedings, the hierarchical partition being one.
     */
    record Hierarchical(int subset, long subsetSeed) implements GmmInit {
        public Hierarchical {
            if (subset < 1) {
                throw new IllegalArgumentException("the hierarchical start's subset must be >= 1, got " + subset);
            }
        }

        /** mclust's subset size ({@link HierarchicalStart#SUBSET}), rows drawn with {@code seed}. */
        public static Hierarchical withSeed(long seed) {
            return new Hierarchical(HierarchicalStart.SUBSET, seed);
        }
    }

    /** Start from these parameters: EM begins with an E-step under them. */
    record Given(GaussianMixture start) implements GmmInit {}

    /** The default: k-means++ and up to 10 Lloyd iterations. */
    GmmInit DEFAULT = new KMeansPlusPlus(10);

    /**
     * The start named {@code name} (case ignored): {@code kmeans++} ({@link #DEFAULT}), {@code random},
     * or {@code hc} (mclust's, its subset drawn with {@code seed}); null for another name.
     */
    static GmmInit named(String name, long seed) {
        if (name.equalsIgnoreCase("kmeans++")) {
            return DEFAULT;
        }
        if (name.equalsIgnoreCase("random")) {
            return new RandomResponsibilities();
        }
        return name.equalsIgnoreCase("hc") ? Hierarchical.withSeed(seed) : null;
    }
}
