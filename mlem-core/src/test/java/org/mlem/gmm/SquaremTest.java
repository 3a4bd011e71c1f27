package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Mixtures;

/** SQUAREM reaches plain EM's optimum, never lowers the log-likelihood, and needs fewer EM maps. */
class SquaremTest {

    /**
     * Oracle: plain EM run to a tight tolerance from the same start. Tolerance: final mean
     * log-likelihood within 1e-7, parameters within 1e-4 (both stop at 1e-10 changes per row, on
     * a fixed point approached from different sides).
     */
    @ParameterizedTest
    // scikit-learn's four: testkit.Mixtures draws truths (and SQUAREM runs) outside mclust's constrained models
    @EnumSource(value = CovarianceStructure.class, names = {"FULL", "TIED", "DIAG", "SPHERICAL"})
    void reachesThePlainEmOptimumInFewerEvaluations(CovarianceStructure structure) {
        DataMatrix x = Fixtures.csv("data/iris.csv");
        GaussianMixture start = GaussianMixtureEstimator.of(3).withCovariance(structure)
                .withEm(EmOptions.SKLEARN.withMaxIterations(1)).fit(x, 4).model();
        EmOptions tight = EmOptions.SKLEARN.withTolerance(1e-10).withMaxIterations(5000);
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(3).withCovariance(structure)
                .withInit(new GmmInit.Given(start));
        MixtureFit<GaussianMixture> plain = est.withEm(tight).fit(x, 0);
        MixtureFit<GaussianMixture> sq = est.withEm(tight.withAcceleration(Acceleration.SQUAREM)).fit(x, 0);
        assertThat(plain.converged()).isTrue();
        assertThat(sq.converged()).isTrue();
        assertThat(sq.meanLogLikelihood()).isGreaterThanOrEqualTo(plain.meanLogLikelihood() - 1e-7);
        assertThat(sq.iterations()).isLessThan(plain.iterations());
        double[] trace = sq.trace();
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
        }
        int[] a = Mixtures.canonicalOrder(plain.model());
        int[] b = Mixtures.canonicalOrder(sq.model());
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < x.cols(); p++) {
                double want = plain.model().mean(a[c])[p];
                assertThat(Math.abs(sq.model().mean(b[c])[p] - want)).isLessThan(1e-4 * Math.max(1, Math.abs(want)));
            }
        }
    }
}
