package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.Multinomial;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Tolerances;

/** Multinomial components for count vectors, and the JSON-ready accessors. */
class MultinomialAndJsonTest {

    /** Oracle: the simulating parameters; rtol 0.1 ({@link Tolerances#RECOVERY}), n = 3000 rows of 20 counts. */
    @Test
    void recoversAMultinomialMixture() {
        Multinomial[] truth = {Multinomial.of(0.6, 0.3, 0.1), Multinomial.of(0.1, 0.3, 0.6)};
        double[] pi = {0.35, 0.65};
        SplittableRandom rng = new SplittableRandom(17);
        int n = 3000;
        double[] x = new double[n * 3];
        for (int i = 0; i < n; i++) {
            int j = rng.nextDouble() < pi[0] ? 0 : 1;
            System.arraycopy(truth[j].sample(20, rng), 0, x, i * 3, 3);
        }
        DataMatrix data = DataMatrix.of(x, n, 3, List.of("a", "b", "c"));
        MixtureFit<ProductMixture> fit = ProductMixtureEstimator.multinomial(2, 3)
                .withEm(EmOptions.DEFAULTS.withRestarts(2)).fit(data, 1);
        ProductMixture m = fit.model();
        int hi = m.component(0).parts().get(0).parameterValues()[0] > 0.35 ? 0 : 1;
        assertThat(Tolerances.relativeError(m.weights()[hi], pi[0], 0)).isLessThan(Tolerances.RECOVERY);
        double[] p = m.component(hi).parts().get(0).parameterValues();
        for (int a = 0; a < 3; a++) {
            assertThat(Tolerances.relativeError(p[a], truth[0].prob()[a], 0)).isLessThan(Tolerances.RECOVERY);
        }
        assertThat(m.family()).isEqualTo("multinomial");
        assertThat(fit.nParameters()).isEqualTo(1 + 2 * 2);
        assertThat(m.componentParameters().get(hi)).containsOnlyKeys("multinomial(a,b,c)");
    }

    /** The contract's shapes: {parameter: value} for one column; {column: {parameter: value}} beyond. */
    @Test
    void componentParametersUseRsNames() {
        ProductMixture one = ProductMixture.of(new double[] {0.5, 0.5}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.gamma().of(2, 1))),
                ProductComponent.of(ComponentPart.univariate(0, Families.gamma().of(9, 0.5)))), List.of("x"));
        assertThat(one.family()).isEqualTo("gamma");
        assertThat(one.componentParameters().get(1)).isEqualTo(Map.of("shape", 9.0, "rate", 0.5));
        ProductMixture two = ProductMixture.of(new double[] {1}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(1, 2)),
                        ComponentPart.univariate(1, Families.bernoulli().of(0.3)))), List.of("h", "s"));
        assertThat(two.family()).isEqualTo("product");
        assertThat(two.columnFamilies()).containsExactly(Map.entry("h", "normal"), Map.entry("s", "bernoulli"));
        assertThat(two.componentParameters().get(0))
                .isEqualTo(Map.of("h", Map.of("mean", 1.0, "sd", 2.0), "s", Map.of("prob", 0.3)));
    }
}
