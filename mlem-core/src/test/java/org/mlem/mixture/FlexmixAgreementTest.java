package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Agreement with R. Oracle: flexmix 2.3 (FLXMCmvpois, FLXMCmvbinary) from the same hard starting
 * labels, after 1, 2, 3 and 400 M-steps, and mixtools' normalmixEM fixed point; fixtures from
 * tools/reference/mixture_flexmix.R. Tolerance: flexmix 1e-8 relative ({@link Tolerances#EXTERNAL})
 * for parameters, weights and log-likelihood; normalmixEM 1e-6 relative (its stopping rule is
 * on the log-likelihood at 1e-13, which pins the parameters to about 1e-7).
 */
class FlexmixAgreementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flexmix_pois1", "flexmix_mvpois", "flexmix_lca"})
    void sameIteratesAsFlexmix(String name) {
        JsonNode fx = Fixtures.json("mixture/" + name + ".json");
        DataMatrix x = Fixtures.csv(fx.get("data").asText());
        int k = fx.get("k").asInt();
        int[] cluster = new int[x.rows()];
        for (int i = 0; i < cluster.length; i++) {
            cluster[i] = fx.get("cluster").get(i).asInt();
        }
        ProductMixtureEstimator est = ProductMixtureEstimator
                .sameFamily(k, Families.byName(fx.get("family").asText()), x.cols())
                .withInit(new MixtureInit.HardLabels(cluster));
        for (JsonNode state : fx.get("states")) {
            int m = state.get("mSteps").asInt() - 1;
            MixtureFit<ProductMixture> fit = est.withEm(EmOptions.SKLEARN.withMaxIterations(Math.max(1, m))
                    .withTolerance(0).withThreads(1)).fit(x, 0);
            double[] trace = fit.trace();
            // trace[m] is the log-likelihood after 1 + m M-steps.
            assertClose(trace[m], state.get("logLikelihood").asDouble(), name + " logLik after " + (m + 1));
            if (m == 0) {
                continue; // the start's parameters are not returned; its log-likelihood is trace[0]
            }
            ProductMixture model = fit.model();
            for (int j = 0; j < k; j++) {
                assertClose(model.weights()[j], state.get("weights").get(j).asDouble(), name + " weight " + j);
                List<ComponentPart> parts = model.component(j).parts();
                for (int a = 0; a < parts.size(); a++) {
                    assertClose(parts.get(a).parameterValues()[0], state.get("parameters").get(j).get(a).asDouble(),
                            name + " component " + j + " column " + a + " after " + (m + 1));
                }
            }
        }
    }

    @Test
    void normalFixedPointAsMixtools() {
        JsonNode fx = Fixtures.json("mixture/mixtools_normal_faithful.json");
        DataMatrix x = Fixtures.csv(fx.get("data").asText());
        JsonNode s = fx.get("start");
        ProductComponent[] cs = new ProductComponent[2];
        for (int j = 0; j < 2; j++) {
            cs[j] = ProductComponent.of(ComponentPart.univariate(0,
                    Families.normal().of(s.get("mean").get(j).asDouble(), s.get("sd").get(j).asDouble())));
        }
        ProductMixture start = ProductMixture.of(new double[] {s.get("weights").get(0).asDouble(),
                s.get("weights").get(1).asDouble()}, List.of(cs), x.columns());
        MixtureFit<ProductMixture> fit = ProductMixtureEstimator.univariate(2, Families.normal())
                .withInit(new MixtureInit.Given(start)).withEm(EmOptions.SKLEARN.withMaxIterations(2000)
                        .withTolerance(1e-15)).fit(x, 0);
        JsonNode c = fx.get("converged");
        assertThat(fit.converged()).isTrue();
        for (int j = 0; j < 2; j++) {
            Number[] expected = {c.get("weights").get(j).asDouble(), c.get("mean").get(j).asDouble(),
                    c.get("sd").get(j).asDouble()};
            ProductMixture m = fit.model();
            double[] theta = m.component(j).parts().get(0).parameterValues();
            assertThat(Tolerances.relativeError(m.weights()[j], expected[0].doubleValue(), 0)).isLessThan(1e-6);
            assertThat(Tolerances.relativeError(theta[0], expected[1].doubleValue(), 0)).isLessThan(1e-6);
            assertThat(Tolerances.relativeError(theta[1], expected[2].doubleValue(), 0)).isLessThan(1e-6);
        }
        assertThat(Tolerances.relativeError(fit.logLikelihood(), c.get("logLikelihood").asDouble(), 0)).isLessThan(1e-8);
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(Tolerances.relativeError(actual, expected, 1e-12)).as(what + ": " + actual + " vs " + expected)
                .isLessThan(Tolerances.EXTERNAL);
    }
}
