package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/**
 * Starts whose component collapses (regCovar 0 and a component on one repeated point) are failed
 * starts, not a failed fit: the fit keeps the best of the others, and fails only when all do.
 */
class FailedStartsTest {

    /** 40 points around the origin and four corner points, each repeated three times. */
    static DataMatrix cloudAndRepeatedCorners() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 40 + 12;
        double[] v = new double[n * 2];
        for (int i = 0; i < 40 * 2; i++) {
            v[i] = gaussian(rng);
        }
        double[][] corners = {{8, 8}, {-8, 8}, {8, -8}, {-8, -8}};
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 3; r++) {
                int row = 40 + 3 * c + r;
                v[row * 2] = corners[c][0];
                v[row * 2 + 1] = corners[c][1];
            }
        }
        return DataMatrix.of(v, n, 2, null);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void collapsedStartsAreMinusInfinityAndTheBestOfTheOthersIsKept() {
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(3).withRegCovar(0)
                .withEm(EmOptions.DEFAULTS.withRestarts(50)).fit(cloudAndRepeatedCorners(), 0);
        double[] finals = fit.startLogLikelihoods();
        assertThat(finals).contains(Double.NEGATIVE_INFINITY);
        double bestFinite = Arrays.stream(finals).filter(Double::isFinite).max().orElseThrow();
        assertThat(fit.logLikelihood()).isEqualTo(bestFinite);
        assertThat(finals[fit.bestStart()]).isEqualTo(bestFinite);
        assertThat(fit.optima().failed()).isEqualTo((int) Arrays.stream(finals).filter(Double::isInfinite).count());
        for (int j = 0; j < 3; j++) {
            assertThat(fit.model().covariance(j)[0][0] * fit.model().covariance(j)[1][1])
                    .isGreaterThan(Math.pow(fit.model().covariance(j)[0][1], 2));
        }
    }

    @Test
    void everyStartCollapsingIsOneUserErrorNamingTheComponentAndTheFix() {
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(6).withRegCovar(0)
                .withEm(EmOptions.DEFAULTS.withRestarts(20)).fit(cloudAndRepeatedCorners(), 0))
                .isInstanceOf(DegenerateComponentException.class)
                .hasMessageMatching("component \\d's covariance is not positive definite .*")
                .hasMessageContaining("increase regCovar (--reg-covar), reduce k");
    }

    @Test
    void withMissingCellsTooEveryStartIsTried() {
        DataMatrix full = cloudAndRepeatedCorners();
        double[] v = full.values();
        v[2 * 7 + 1] = Double.NaN;
        DataMatrix holes = DataMatrix.of(v, full.rows(), 2, null);
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(3).withRegCovar(0).withMissingEm(true)
                .withEm(EmOptions.DEFAULTS.withRestarts(50)).fit(holes, 0);
        assertThat(fit.startLogLikelihoods()).hasSize(50).contains(Double.NEGATIVE_INFINITY);
        assertThat(fit.logLikelihood()).isFinite();
    }
}
