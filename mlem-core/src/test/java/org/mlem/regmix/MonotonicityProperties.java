package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;

/**
 * EM's defining law (Dempster, Laird and Rubin, 1977): with the exact M-step (MLE sd) the
 * log-likelihood never decreases from one iteration to the next. Slack 1e-9 relative: the weighted
 * GLM fits stop at R's IRLS tolerance, not at the exact maximiser.
 */
class MonotonicityProperties {

    @Property(tries = 25)
    void gaussianLogLikelihoodNeverDecreases(@ForAll @IntRange(min = 60, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 3) int k, @ForAll long seed, @ForAll boolean kMeans) {
        check(RegmixEstimator.of("y ~ x", k), Simulated.crossingLines(n, seed), seed, kMeans);
    }

    @Property(tries = 15)
    void poissonLogLikelihoodNeverDecreases(@ForAll @IntRange(min = 60, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 3) int k, @ForAll long seed, @ForAll boolean kMeans) {
        check(RegmixEstimator.of("y ~ x", k).withFamily(Family.byName("poisson")), Simulated.poissonMixture(n, seed),
                seed, kMeans);
    }

    private static void check(RegmixEstimator e, Frame data, long seed, boolean kMeans) {
        RegmixEstimator est = e.withInit(kMeans ? new RegmixInit.KMeans(5) : RegmixInit.DEFAULT)
                .withEm(new EmOptions(15, 0, 1, 1));
        MixtureFit<RegressionMixture> fit;
        try {
            fit = est.fit(data, seed);
        } catch (DegenerateRegressionException collapsed) {
            Assume.that(false);
            return;
        }
        double[] trace = fit.trace();
        assertThat(trace).hasSize(16);
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("iteration %d of %s", t, Arrays.toString(trace))
                    .isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
        }
    }
}
