package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlem.dist.Families;

/** Quantiles for the Q-Q plots against closed forms (tolerance 1e-9: bisection to ~1e-12 relative). */
class QuantilesTest {
    @Test
    void continuousQuantilesMatchClosedForms() {
        // exponential(rate 2): F^-1(p) = -log(1 - p) / 2
        assertThat(Quantiles.of(Families.exponential().of(2), false, 0.5)).isCloseTo(Math.log(2) / 2, within(1e-9));
        assertThat(Quantiles.of(Families.exponential().of(2), false, 0.99)).isCloseTo(-Math.log(0.01) / 2, within(1e-9));
        // normal(10, 3): 10 + 3 qnorm(0.975), qnorm(0.975) = 1.959963984540054 (R)
        assertThat(Quantiles.of(Families.normal().of(10, 3), false, 0.975)).isCloseTo(10 + 3 * 1.959963984540054, within(1e-9));
        assertThat(Quantiles.normal(0.975)).isCloseTo(1.959963984540054, within(1e-12));
        // beta(2, 1): F(x) = x^2, so F^-1(p) = sqrt(p)
        assertThat(Quantiles.of(Families.beta().of(2, 1), false, 0.25)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void discreteQuantileIsTheSmallestCountWithCdfAtLeastP() {
        // poisson(1): P(0) = e^-1 = 0.3679, P(<=1) = 0.7358, P(<=2) = 0.9197 (R: ppois)
        assertThat(Quantiles.of(Families.poisson().of(1), true, 0.30)).isEqualTo(0);
        assertThat(Quantiles.of(Families.poisson().of(1), true, 0.50)).isEqualTo(1);
        assertThat(Quantiles.of(Families.poisson().of(1), true, 0.90)).isEqualTo(2);
        assertThat(Quantiles.of(Families.poisson().of(1), true, 0.95)).isEqualTo(3);
    }

    @Test
    void orderStatisticsAreThinnedEvenly() {
        assertThat(Quantiles.drawnOrderStatistics(5)).containsExactly(0, 1, 2, 3, 4);
        int[] idx = Quantiles.drawnOrderStatistics(100_000);
        assertThat(idx).hasSize(Quantiles.MAX_POINTS);
        assertThat(idx[0]).isZero();
        assertThat(idx[idx.length - 1]).isEqualTo(99_999);
    }
}
