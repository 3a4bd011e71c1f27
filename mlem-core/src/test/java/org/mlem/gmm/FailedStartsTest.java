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

    /**
     * Two clouds of 40 standard normal points, at (0, 0) and (6, 0), and one far point (0, 30)
     * repeated three times: a start that gives the far point a component of its own collapses
     * (three equal rows, no ridge); a start that lets a cloud's component take it does not.
     */
    static DataMatrix cloudAndRepeatedCorners() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 80 + 3;
        double[] v = new double[n * 2];
        for (int i = 0; i < 80; i++) {
            v[i * 2] = gaussian(rng) + (i < 40 ? 0 : 6);
            v[i * 2 + 1] = gaussian(rng);
        }
        for (int r = 80; r < n; r++) {
            v[r * 2] = 0;
            v[r * 2 + 1] = 30;
        }
        return DataMatrix.of(v, n, 2, null);
    }

    /** Three points, each repeated ten times: with three components and no ridge every start collapses. */
    static DataMatrix threeRepeatedPoints() {
        double[] v = new double[30 * 2];
        double[][] points = {{0, 0}, {5, 1}, {2, 7}};
        for (int i = 0; i < 30; i++) {
            v[i * 2] = points[i % 3][0];
            v[i * 2 + 1] = points[i % 3][1];
        }
        return DataMatrix.of(v, 30, 2, null);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void collapsedStartsAreMinusInfinityAndTheBestOfTheOthersIsKept() {
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(2).withRegCovar(0)
                .withEm(EmOptions.DEFAULTS.withRestarts(50)).fit(cloudAndRepeatedCorners(), 0);
        double[] finals = fit.startLogLikelihoods();
        assertThat(finals).contains(Double.NEGATIVE_INFINITY);
        double bestFinite = Arrays.stream(finals).filter(Double::isFinite).max().orElseThrow();
        // the best of the others, up to the restart loop's tie (the first of starts at one maximum is kept)
        double tie = org.mlem.em.Restarts.tie(bestFinite);
        assertThat(fit.logLikelihood()).isBetween(bestFinite - tie, bestFinite);
        assertThat(finals[fit.bestStart()]).isEqualTo(fit.logLikelihood());
        assertThat(fit.optima().failed()).isEqualTo((int) Arrays.stream(finals).filter(Double::isInfinite).count());
        for (int j = 0; j < 2; j++) {
            assertThat(fit.model().covariance(j)[0][0] * fit.model().covariance(j)[1][1])
                    .isGreaterThan(Math.pow(fit.model().covariance(j)[0][1], 2));
        }
    }

    @Test
    void everyStartCollapsingIsOneUserErrorNamingTheComponentAndTheFix() {
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(3).withRegCovar(0)
                .withEm(EmOptions.DEFAULTS.withRestarts(20)).fit(threeRepeatedPoints(), 0))
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
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(2).withRegCovar(0).withMissingEm(true)
                .withEm(EmOptions.DEFAULTS.withRestarts(50)).fit(holes, 0);
        assertThat(fit.startLogLikelihoods()).hasSize(50).contains(Double.NEGATIVE_INFINITY);
        assertThat(fit.logLikelihood()).isFinite();
    }
}
