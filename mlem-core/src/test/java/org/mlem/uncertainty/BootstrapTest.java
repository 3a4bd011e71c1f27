package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.select.Seeds;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.Tolerances;

/** Bootstrap laws: thread independence, weights = repeated rows, percentiles, failures; SEs against Louis. */
class BootstrapTest {
    /** The rows of a matrix as bootstrap units (any matrix family resamples them alike). */
    static final BootstrapFamily<GaussianMixture> ROWS = new GaussianBootstrapFamily(GaussianMixtureEstimator.of(1));


    private static final EmOptions TIGHT = EmOptions.DEFAULTS.withTolerance(1e-10).withMaxIterations(2000);

    private static GaussianMixtureEstimator estimator(int k, CovarianceStructure s) {
        return new GaussianMixtureEstimator(k, s, 0, GmmInit.DEFAULT, TIGHT.withThreads(1));
    }

    private static DataMatrix simulated(int n, CovarianceStructure s, long seed) {
        return Mixtures.wellSeparated(2, 2, s, 5).sample(n, seed, null).data();
    }

    /** Oracle: the same run on one thread; every draw is the same bits. */
    @Test
    void replicatesDoNotDependOnThreads() {
        DataMatrix x = simulated(150, CovarianceStructure.FULL, 1);
        GaussianMixtureEstimator est = estimator(2, CovarianceStructure.FULL);
        GaussianMixture fit = est.fit(x, 1).model();
        for (BootstrapKind kind : BootstrapKind.values()) {
            Bootstrap b = new Bootstrap(20, kind, 0.95, 1);
            double[][] one = b.run(est, x, fit, 9).draws();
            double[][] two = b.withThreads(2).run(est, x, fit, 9).draws();
            assertThat(two).isDeepEqualTo(one);
        }
    }

    /**
     * Oracle: integer weights = repeated rows. Replicate 0's multinomial counts, rebuilt from its
     * derived seed, expanded into copied rows and refit from the same start give the same
     * parameters to 1e-8 relative (EM sums in another order and stops at tolerance 1e-10).
     */
    @Test
    void frequencyWeightsEqualCopiedRows() {
        DataMatrix x = simulated(120, CovarianceStructure.DIAG, 2);
        GaussianMixtureEstimator est = estimator(2, CovarianceStructure.DIAG);
        GaussianMixture fit = est.fit(x, 1).model();
        BootstrapResult r = new Bootstrap(3, BootstrapKind.NONPARAMETRIC, 0.95, 1).run(est, x, fit, 4);
        double[] counts = Resampling.counts(ROWS, x, x.rows(), new SplittableRandom(Seeds.derive(4, 0)));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(x.rows());
        int[] c = Arrays.stream(counts).mapToInt(v -> (int) v).toArray();
        DataMatrix copied = Mixtures.select(x, Mixtures.repeatByWeights(c));
        GaussianMixture refit = new GaussianBootstrapFamily(est).refit(fit, copied, 0);
        double[] expected = new GaussianBootstrapFamily(est).matchedParameters(fit, refit);
        double[] draw = r.draws()[0];
        for (int q = 0; q < expected.length; q++) {
            assertThat(Tolerances.relativeError(draw[q], expected[q], 1e-3)).as(r.estimates().names().get(q)).isLessThan(1e-8);
        }
    }

    /** Oracle: R's quantile(c(1, 2, 3, 4, 10), c(0.025, 0.975)) = 1.1, 9.4 (type 7); sd by hand. */
    @Test
    void percentilesAreRsType7() {
        double[][] draws = {{4}, {1}, {10}, {3}, {2}};
        BootstrapResult r = BootstrapResult.summarise(List.of("a"), new double[] {3}, draws, 0.95,
                BootstrapKind.NONPARAMETRIC, List.of());
        assertThat(r.lower()[0]).isCloseTo(1.1, within(1e-12));
        assertThat(r.upper()[0]).isCloseTo(9.4, within(1e-12));
        assertThat(r.estimates().standardError()[0]).isCloseTo(Math.sqrt(50.0 / 4), within(1e-12)); // mean 4, Σ(x−4)² = 50
    }

    /**
     * Two tight clusters of three rows, k = 2, no ridge: replicates that draw a cluster's single
     * row only collapse; each is listed with its message and the rest are summarised.
     */
    @Test
    void collapsingReplicatesAreReportedNotThrown() {
        DataMatrix x = DataMatrix.of(new double[][] {{0.0}, {0.1}, {0.3}, {10.0}, {10.2}, {10.3}});
        GaussianMixtureEstimator est = estimator(2, CovarianceStructure.SPHERICAL);
        GaussianMixture fit = est.fit(x, 1).model();
        BootstrapResult r = new Bootstrap(50, BootstrapKind.NONPARAMETRIC, 0.95, 2).run(est, x, fit, 6);
        assertThat(r.failures()).isNotEmpty();
        assertThat(r.replicates() + r.failures().size()).isEqualTo(50);
        assertThat(r.failures().get(0).message()).containsAnyOf("not positive definite", "distinct rows");
        assertThat(r.estimates().standardError()[0]).isPositive();
    }

    @Test
    void fractionalWeightsNeedTheParametricBootstrap() {
        DataMatrix x = simulated(50, CovarianceStructure.FULL, 3).withWeights(
                IntStream.range(0, 50).mapToDouble(i -> 0.5 + i % 2).toArray());
        assertThatThrownBy(() -> Resampling.sampleSize(ROWS, x)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("parametric");
    }

    /**
     * Oracle: Louis' observed-information SEs. On 3000 rows from a well-separated two-component
     * mixture, 300 replicates of each kind give SEs within 15% of Louis' for every parameter. The
     * bound is loose on purpose: a bootstrap SE varies by about 1/sqrt(2B) = 4% from Monte Carlo
     * alone, and a variance's non-parametric SE also with the sample's fourth moments (at 1500
     * rows and 200 replicates deviations reached 18%; here they stay below 11.3% over data seeds 7-9).
     */
    @Test
    void bootstrapStandardErrorsAgreeWithLouis() {
        for (CovarianceStructure s : new CovarianceStructure[] {CovarianceStructure.FULL, CovarianceStructure.SPHERICAL}) {
            DataMatrix x = simulated(3000, s, 7);
            GaussianMixtureEstimator est = estimator(2, s);
            GaussianMixture fit = est.fit(x, 1).model();
            double[] louis = LouisInformation.of(fit, x).standardError();
            for (BootstrapKind kind : BootstrapKind.values()) {
                BootstrapResult r = new Bootstrap(300, kind, 0.95, 0).run(est, x, fit, 8);
                assertThat(r.failures()).isEmpty();
                double[] se = r.estimates().standardError();
                for (int q = 0; q < se.length; q++) {
                    assertThat(Math.abs(se[q] / louis[q] - 1)).as("%s %s %s", s, kind, r.estimates().names().get(q)).isLessThan(0.15);
                    assertThat(r.lower()[q]).isLessThan(r.estimates().estimate()[q]);
                    assertThat(r.upper()[q]).isGreaterThan(r.estimates().estimate()[q]);
                }
            }
        }
    }
}
