package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * The degeneracy rules of {@link Degeneracy} on a planted single-point cluster (Old Faithful, 272
 * rows, plus one row far from both clusters), on healthy fits, and their independence of units.
 */
class DegeneracyTest {
    static final double[] OUTLIER = {40, 400};

    /** faithful.csv with the outlier appended as row 273. */
    static DataMatrix faithfulWithOutlier() {
        DataMatrix f = Fixtures.csv("data/faithful.csv");
        double[] v = java.util.Arrays.copyOf(f.values(), f.values().length + 2);
        v[v.length - 2] = OUTLIER[0];
        v[v.length - 1] = OUTLIER[1];
        return DataMatrix.of(v, f.rows() + 1, 2, f.columns());
    }

    static int outlierComponent(GaussianMixture m) {
        for (int j = 0; j < m.components(); j++) {
            double[] mu = m.mean(j);
            if (Math.abs(mu[0] - OUTLIER[0]) < 1e-6 && Math.abs(mu[1] - OUTLIER[1]) < 1e-6) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Oracle: the planted row. k-means++ gives the far row its own component (its mean is the row,
     * to 1e-6); a full, diag or spherical component of one row is degenerate for holding fewer
     * rows than its parameters need and for a covariance at the ridge, and nothing else is.
     */
    @Test
    void aPlantedSinglePointClusterIsDegenerate() {
        DataMatrix x = faithfulWithOutlier();
        for (CovarianceStructure s : List.of(CovarianceStructure.FULL, CovarianceStructure.DIAG, CovarianceStructure.SPHERICAL)) {
            GaussianMixture m = new GaussianMixtureEstimator(3, s, 1e-6, GmmInit.DEFAULT, EmOptions.DEFAULTS).fit(x, 1).model();
            int j = outlierComponent(m);
            assertThat(j).as("%s: a component sits on the outlier", s).isNotNegative();
            List<DegenerateComponent> found = Degeneracy.of(m, x, 1e-6);
            assertThat(found).as("%s", s).hasSize(1);
            DegenerateComponent c = found.get(0);
            assertThat(c.component()).isEqualTo(j);
            assertThat(c.reasons()).contains(DegenerateComponent.FEW_POINTS, DegenerateComponent.COVARIANCE_FLOOR,
                    DegenerateComponent.SPIKE);
            assertThat(c.effectiveCount()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(c.smallestVariance()).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(c.message()).contains("n_k = 1.000").contains("regCovar floor");
        }
    }

    /**
     * A tied component of one row borrows the shared covariance, so its density is bounded: not a
     * spike, and not reported (the rule's documented exception).
     */
    @Test
    void aTiedSingleRowComponentIsNotDegenerate() {
        DataMatrix x = faithfulWithOutlier();
        GaussianMixture m = new GaussianMixtureEstimator(3, CovarianceStructure.TIED, 1e-6, GmmInit.DEFAULT,
                EmOptions.DEFAULTS).fit(x, 1).model();
        assertThat(outlierComponent(m)).isNotNegative();
        assertThat(Degeneracy.of(m, x, 1e-6)).isEmpty();
    }

    /** Old Faithful's two clusters (about 100 and 170 rows) in every structure: nothing degenerate. */
    @Test
    void healthyFitsHaveNone() {
        DataMatrix x = Fixtures.csv("data/faithful.csv");
        for (CovarianceStructure s : CovarianceStructure.values()) {
            GaussianMixture m = new GaussianMixtureEstimator(2, s, 1e-6, GmmInit.DEFAULT, EmOptions.DEFAULTS).fit(x, 3).model();
            assertThat(Degeneracy.of(m, x, 1e-6)).as("%s", s).isEmpty();
        }
    }

    /**
     * Oracle: the closed form 1e-6 × mean of the population column variances (1e-10 relative), and
     * the law that scaling the data by c scales it by c².
     */
    @Test
    void scaledRidgeIsRelativeToTheColumnVariances() {
        DataMatrix x = Fixtures.csv("data/iris.csv");
        double sum = 0;
        for (int a = 0; a < 4; a++) {
            double mean = 0;
            for (int i = 0; i < x.rows(); i++) {
                mean += x.get(i, a) / x.rows();
            }
            for (int i = 0; i < x.rows(); i++) {
                sum += (x.get(i, a) - mean) * (x.get(i, a) - mean) / x.rows();
            }
        }
        assertThat(Tolerances.relativeError(RegCovar.scaled(x), 1e-6 * sum / 4, 0)).isLessThan(Tolerances.CLOSED_FORM);
        assertThat(Tolerances.relativeError(RegCovar.scaled(scaled(x, 0.01)), 1e-4 * RegCovar.scaled(x), 0))
                .isLessThan(Tolerances.CLOSED_FORM);
    }

    /**
     * The same fit in other units (iris in metres and in tenths of millimetres) with the
     * data-scaled ridge flags the same components for the same reasons: the rules are scale-free.
     * With scikit-learn's absolute 1e-6 in metres, the ridge is 1% of the variances and every
     * component of a k = 3 full fit sits at the floor.
     */
    @Test
    void findingsDoNotDependOnUnits() {
        DataMatrix cm = Fixtures.csv("data/iris.csv");
        for (int k : new int[] {3, 6}) {
            List<String> reference = null;
            for (double c : new double[] {1, 0.01, 100}) {
                DataMatrix x = scaled(cm, c);
                double reg = RegCovar.scaled(x);
                GaussianMixture m = GaussianMixtureEstimator.of(k).withRegCovar(reg).fit(x, 7).model();
                List<String> found = Degeneracy.of(m, x, reg).stream().map(d -> d.component() + " " + d.reasons()).toList();
                if (reference == null) {
                    reference = found;
                } else {
                    assertThat(found).as("k=%d, units x%s", k, c).isEqualTo(reference);
                }
            }
        }
        DataMatrix metres = scaled(cm, 0.01);
        GaussianMixture m = GaussianMixtureEstimator.of(3).fit(metres, 7).model();
        assertThat(Degeneracy.of(m, metres, 1e-6)).hasSize(3)
                .allSatisfy(d -> assertThat(d.reasons()).contains(DegenerateComponent.COVARIANCE_FLOOR));
    }

    static DataMatrix scaled(DataMatrix x, double c) {
        double[] v = x.values();
        for (int i = 0; i < v.length; i++) {
            v[i] *= c;
        }
        return DataMatrix.of(v, x.rows(), x.cols(), x.columns());
    }
}
