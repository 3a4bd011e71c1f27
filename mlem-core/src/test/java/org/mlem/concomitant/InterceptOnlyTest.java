package org.mlem.concomitant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.gmm.GmmInit;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductComponents;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.regmix.RegmixComponents;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegressionMixture;
import org.mlem.testkit.Tolerances;

/**
 * Property: with only an intercept ({@code ~ 1}) the concomitant mixture is the plain mixture, the
 * weights softmax(γ). From one start (a plain fit's parameters, an E-step first) and the same
 * number of plain EM iterations, both give the same log-likelihood trace, weights and components to
 * 1e-10 (closed-form tier: the two M-steps differ only in how the weights are computed, a column
 * mean against a converged Newton fit of log n_j / n_0).
 */
class InterceptOnlyTest {
    private static final int ITERATIONS = 25;
    private static final EmOptions PLAIN = EmOptions.DEFAULTS.withThreads(1).withAcceleration(Acceleration.NONE)
            .withTolerance(0).withMaxIterations(ITERATIONS);
    private static final EmOptions FIRST = EmOptions.DEFAULTS.withThreads(1).withMaxIterations(3).withRestarts(1);

    @ParameterizedTest
    @ValueSource(strings = {"patent_regmix", "biochemists_poisson", "quakes_gmm"})
    void interceptOnlyIsThePlainMixture(String name) {
        JsonNode c = Cases.named(name);
        Frame f = Cases.frame(c.get("data").asText());
        int k = c.get("k").asInt();
        ConcomitantDesign design = ConcomitantDesign.build("~ 1", f, null, null);
        switch (c.get("kind").asText()) {
            case "regmix" -> {
                RegmixEstimator e = RegmixEstimator.of(c.get("formula").asText(), k)
                        .withFamily(Family.byName(c.get("family").asText()));
                RegressionMixture start = e.withEm(FIRST).fit(f, 3).model();
                MixtureFit<RegressionMixture> plain = e.withInit(new RegmixInit.Given(start)).withEm(PLAIN).fit(f, 3);
                ConcomitantFit<RegressionMixture> cf = ConcomitantEm.fromMixture(new RegmixComponents(e, f), design,
                        null, start, logs(start.weights()), PLAIN.withMaxIterations(ITERATIONS - 1));
                compare(plain, cf, RegressionMixture::weights, m -> flat(m, k));
            }
            case "mixture" -> {
                DataMatrix x = Cases.matrix(c, f);
                ProductMixtureEstimator e = ProductMixtureEstimator.univariate(k, Families.byName(c.get("family").asText()));
                ProductMixture start = e.withEm(FIRST).fit(x, 3).model();
                MixtureFit<ProductMixture> plain = e.withInit(new MixtureInit.Given(start)).withEm(PLAIN).fit(x, 3);
                ConcomitantFit<ProductMixture> cf = ConcomitantEm.fromMixture(new ProductComponents(e, x), design, null,
                        start, logs(start.weights()), PLAIN.withMaxIterations(ITERATIONS - 1));
                compare(plain, cf, ProductMixture::weights,
                        m -> m.componentParameters().stream().mapToDouble(p -> ((Number) p.get("lambda")).doubleValue()).toArray());
            }
            default -> {
                DataMatrix x = Cases.matrix(c, f);
                GaussianMixtureEstimator e = GaussianMixtureEstimator.of(k).withCovariance(CovarianceStructure.FULL)
                        .withRegCovar(0);
                GaussianMixture start = e.withEm(FIRST).fit(x, 3).model();
                MixtureFit<GaussianMixture> plain = e.withInit(new GmmInit.Given(start)).withEm(PLAIN).fit(x, 3);
                ConcomitantFit<GaussianMixture> cf = ConcomitantEm.fromMixture(new GmmComponents(e, x), design, null,
                        start, logs(start.weights()), PLAIN.withMaxIterations(ITERATIONS - 1));
                compare(plain, cf, GaussianMixture::weights, m -> {
                    double[] out = new double[k * 6];
                    for (int j = 0; j < k; j++) {
                        out[j * 6] = m.mean(j)[0];
                        out[j * 6 + 1] = m.mean(j)[1];
                        for (int a = 0; a < 4; a++) {
                            out[j * 6 + 2 + a] = m.covariance(j)[a / 2][a % 2];
                        }
                    }
                    return out;
                });
            }
        }
    }

    private static <M> void compare(MixtureFit<M> plain, ConcomitantFit<M> cf, Function<M, double[]> weights,
            Function<M, double[]> parameters) {
        double[] t = plain.trace();
        double[] u = cf.trace();
        // the plain trace starts at the start's E-step; the concomitant fit's first M-step is that E-step's
        assertThat(u.length).isEqualTo(t.length - 1);
        for (int i = 0; i < u.length; i++) {
            assertThat(Tolerances.relativeError(u[i], t[i + 1], 1)).as("trace " + i).isLessThan(Tolerances.CLOSED_FORM);
        }
        assertThat(cf.nParameters()).isEqualTo(plain.nParameters());
        double[][] gamma = cf.model().gating().coefficients();
        double[] w = weights.apply(plain.model());
        double s = 0;
        for (double[] g : gamma) {
            s += Math.exp(g[0]);
        }
        for (int j = 0; j < w.length; j++) {
            assertThat(Math.abs(Math.exp(gamma[j][0]) / s - w[j])).as("weight " + j).isLessThan(Tolerances.CLOSED_FORM);
        }
        double[] a = parameters.apply(plain.model());
        double[] b = parameters.apply(cf.model().components());
        for (int i = 0; i < a.length; i++) {
            assertThat(Tolerances.relativeError(a[i], b[i], 1e-3)).as("parameter " + i).isLessThan(Tolerances.CLOSED_FORM);
        }
    }

    private static double[] logs(double[] w) {
        double[] l = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            l[j] = Math.log(w[j]);
        }
        return l;
    }

    private static double[] flat(RegressionMixture m, int k) {
        int p = m.coefficients(0).length;
        double[] out = new double[k * p];
        for (int j = 0; j < k; j++) {
            System.arraycopy(m.coefficients(j), 0, out, j * p, p);
        }
        return out;
    }
}
