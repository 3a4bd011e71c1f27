package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;

/**
 * {@link Truncation#sample}: draws of a truncated distribution by inverting its cdf (its survival
 * function above the median). Oracle: the closed-form mean of a truncated normal,
 * μ + σ (φ(a) − φ(b)) / (Φ(b) − Φ(a)), within five standard errors of the sample mean.
 */
class TruncationSampleTest {
    private static double phi(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    private static void meanMatches(Distribution d, Truncation t, double expected, double sd) {
        int n = 40_000;
        double[] x = t.sample(d, n, new SplittableRandom(11));
        double sum = 0;
        for (double v : x) {
            assertThat(v).isBetween(t.below(), t.above());
            sum += v;
        }
        assertThat(sum / n).isCloseTo(expected, within(5 * sd / Math.sqrt(n)));
    }

    @Test
    void upperTailDrawsUseTheSurvivalFunctionAndKeepTheTruncatedMean() {
        Distribution normal = Families.byName("normal").of(new double[] {0, 1});
        // below 5: F(5) > 0.5, so the survival branch; mean φ(5) / S(5), standard deviation < 0.2
        double s5 = normal.survival(5);
        meanMatches(normal, new Truncation(5, Double.POSITIVE_INFINITY), phi(5) / s5, 0.2);
        // [−1, 2]: the cdf branch, both ends finite
        double mass = normal.cdf(2) - normal.cdf(-1);
        meanMatches(normal, new Truncation(-1, 2), (phi(-1) - phi(2)) / mass, 1);
        // only above: the lower end found by stepping down
        meanMatches(normal, new Truncation(Double.NEGATIVE_INFINITY, -2), -phi(-2) / normal.cdf(-2), 0.5);
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        Distribution gamma = Families.byName("gamma").of(new double[] {2, 0.5});
        Truncation t = new Truncation(1, 8);
        assertThat(t.sample(gamma, 100, new SplittableRandom(5))).isEqualTo(t.sample(gamma, 100, new SplittableRandom(5)));
    }
}
