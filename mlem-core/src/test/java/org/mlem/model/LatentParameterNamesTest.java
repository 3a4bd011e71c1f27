package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.FullCovariances;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.hmm.CategoricalEmission;
import org.mlem.hmm.FamilyEmission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.ProductComponent;
import org.mlem.mixture.ProductMixture;
import org.mlem.uncertainty.GmmParameters;

/**
 * Parameter names beyond the fixtures' shapes: every covariance structure, a mixture with a
 * categorical column, HMMs with Poisson, diagonal and categorical emissions. Oracle: the count
 * each model gives AIC and BIC ({@code nParameters()}); names are distinct and drawn from the
 * standard-error table's reported names.
 */
class LatentParameterNamesTest {
    private static final List<String> XY = List.of("x", "y");

    private static void assertNames(List<String> names, int nParameters) {
        assertThat(names).hasSize(nParameters).doesNotHaveDuplicates();
    }

    @Test
    void everyGaussianCovarianceStructure() {
        GaussianMixture truth = GaussianMixture.of(new double[] {0.4, 0.6}, new double[][] {{0, 0}, {4, 2}},
                FullCovariances.of(new double[][][] {{{1, 0.3}, {0.3, 0.8}}, {{1.5, -0.4}, {-0.4, 1}}}));
        DataMatrix x = truth.sample(200, 1, XY).data();
        for (String s : List.of("full", "tied", "diag", "spherical", "EII", "VEV", "EEI")) {
            GaussianMixture m = GaussianMixtureEstimator.of(2).withCovariance(CovarianceStructure.parse(s, 2))
                    .withEm(EmOptions.DEFAULTS.withThreads(1)).fit(x, 1).model();
            List<String> names = LatentParameterNames.gmm(m, XY);
            assertNames(names, m.nParameters());
            if (m.structure().storage() == m.structure()) {
                assertThat(GmmParameters.of(m, XY).names()).containsAll(names);
            }
        }
        assertThat(LatentParameterNames.gmm(truth, XY)).startsWith("weight[0]", "mean[0][x]", "mean[0][y]", "mean[1][x]")
                .contains("cov[1][x,y]").doesNotContain("weight[1]");
    }

    @Test
    void aCategoricalColumnNamesAllButItsLastLevel() {
        ProductMixture m = ProductMixture.of(new double[] {0.3, 0.7}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(0, 1)),
                        ComponentPart.univariate(1, Families.categorical(3).of(0.2, 0.3, 0.5))),
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(3, 2)),
                        ComponentPart.univariate(1, Families.categorical(3).of(0.6, 0.3, 0.1)))), List.of("x", "g"));
        assertNames(LatentParameterNames.mixture(m), m.nParameters());
    }

    @Test
    void hiddenMarkovModelsOfEveryEmission() {
        double[] start = {0.5, 0.5};
        double[][] trans = {{0.8, 0.2}, {0.3, 0.7}};
        List<HiddenMarkovModel> models = List.of(
                HiddenMarkovModel.of(start, trans, FamilyEmission.of(Families.poisson(), new double[][] {{2}, {9}})),
                HiddenMarkovModel.of(start, trans, GaussianEmission.diagonal(new double[][] {{0, 1}, {3, -1}},
                        new double[][] {{1, 2}, {0.5, 1}})),
                HiddenMarkovModel.of(start, trans, GaussianEmission.full(new double[][] {{0, 1}, {3, -1}},
                        new double[][][] {{{1, 0.4}, {0.4, 2}}, {{0.7, -0.2}, {-0.2, 1.2}}})),
                HiddenMarkovModel.of(start, trans, CategoricalEmission.of(new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}})));
        for (HiddenMarkovModel m : models) {
            List<String> names = LatentParameterNames.hmm(m, null);
            assertNames(names, m.nParameters());
            assertThat(names).startsWith("start[0]", "transition[0][0]", "transition[1][0]");
        }
    }
}
