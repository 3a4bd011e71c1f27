package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.ProductComponent;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;

/** Standard errors of product mixtures (mixed families, latent class analysis). */
class ProductMixtureUncertaintyTest {
    static final EmOptions TIGHT = EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12);

    /** A normal column and a Poisson column, two components. */
    static final ProductMixture MIXED = ProductMixture.of(new double[] {0.35, 0.65}, List.of(
            ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(0, 1)),
                    ComponentPart.univariate(1, Families.poisson().of(2))),
            ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(3, 1.5)),
                    ComponentPart.univariate(1, Families.poisson().of(7)))), List.of("x", "count"));

    /** Latent class analysis: four Bernoulli items, two classes. */
    static final ProductMixture CLASSES = ProductMixture.of(new double[] {0.45, 0.55}, List.of(
            items(0.85, 0.8, 0.7, 0.9), items(0.2, 0.3, 0.25, 0.4)), List.of("a", "b", "c", "d"));

    static ProductComponent items(double... p) {
        List<ComponentPart> parts = new ArrayList<>();
        for (int a = 0; a < p.length; a++) {
            parts.add(ComponentPart.univariate(a, Families.bernoulli().of(p[a])));
        }
        return new ProductComponent(parts);
    }

    static DataMatrix data(ProductMixture truth, int n, long seed) {
        return truth.sample(n, new SplittableRandom(seed)).withLabels(null);
    }

    static ProductMixtureEstimator estimator(ProductMixture like) {
        return ProductMixtureEstimator.of(like.k(), like.layout()).withEm(TIGHT.withRestarts(3));
    }

    /** The mixture of free parameters θ (π_1, then each component's factors' parameters in order). */
    static ProductMixture fromFree(double[] theta, ProductMixture like) {
        return ProductMixtureUncertainty.fromFree(like, theta);
    }

    /** Oracle: central differences of the observed log-likelihood; 1e-4 relative. */
    @Test
    void louisMatchesTheNumericalHessian() {
        for (ProductMixture truth : List.of(MIXED, CLASSES)) {
            DataMatrix x = data(truth, 500, 3);
            ProductMixture m = estimator(truth).fit(x, 1).model();
            ObservedInformation louis = ProductMixtureUncertainty.louis(m, x);
            assertThat(louis.positiveDefinite()).isTrue();
            double[] theta = InformationCheck.free(ProductMixtureUncertainty.values(m, new int[] {0, 1}), 2);
            InformationCheck.assertMatches(louis, t -> fromFree(t, m).logLikelihood(x), theta, 1e-4);
        }
        assertThat(ProductMixtureUncertainty.names(MIXED)).startsWith("weight[0]", "weight[1]", "mean[0][x]", "sd[0][x]",
                "lambda[0][count]");
    }

    /** Oracle: the same identity with a missing cell marginalised (its factor is 1, its score 0). */
    @Test
    void louisMatchesWithMissingCells() {
        DataMatrix full = data(MIXED, 400, 4);
        double[] v = full.values();
        for (int i = 0; i < 400; i += 7) {
            v[i * 2 + (i % 2)] = Double.NaN;
        }
        DataMatrix x = DataMatrix.of(v, 400, 2, full.columns());
        ProductMixture m = estimator(MIXED).withMissingEm(true).fit(x, 1).model();
        double[] theta = InformationCheck.free(ProductMixtureUncertainty.values(m, new int[] {0, 1}), 2);
        InformationCheck.assertMatches(ProductMixtureUncertainty.louis(m, x), t -> fromFree(t, m).logLikelihood(x),
                theta, 1e-4);
    }

    @Test
    void louisRefusesCategoricalFactorsInOneLine() {
        ProductMixture cat = ProductMixture.of(new double[] {1}, List.of(ProductComponent.of(
                ComponentPart.univariate(0, Families.categorical(3).of(0.2, 0.3, 0.5)))), List.of("g"));
        DataMatrix x = DataMatrix.of(new double[][] {{0}, {1}, {2}});
        assertThatThrownBy(() -> ProductMixtureUncertainty.louis(cat, x)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("--bootstrap").hasMessageNotContaining("\n");
    }

    @Test
    void bootstrapIsTheSameBitsOnOneAndTwoThreads() {
        for (ProductMixture truth : List.of(MIXED, CLASSES)) {
            DataMatrix x = data(truth, 300, 5);
            ProductMixtureEstimator est = estimator(truth);
            BootstrapChecks.sameBitsOnOneAndTwoThreads(ProductMixtureUncertainty.bootstrap(est), x, est.fit(x, 1).model(), 4);
        }
    }

    /**
     * Oracle: Louis' SEs at the MLE (three starts, tolerance 1e-12). 1500 rows of latent class
     * data, 100 parametric replicates refit from it to the default tolerance: every SE within 25% of Louis' (the Monte Carlo error of a bootstrap SE
     * alone is about 1/sqrt(2B) = 7%).
     */
    @Test
    void parametricBootstrapAgreesWithLouis() {
        DataMatrix x = data(CLASSES, 1500, 6);
        ProductMixture fit = estimator(CLASSES).fit(x, 1).model();
        ProductMixtureEstimator est = estimator(CLASSES).withEm(EmOptions.DEFAULTS.withThreads(1));
        double[] louis = ProductMixtureUncertainty.louis(fit, x).standardError();
        BootstrapResult r = new Bootstrap(100, BootstrapKind.PARAMETRIC, 0.95, 0)
                .run(ProductMixtureUncertainty.bootstrap(est), x, fit, 8);
        BootstrapChecks.standardErrorsNear(r, louis, 0.25);
    }
}
