package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.RidgeBound;

/** EM's defining law: the log-likelihood never decreases from one iteration to the next. */
class EmMonotonicityProperties {

    /**
     * Oracle: Dempster, Laird and Rubin (1977); slack 1e-9 relative for rounding, plus what
     * regCovar's ridge allows ({@link RidgeBound}; never needed here so far). At least 100 rows:
     * with 20 rows, k=4 and full 4-D covariances a component holds about 5 points, its covariance is
     * singular but for regCovar, and rounding at that conditioning moved the log-likelihood down by
     * 8e-9 relative after convergence (measured with the plain and the SIMD kernels alike).
     */
    @Property(tries = 80)
    void logLikelihoodNeverDecreases(@ForAll @IntRange(min = 100, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll CovarianceStructure structure, @ForAll @IntRange(min = 1, max = 3) int clusters,
            @ForAll long seed, @ForAll boolean randomInit) {
        DataMatrix x = Mixtures.blobs(n, d, clusters, seed);
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(k).withCovariance(structure)
                .withInit(randomInit ? new GmmInit.RandomResponsibilities() : GmmInit.DEFAULT)
                .withEm(EmOptions.SKLEARN.withMaxIterations(30).withTolerance(0));
        MixtureFit<GaussianMixture> fit = est.fit(x, seed);
        double[] trace = fit.trace();
        assertThat(trace).hasSize(31);
        RidgeBound.assertNoFallBeyond(trace, t -> ridgeAllowance(est, x, seed, t));
    }

    /**
     * {@link RidgeBound#allowedFall} for iteration t of {@code est}'s fit: the fits stopped after
     * t − 1 and t iterations (deterministic from the seed); the M-step's weights times the rows are
     * the expected counts under the first.
     */
    static double ridgeAllowance(GaussianMixtureEstimator est, DataMatrix x, long seed, int t) {
        GaussianMixture before = est.withEm(est.em().withMaxIterations(t - 1)).fit(x, seed).model();
        GaussianMixture after = est.withEm(est.em().withMaxIterations(t)).fit(x, seed).model();
        double[] counts = new double[after.components()];
        for (int j = 0; j < counts.length; j++) {
            counts[j] = x.rows() * after.weights()[j];
        }
        return RidgeBound.allowedFall(est.regCovar(), counts, covariances(before), covariances(after));
    }

    private static double[][][] covariances(GaussianMixture m) {
        double[][][] c = new double[m.components()][][];
        for (int j = 0; j < c.length; j++) {
            c[j] = m.covariance(j);
        }
        return c;
    }
}
