package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle: the truth that generated the data. 4000 seeded draws from each family's sampler are
 * fitted and every parameter is recovered to rtol 0.1, or within 4 of its own standard errors
 * where that is wider (only the t's df, whose SE at n = 4000 is ~0.15 at df = 3). For continuous families the sampler and
 * the cdf must also agree: the KS distance of the draws to the true cdf is below 1.63/√n (the 1%
 * critical value), which the fixed seed makes a deterministic check.
 */
class SamplingRecoveryTest {
    static final int N = 4000;

    static Stream<FamilyCases> cases() {
        return FamilyCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fitRecoversTheParametersThatGeneratedTheDraws(FamilyCases c) {
        double[] x = c.draw(N, 2024);
        FittedDistribution fit = c.family().fit(x);
        double[] est = fit.distribution().parameterValues();
        double[][] cov = fit.covariance();
        assertThat(est).hasSameSizeAs(c.truth());
        for (int j = 0; j < est.length; j++) {
            double tol = Math.max(0.1 * Math.abs(c.truth()[j]), 4 * Math.sqrt(cov[j][j]));
            assertThat(est[j]).as("parameter %d", j).isCloseTo(c.truth()[j], within(tol));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsFollowTheCdf(FamilyCases c) {
        if (c.family().isDiscrete()) {
            return;   // covered by recovery above; KS is for continuous families
        }
        double[] x = c.draw(N, 77);
        double ks = KolmogorovSmirnov.statistic(c.distribution(), Sample.of(x, null, c.family().name()));
        assertThat(ks).isLessThan(1.63 / Math.sqrt(N));
    }
}
