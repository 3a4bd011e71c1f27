package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;

/** Recovery from samples: 20,000 rows from a known mixture, parameters back within sampling error. */
class GmmRecoveryTest {

    /**
     * Oracle: the generating parameters. Tolerance: weights ±0.02, means ±0.1 (standard errors are
     * about 0.01–0.02 at these n), covariance entries ±0.1·(1 + |true|) (rtol 0.1 tier).
     */
    @ParameterizedTest
    // scikit-learn's four: testkit.Mixtures draws truths (and SQUAREM runs) outside mclust's constrained models
    @EnumSource(value = CovarianceStructure.class, names = {"FULL", "TIED", "DIAG", "SPHERICAL"})
    void recoversEveryStructure(CovarianceStructure structure) {
        int k = 3;
        int d = 3;
        GaussianMixture truth = Mixtures.wellSeparated(k, d, structure, 11);
        GaussianMixture.Sample sample = truth.sample(20_000, 5, null);
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(k).withCovariance(structure)
                .withEm(EmOptions.DEFAULTS.withRestarts(2)).fit(sample.data(), 3);
        assertThat(fit.converged()).isTrue();
        GaussianMixture m = fit.model();
        int[] ft = Mixtures.canonicalOrder(m);
        int[] tt = Mixtures.canonicalOrder(truth);
        for (int c = 0; c < k; c++) {
            int j = ft[c];
            int t = tt[c];
            assertThat(m.weights()[j]).isCloseTo(truth.weights()[t], within(0.02));
            for (int a = 0; a < d; a++) {
                assertThat(m.mean(j)[a]).isCloseTo(truth.mean(t)[a], within(0.1));
                for (int b = 0; b < d; b++) {
                    double want = truth.covariance(t)[a][b];
                    assertThat(m.covariance(j)[a][b]).isCloseTo(want, within(0.1 * (1 + Math.abs(want))));
                }
            }
        }
    }
}
