package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Oracle: the asymptotic normality of the MLE. Over 400 replicates (fixed seed) of n = 200 draws,
 * the 95% Wald interval estimate ± 1.96·SE covers the true value at a rate inside [0.92, 0.98]
 * (the binomial(400, 0.95) rate has sd 0.011, so this is ±2.7 sd).
 */
class WaldCoverageTest {
    static final int REPLICATES = 400;
    static final int N = 200;

    @Test
    void gammaShapeAndRateIntervalsCover() {
        assertCoverage(Families.gamma(), new double[] {2.0, 3.0}, 101);
    }

    @Test
    void negativeBinomialIntervalsCover() {
        assertCoverage(Families.negativeBinomial(), new double[] {4.0, 5.0}, 202);
    }

    @Test
    void poissonIntervalCovers() {
        assertCoverage(Families.poisson(), new double[] {2.5}, 303);
    }

    private static void assertCoverage(UnivariateFamily family, double[] truth, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Distribution d = family.of(truth);
        int[] covered = new int[truth.length];
        for (int r = 0; r < REPLICATES; r++) {
            FittedDistribution fit = family.fit(d.sample(N, rng));
            double[] est = fit.distribution().parameterValues();
            double[][] cov = fit.covariance();
            for (int j = 0; j < truth.length; j++) {
                if (Math.abs(est[j] - truth[j]) <= 1.96 * Math.sqrt(cov[j][j])) {
                    covered[j]++;
                }
            }
        }
        for (int j = 0; j < truth.length; j++) {
            assertThat(covered[j] / (double) REPLICATES).as(family.parameterNames().get(j)).isBetween(0.92, 0.98);
        }
    }
}
