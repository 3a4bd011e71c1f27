package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlem.testkit.Tolerances;

/**
 * The two edges of gofstat's cells that the real data sets (GofstatAgreementTest) do not reach.
 * Oracle: fitdistrplus 1.1-8 in R 4.2.2,
 * {@code gofstat(fitdist(c(0,0,0,0,0,1,1,1,1,1,1,1), "binom", fix.arg = list(size = 1), start = list(prob = 0.5)))}
 * gives breaks 0, 1, observed 5, 7, df 0 and no p-value (the last break has cdf 1 and holds every
 * row, so no upper cell); {@code gofstat(fitdist(c(3, 1), "pois"))$chisq} is NULL (too few values).
 * The expected counts are closed forms at the MLE prob = 7/12: 12·5/12 and 12·7/12 (1e-10).
 */
class ChiSquaredStatisticTest {

    @Test
    void noUpperCellWhenTheLastBreakHoldsEveryRowAndHasCdfOne() {
        double[] x = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
        ChiSquaredStatistic chi = ChiSquaredStatistic.of(Families.bernoulli().of(7.0 / 12), x);
        assertThat(chi.computed()).isTrue();
        assertThat(chi.breaks()).containsExactly(0, 1);
        assertThat(chi.observed()).containsExactly(5, 7);
        assertThat(chi.expected()[0]).isCloseTo(5, within(Tolerances.CLOSED_FORM * 5));
        assertThat(chi.expected()[1]).isCloseTo(7, within(Tolerances.CLOSED_FORM * 7));
        assertThat(chi.chisq()).isCloseTo(0, within(1e-20));
        assertThat(chi.df()).isZero();
        assertThat(chi.pValue()).isNaN();
    }

    @Test
    void tooFewValuesGiveNoStatistic() {
        ChiSquaredStatistic chi = ChiSquaredStatistic.of(Families.poisson().of(2.0), new double[] {3, 1});
        assertThat(chi.computed()).isFalse();
        assertThat(chi.chisq()).isNaN();
        assertThat(chi.pValue()).isNaN();
        assertThat(chi.breaks()).isEmpty();
    }
}
