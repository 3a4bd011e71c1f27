package org.mlem.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmInit;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.Tolerances;

/** Laws of model selection: thread independence, failures in rows, criteria from their definitions. */
class ModelSelectionTest {

    private static final GaussianFamily FAMILY = new GaussianFamily(1e-6, GmmInit.DEFAULT,
            EmOptions.DEFAULTS.withRestarts(2).withTolerance(1e-6));

    private static ModelSelection<DataMatrix, CovarianceStructure, GaussianMixture> grid(int maxK, int threads) {
        return new ModelSelection<>(FAMILY, 1, maxK, CovarianceStructure.scikitLearn(), threads);
    }

    /** Oracle: the same fits on one thread; exact equality of every criterion (same bits). */
    @Test
    void resultsDoNotDependOnThreads() {
        DataMatrix x = Mixtures.blobs(300, 2, 3, 7);
        List<Candidate<GaussianMixture>> one = grid(4, 1).run(x, 11).candidates();
        List<Candidate<GaussianMixture>> two = grid(4, 2).run(x, 11).candidates();
        assertThat(one).hasSize(16);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i).seed()).isEqualTo(one.get(i).seed());
            assertThat(two.get(i).logLikelihood()).isEqualTo(one.get(i).logLikelihood());
            assertThat(two.get(i).icl()).isEqualTo(one.get(i).icl());
        }
    }

    /** A candidate's seed, and so its fit, does not change when the grid is widened. */
    @Test
    void candidateSeedDependsOnlyOnKAndVariant() {
        DataMatrix x = Mixtures.blobs(200, 2, 2, 3);
        SelectionResult<GaussianMixture> small = new ModelSelection<>(FAMILY, 2, 2, List.of(CovarianceStructure.DIAG), 1)
                .run(x, 5);
        SelectionResult<GaussianMixture> wide = grid(3, 1).run(x, 5);
        assertThat(wide.get(2, "diag").seed()).isEqualTo(small.candidates().get(0).seed());
        assertThat(wide.get(2, "diag").logLikelihood()).isEqualTo(small.candidates().get(0).logLikelihood());
    }

    /** Oracle: BIC, AIC and ICL recomputed from their definitions on the candidate's own model (1e-10). */
    @Test
    void criteriaFollowTheirDefinitions() {
        DataMatrix x = Mixtures.blobs(250, 3, 3, 19);
        double[] w = new double[x.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
        }
        DataMatrix weighted = x.withWeights(w);
        SelectionResult<GaussianMixture> r = grid(3, 2).run(weighted, 3);
        for (Candidate<GaussianMixture> c : r.candidates()) {
            GaussianMixture m = c.model();
            double n = weighted.totalWeight();
            double ll = m.logLikelihood(weighted);
            assertThat(Tolerances.relativeError(c.logLikelihood(), ll, 1)).isLessThan(1e-10);
            assertThat(c.bic()).isCloseTo(-2 * ll + m.nParameters() * Math.log(n), within(1e-8));
            assertThat(c.aic()).isCloseTo(-2 * ll + 2 * m.nParameters(), within(1e-8));
            double[][] tau = m.predictProba(weighted);
            int[] hard = m.predict(weighted);
            double entropy = 0;
            for (int i = 0; i < tau.length; i++) {
                entropy -= w[i] * Math.log(tau[i][hard[i]]);
            }
            assertThat(c.icl()).isCloseTo(c.bic() + 2 * entropy, within(1e-8));
            if (c.k() == 1) {
                assertThat(c.icl()).isEqualTo(c.bic());
            }
        }
        int best = r.bestByBic();
        for (Candidate<GaussianMixture> c : r.candidates()) {
            assertThat(c.bic()).isGreaterThanOrEqualTo(r.candidates().get(best).bic());
        }
        assertThat(r.best().k()).isEqualTo(3); // three well-separated blobs
    }

    /** Three distinct rows: k = 4 and 5 cannot be fit; their rows say why and the rest still win. */
    @Test
    void failedFitsAreReportedInTheirRows() {
        DataMatrix x = DataMatrix.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {0, 0}, {1, 0}, {0, 1}});
        SelectionResult<GaussianMixture> r = new ModelSelection<>(FAMILY, 1, 5,
                List.of(CovarianceStructure.SPHERICAL), 1).run(x, 1);
        assertThat(r.candidates()).hasSize(5);
        for (Candidate<GaussianMixture> c : r.candidates().subList(3, 5)) {
            assertThat(c.failed()).isTrue();
            assertThat(c.failure()).contains("only 3 distinct rows");
            assertThat(c.bic()).isNaN();
            assertThat(c.model()).isNull();
        }
        assertThat(r.best().failed()).isFalse();
        assertThat(r.bestByBic()).isLessThan(3);
    }

    @Test
    void rejectsAnEmptyRangeAndRepeatedVariants() {
        assertThatThrownBy(() -> new ModelSelection<>(FAMILY, 3, 2, List.of(CovarianceStructure.FULL), 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("k range 3..2");
        assertThatThrownBy(() -> new ModelSelection<>(FAMILY, 1, 2,
                List.of(CovarianceStructure.FULL, CovarianceStructure.FULL), 1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("repeat");
    }

    /** Oracle: a deterministic function of its coordinates, and distinct coordinates give distinct seeds. */
    @Test
    void derivedSeedsAreDistinct() {
        Set<Long> seen = new HashSet<>();
        for (int k = 1; k <= 20; k++) {
            for (int v = 0; v < 20; v++) {
                seen.add(Seeds.derive(42, k, v));
            }
        }
        assertThat(seen).hasSize(400);
        assertThat(Seeds.derive(42, 1, 2)).isNotEqualTo(Seeds.derive(42, 2, 1)).isEqualTo(Seeds.derive(42, 1, 2));
    }
}
