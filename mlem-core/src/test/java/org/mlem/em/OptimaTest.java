package org.mlem.em;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Grouping of the starts' final log-likelihoods into optima; closed-form cases, exact counts. */
class OptimaTest {

    @Test
    void groupsFinalsWithinTheSameOptimumDistanceAndCountsFailures() {
        double inf = Double.NEGATIVE_INFINITY;
        Optima o = Optima.of(new double[] {-12, -10.00005, inf, -10, -12.00002, -11, Double.NaN});
        assertThat(o.starts()).isEqualTo(7);
        assertThat(o.failed()).isEqualTo(2);
        assertThat(o.distinct()).isEqualTo(3);
        assertThat(o.atBest()).isEqualTo(2);
        assertThat(o.bestReachedOnce()).isFalse();
    }

    @Test
    void bestReachedOnceOnlyWithSeveralSuccessfulStarts() {
        assertThat(Optima.of(new double[] {-10, -11, -11}).bestReachedOnce()).isTrue();
        assertThat(Optima.of(new double[] {-10}).bestReachedOnce()).isFalse();
        assertThat(Optima.of(new double[] {-10, Double.NEGATIVE_INFINITY}).bestReachedOnce()).isFalse();
    }

    @Test
    void distanceIsRelativeForLargeLogLikelihoods() {
        // 1e-7 * 1e6 = 0.1: a difference of 0.05 is one optimum, 0.5 two
        assertThat(Optima.of(new double[] {-1e6, -1e6 - 0.05}).distinct()).isEqualTo(1);
        assertThat(Optima.of(new double[] {-1e6, -1e6 - 0.5}).distinct()).isEqualTo(2);
        // and absolute near zero: 1e-4
        assertThat(Optima.of(new double[] {-1, -1 - 5e-5}).distinct()).isEqualTo(1);
        assertThat(Optima.of(new double[] {-1, -1 - 5e-4}).distinct()).isEqualTo(2);
    }

    @Test
    void everyStartFailedHasNoOptimum() {
        Optima o = Optima.of(new double[] {Double.NEGATIVE_INFINITY, Double.NaN});
        assertThat(o.distinct()).isZero();
        assertThat(o.atBest()).isZero();
        assertThat(o.failed()).isEqualTo(2);
    }
}
