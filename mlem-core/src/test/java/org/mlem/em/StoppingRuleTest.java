package org.mlem.em;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stopping rules on log-likelihood sequences whose limit is known in closed form: a linearly
 * convergent sequence ℓ<sub>t</sub> = L − c a<sup>t</sup> (EM's behaviour near a maximum, with rate a).
 */
class StoppingRuleTest {
    private static final double L = -1234.5;

    /** The index at which {@code rule} stops on L − c a^t, or −1 within 100,000 terms. */
    private static int stopsAt(EmOptions options, double c, double a, double totalWeight) {
        StoppingRule rule = new StoppingRule(options, totalWeight);
        for (int t = 0; t < 100_000; t++) {
            if (rule.converged(L - c * Math.pow(a, t))) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void aitkenStopsWithinItsToleranceOfTheLimitAtEveryRate() {
        for (double a : new double[] {0.1, 0.5, 0.9, 0.99, 0.999}) {
            int t = stopsAt(EmOptions.DEFAULTS, 100, a, 272);
            assertThat(t).as("rate %s", a).isPositive();
            double gap = 100 * Math.pow(a, t);
            // the gain still to come when it stops (closed-form limit L): at most the tolerance times |ℓ|, or,
            // where EM is so slow that its steps reach rounding level first, what a step at rounding level
            // leaves at that rate; within the bound issue 10 sets (1e-8 |ℓ|) for every rate up to 0.9999
            double allowed = Math.max(EmOptions.DEFAULTS.tolerance(), StoppingRule.ROUNDING * a / (1 - a)) * Math.abs(L);
            assertThat(gap).as("rate %s", a).isLessThanOrEqualTo(allowed * (1 + 1e-9));
            assertThat(gap).as("rate %s", a).isLessThanOrEqualTo(1e-8 * Math.abs(L));
            // and it did not run long past that point: one step earlier the gap was more than a tenth of it
            double earlier = 100 * Math.pow(a, t - 3);
            assertThat(earlier).as("rate %s", a).isGreaterThan(1e-3 * EmOptions.DEFAULTS.tolerance() * Math.abs(L));
        }
    }

    @Test
    void whereTheRateCannotBeToldFromRoundingItDoesNotStopEarly() {
        // at rate 0.9999 the steps' rounding hides 1 − a; the rule must then go on rather than guess
        int t = stopsAt(EmOptions.DEFAULTS, 100, 0.9999, 272);
        if (t >= 0) {
            assertThat(100 * Math.pow(0.9999, t)).isLessThanOrEqualTo(1e-8 * Math.abs(L));
        }
        // in particular not within the first 1000 iterations, where 90 units of log-likelihood remain
        assertThat(t < 0 || t > 1000).as("stopped at %d", t).isTrue();
    }

    @Test
    void sklearnsRuleStopsFarFromTheLimitWhereEmIsSlow() {
        // 272 rows, rate 0.999: scikit-learn's rule (mean change < 1e-3) stops while ~270 units remain
        int t = stopsAt(EmOptions.SKLEARN, 1000, 0.999, 272);
        double gap = 1000 * Math.pow(0.999, t);
        assertThat(gap).isGreaterThan(100);
        // and it compares the mean per-row change with the tolerance, as scikit-learn does
        double step = 1000 * Math.pow(0.999, t - 1) - gap;
        assertThat(step / 272).isLessThan(1e-3);
        double stepBefore = 1000 * Math.pow(0.999, t - 2) - 1000 * Math.pow(0.999, t - 1);
        assertThat(stepBefore / 272).isGreaterThanOrEqualTo(1e-3);
    }

    @Test
    void aRateOutsideZeroToOneNeverStopsTheFit() {
        StoppingRule rule = new StoppingRule(EmOptions.DEFAULTS, 100);
        // steps that grow (EM leaving a saddle): the Aitken estimate is meaningless, so no stop
        double ll = -500;
        for (int t = 0; t < 50; t++) {
            ll += 1e-9 * Math.pow(1.5, t);
            assertThat(rule.converged(ll)).isFalse();
        }
    }

    @Test
    void stepsAtRoundingLevelStopItEvenBelowTheTolerance() {
        StoppingRule rule = new StoppingRule(EmOptions.DEFAULTS.withTolerance(1e-300), 100);
        assertThat(rule.converged(-500)).isFalse();
        assertThat(rule.converged(-400)).isFalse();
        assertThat(rule.converged(-400 + 1e-14)).isFalse(); // one confirmation
        assertThat(rule.converged(-400 + 2e-14)).isFalse(); // two
        assertThat(rule.converged(-400 + 3e-14)).isTrue(); // three in a row
    }

    @Test
    void toleranceZeroNeverStops() {
        for (EmOptions o : List.of(EmOptions.DEFAULTS.withTolerance(0), EmOptions.SKLEARN.withTolerance(0))) {
            StoppingRule rule = new StoppingRule(o, 10);
            for (int t = 0; t < 20; t++) {
                assertThat(rule.converged(-7.0)).isFalse();
            }
        }
    }

    @Test
    void fallsBeyondRoundingAreFoundAndRoundingIsNot() {
        double[] trace = {-120, -110, -105, -105.03, -104 - 1e-12, -104, -103.5};
        List<TraceFalls.Fall> falls = TraceFalls.of(trace, 45);
        assertThat(falls).containsExactly(new TraceFalls.Fall(3, -105 + 105.03));
        assertThat(TraceFalls.warning(falls)).contains("fell at 1 iteration ").contains("iteration 3");
        assertThat(TraceFalls.warning(TraceFalls.of(new double[] {-3, -2, -1}, 3))).isNull();
    }
}
