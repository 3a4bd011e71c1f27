package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Tolerances;

/**
 * Recovery from simulated data. Oracle: the parameters the data were drawn from; tolerance
 * rtol 0.1 ({@link Tolerances#RECOVERY}) on weights and every parameter after putting components
 * in a canonical order (n = 10000, well-separated components, 3 restarts).
 */
class RecoveryTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"poisson", "exponential", "gamma", "lognormal", "bernoulli"})
    void recoversTwoComponents(String family) {
        ProductMixture truth = MixtureCases.twoComponents(family);
        DataMatrix x = MixtureCases.sample(truth, 10000, 11);
        MixtureFit<ProductMixture> fit = ProductMixtureEstimator.sameFamily(2, Families.byName(family), x.cols())
                .withEm(EmOptions.DEFAULTS.withRestarts(3).withMaxIterations(500)).fit(x, 5);
        assertRecovered(fit.model(), truth);
    }

    @Test
    void recoversNormalPoissonBernoulliProduct() {
        ProductMixture truth = ProductMixture.of(new double[] {0.45, 0.55}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(155, 6)),
                        ComponentPart.univariate(1, Families.poisson().of(7)),
                        ComponentPart.univariate(2, Families.bernoulli().of(0.15))),
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(170, 8)),
                        ComponentPart.univariate(1, Families.poisson().of(2)),
                        ComponentPart.univariate(2, Families.bernoulli().of(0.6)))),
                List.of("height", "visits", "smoker"));
        DataMatrix x = MixtureCases.sample(truth, 10000, 3);
        MixtureFit<ProductMixture> fit = ProductMixtureEstimator.perColumn(2, List.of("normal", "poisson", "bernoulli"))
                .withEm(EmOptions.DEFAULTS.withRestarts(3).withMaxIterations(500)).fit(x, 8);
        assertRecovered(fit.model(), truth);
        assertThat(fit.model().family()).isEqualTo("product");
        assertThat(fit.nParameters()).isEqualTo(1 + 2 * (2 + 1 + 1));
    }

    static void assertRecovered(ProductMixture fitted, ProductMixture truth) {
        int[] f = MixtureCases.canonicalOrder(fitted);
        int[] t = MixtureCases.canonicalOrder(truth);
        for (int j = 0; j < truth.k(); j++) {
            assertThat(Tolerances.relativeError(fitted.weights()[f[j]], truth.weights()[t[j]], 0))
                    .as("weight of component %d: %s", j, fitted).isLessThan(Tolerances.RECOVERY);
            List<ComponentPart> fp = fitted.component(f[j]).parts();
            List<ComponentPart> tp = truth.component(t[j]).parts();
            for (int a = 0; a < tp.size(); a++) {
                double[] got = fp.get(a).parameterValues();
                double[] want = tp.get(a).parameterValues();
                for (int p = 0; p < want.length; p++) {
                    assertThat(Tolerances.relativeError(got[p], want[p], 0.1))
                            .as("component %d factor %d parameter %d: %s", j, a, p, fitted).isLessThan(Tolerances.RECOVERY);
                }
            }
        }
    }
}
