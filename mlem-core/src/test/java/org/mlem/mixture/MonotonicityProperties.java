package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/**
 * EM's defining law for every family: the log-likelihood never decreases from one iteration to
 * the next. Oracle: Dempster, Laird and Rubin (1977); slack 1e-9 relative for rounding (and for
 * the iterative M-steps of weibull and negbin, solved to ~1e-12).
 */
class MonotonicityProperties {

    @Property(tries = 40)
    void logLikelihoodNeverDecreases(@ForAll("families") String family, @ForAll @IntRange(min = 1, max = 3) int k,
            @ForAll @IntRange(min = 60, max = 300) int n, @ForAll long seed, @ForAll boolean randomInit) {
        DataMatrix x = MixtureCases.sample(MixtureCases.twoComponents(family), n, seed);
        ProductMixtureEstimator est = ProductMixtureEstimator.sameFamily(k, Families.byName(family), x.cols())
                .withInit(randomInit ? new MixtureInit.RandomResponsibilities() : MixtureInit.DEFAULT)
                .withEm(EmOptions.SKLEARN.withMaxIterations(25).withTolerance(0).withThreads(1));
        MixtureFit<ProductMixture> fit;
        try {
            fit = est.fit(x, seed);
        } catch (DegenerateComponentException collapsedStart) {
            net.jqwik.api.statistics.Statistics.collect("collapsed");
            return; // a start with an empty or constant component: nothing to iterate
        }
        double[] trace = fit.trace();
        net.jqwik.api.statistics.Statistics.collect("iterated");
        assertThat(trace).hasSize(26);
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("%s k=%d iteration %d of %s", family, k, t, java.util.Arrays.toString(trace))
                    .isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
        }
    }

    @Provide
    Arbitrary<String> families() {
        return Arbitraries.of(MixtureCases.FAMILIES);
    }
}
