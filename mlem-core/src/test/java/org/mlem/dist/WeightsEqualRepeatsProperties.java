package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mlem.MlemUserException;

/**
 * Law: a fit with integer weights equals the unweighted fit of the data with each row repeated
 * that many times (rows of weight 0 dropped). Tolerance 1e-10 relative on estimates, standard
 * errors and log-likelihood, for every family. Exception: the t's df, whose profile likelihood can
 * be so flat (df in the hundreds on 40–100 rows) that rounding in the score moves it by more; it
 * must agree to 1e-6 of its standard error, a statistically invisible difference.
 */
class WeightsEqualRepeatsProperties {
    static final double RTOL = 1e-10;

    @Provide
    Arbitrary<FamilyCases> families() {
        return Arbitraries.of(FamilyCases.all());
    }

    @Property(tries = 150, seed = "20241128")   // fixed: the build must not depend on luck
    void integerWeightsEqualRepeatedRows(@ForAll("families") FamilyCases c, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = c.draw(40 + rng.nextInt(60), seed);
        double[] w = new double[x.length];
        int total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = i < 20 ? 1 + rng.nextInt(3) : rng.nextInt(4);   // first rows keep weight so data stay varied
            total += (int) w[i];
        }
        double[] repeated = new double[total];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < w[i]; r++) {
                repeated[k++] = x[i];
            }
        }
        FittedDistribution expanded;
        try {
            expanded = c.family().fit(repeated);
        } catch (MlemUserException noFiniteMle) {
            // e.g. the t's df → ∞ on a light-tailed draw: the weighted fit must refuse alike
            assertThatThrownBy(() -> c.family().fitWeighted(x, w)).isInstanceOf(MlemUserException.class)
                    .hasMessage(noFiniteMle.getMessage());
            return;
        }
        FittedDistribution weighted = c.family().fitWeighted(x, w);

        assertThat(weighted.n()).isEqualTo(expanded.n());
        boolean t = c.family() instanceof StudentTFamily;
        double[] est = expanded.distribution().parameterValues();
        double[] se = expanded.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] estSlack = new double[est.length];
        double[] seSlack = new double[se.length];
        if (t) {
            estSlack[2] = 1e-6 * se[2];
            for (int j = 0; j < se.length; j++) {
                seSlack[j] = 1e-6 * se[j];
            }
        }
        assertClose(weighted.distribution().parameterValues(), est, estSlack);
        assertClose(weighted.standardErrors().values().stream().mapToDouble(Double::doubleValue).toArray(), se, seSlack);
        assertThat(weighted.logLikelihood()).isCloseTo(expanded.logLikelihood(), within(RTOL * Math.abs(expanded.logLikelihood())));
    }

    private static void assertClose(double[] actual, double[] expected, double[] slack) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual[j]).as("entry %d of %s vs %s", j, Arrays.toString(actual), Arrays.toString(expected))
                    .isCloseTo(expected[j], within(Math.max(RTOL * Math.abs(expected[j]), slack[j])));
        }
    }
}
