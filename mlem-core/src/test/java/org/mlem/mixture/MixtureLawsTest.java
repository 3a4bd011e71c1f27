package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Tolerances;

/** Laws of the product mixture fit: weights, labels, fixed parameters, threads, restarts. */
class MixtureLawsTest {

    private static final List<String> PRODUCT = List.of("normal", "poisson", "bernoulli");

    private static DataMatrix productData(int n, long seed) {
        ProductMixture truth = ProductMixture.of(new double[] {0.4, 0.6}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(0, 1)),
                        ComponentPart.univariate(1, Families.poisson().of(6)),
                        ComponentPart.univariate(2, Families.bernoulli().of(0.2))),
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(3, 1.5)),
                        ComponentPart.univariate(1, Families.poisson().of(2)),
                        ComponentPart.univariate(2, Families.bernoulli().of(0.7)))),
                List.of("x", "count", "flag"));
        return MixtureCases.sample(truth, n, seed);
    }

    /** Oracle: a row of integer weight w is w copies of the row; closed-form tier 1e-10 relative. */
    @Test
    void integerWeightsEqualRepeatedRows() {
        DataMatrix x = productData(150, 1);
        int n = x.rows();
        double[] w = new double[n];
        int[] start = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = i % 3;
            start[i] = x.get(i, 0) > 1.5 ? 1 : 0;
            total += (int) w[i];
        }
        double[] rep = new double[total * 3];
        int[] repStart = new int[total];
        int r = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++, r++) {
                System.arraycopy(x.row(i), 0, rep, r * 3, 3);
                repStart[r] = start[i];
            }
        }
        EmOptions em = EmOptions.DEFAULTS.withMaxIterations(30).withTolerance(0);
        ProductMixture weighted = ProductMixtureEstimator.perColumn(2, PRODUCT).withInit(new MixtureInit.HardLabels(start))
                .withEm(em).fit(x.withWeights(w), 0).model();
        ProductMixture repeated = ProductMixtureEstimator.perColumn(2, PRODUCT).withInit(new MixtureInit.HardLabels(repStart))
                .withEm(em).fit(DataMatrix.of(rep, total, 3, x.columns()), 0).model();
        assertThat(maxRelativeDifference(weighted, repeated)).isLessThan(Tolerances.CLOSED_FORM);
    }

    /** Oracle: with every row labelled the fit is each class's own weighted MLE (dist's fitWeighted) and its proportion. */
    @Test
    void allLabelledIsTheClosedFormPerClass() {
        DataMatrix x = productData(200, 2);
        int[] labels = new int[x.rows()];
        double[] col0 = new double[x.rows()];
        double[] inClass1 = new double[x.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.get(i, 2) == 1 ? 1 : 0;
            col0[i] = x.get(i, 0);
            inClass1[i] = labels[i];
        }
        MixtureFit<ProductMixture> fit = ProductMixtureEstimator.perColumn(2, PRODUCT).fit(x.withLabels(labels), 0);
        FittedDistribution expected = Families.normal().fitWeighted(col0, inClass1);
        assertThat(fit.iterations()).isEqualTo(1);
        assertThat(fit.model().component(1).parts().get(0).parameterValues())
                .containsExactly(expected.distribution().parameterValues());
        assertThat(fit.model().component(1).parts().get(2).parameterValues()).containsExactly(1.0);
        assertThat(fit.model().weights()[1]).isEqualTo(Arrays.stream(inClass1).sum() / x.rows());
    }

    /** Labelled rows stay in their component, so a few labels fix which component is which, whatever the seed. */
    @Test
    void partialLabelsPinTheComponents() {
        DataMatrix x = productData(400, 3);
        int[] labels = new int[x.rows()];
        Arrays.fill(labels, -1);
        for (int i = 0; i < 40; i++) {
            labels[i] = x.get(i, 0) > 1.5 ? 0 : 1; // high-mean rows are called component 0
        }
        for (long seed = 0; seed < 4; seed++) {
            ProductMixture m = ProductMixtureEstimator.perColumn(2, PRODUCT)
                    .withInit(new MixtureInit.RandomResponsibilities()).fit(x.withLabels(labels), seed).model();
            assertThat(m.component(0).parts().get(0).parameterValues()[0])
                    .isGreaterThan(m.component(1).parts().get(0).parameterValues()[0]);
        }
    }

    /** Fixed weights and a fixed component come back bit for bit, with plain EM and SQUAREM, and are not counted. */
    @ParameterizedTest
    @EnumSource(Acceleration.class)
    void fixedParametersAreUntouched(Acceleration acceleration) {
        DataMatrix x = productData(300, 4);
        double[] weights = {0.3, 0.7};
        ProductComponent known = ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(0.1, 1.1)),
                ComponentPart.univariate(1, Families.poisson().of(5.9)),
                ComponentPart.univariate(2, Families.bernoulli().of(0.25)));
        MixtureFit<ProductMixture> fit = ProductMixtureEstimator.perColumn(2, PRODUCT).withFixedWeights(weights)
                .withFixedComponent(0, known).withEm(EmOptions.DEFAULTS.withAcceleration(acceleration)).fit(x, 9);
        ProductMixture m = fit.model();
        assertThat(m.weights()).containsExactly(weights);
        for (int a = 0; a < 3; a++) {
            assertThat(m.component(0).parts().get(a).parameterValues())
                    .containsExactly(known.parts().get(a).parameterValues());
        }
        assertThat(m.component(1).parts().get(0).parameterValues()[0]).isNotEqualTo(0.1);
        assertThat(fit.nParameters()).isEqualTo(4); // component 2 only: mean, sd, lambda, prob
        double[] trace = fit.trace();
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
        }
    }

    /** Statistics merge in block order and the M-step runs in row order: 1 and 3 threads give the same bits. */
    @Test
    void threadCountChangesNoBit() {
        DataMatrix x = productData(7000, 5); // 4 blocks
        ProductMixtureEstimator est = ProductMixtureEstimator.perColumn(2, PRODUCT)
                .withEm(EmOptions.DEFAULTS.withMaxIterations(15).withTolerance(0).withRestarts(2));
        MixtureFit<ProductMixture> one = est.withEm(est.em().withThreads(1)).fit(x, 42);
        MixtureFit<ProductMixture> three = est.withEm(est.em().withThreads(3)).fit(x, 42);
        assertThat(three.trace()).containsExactly(one.trace());
        assertThat(maxRelativeDifference(one.model(), three.model())).isZero();
    }

    /** The kept start is the best of all starts, and SQUAREM reaches plain EM's fixed point (log-likelihood 1e-9, parameters 1e-5 relative: plain EM stopped at tolerance 1e-12 on the mean log-likelihood is that close). */
    @Test
    void bestOfRestartsAndSquaremFixedPoint() {
        DataMatrix x = productData(600, 6);
        EmOptions tight = EmOptions.DEFAULTS.withRestarts(4).withTolerance(1e-12).withMaxIterations(3000);
        MixtureFit<ProductMixture> plain = ProductMixtureEstimator.perColumn(2, PRODUCT).withEm(tight).fit(x, 7);
        // the kept start is the best, up to the restart loop's tie (the first of starts at one maximum is kept)
        double top = Arrays.stream(plain.startLogLikelihoods()).max().getAsDouble();
        assertThat(plain.logLikelihood()).isBetween(top - org.mlem.em.Restarts.tie(top), top);
        MixtureFit<ProductMixture> squarem = ProductMixtureEstimator.perColumn(2, PRODUCT)
                .withEm(tight.withAcceleration(Acceleration.SQUAREM)).fit(x, 7);
        assertThat(squarem.converged()).isTrue();
        assertThat(Tolerances.relativeError(squarem.logLikelihood(), plain.logLikelihood(), 0)).isLessThan(1e-9);
        assertThat(maxRelativeDifference(plain.model(), squarem.model())).isLessThan(1e-5);
    }

    /** Largest relative difference of weights and parameters, components in canonical order. */
    static double maxRelativeDifference(ProductMixture a, ProductMixture b) {
        int[] oa = MixtureCases.canonicalOrder(a);
        int[] ob = MixtureCases.canonicalOrder(b);
        double worst = 0;
        for (int j = 0; j < a.k(); j++) {
            worst = Math.max(worst, Tolerances.relativeError(a.weights()[oa[j]], b.weights()[ob[j]], 1e-12));
            for (int f = 0; f < a.layout().size(); f++) {
                double[] pa = a.component(oa[j]).parts().get(f).parameterValues();
                double[] pb = b.component(ob[j]).parts().get(f).parameterValues();
                for (int p = 0; p < pa.length; p++) {
                    worst = Math.max(worst, Tolerances.relativeError(pa[p], pb[p], 1e-12));
                }
            }
        }
        return worst;
    }
}
