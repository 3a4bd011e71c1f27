package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;

/**
 * A mixture of families with a component holding one row is named degenerate; healthy fits are
 * not. Oracle: the construction (one planted row far from 200 others) and the effective count,
 * which for that component is the row's own posterior, 1 to many digits.
 */
class ProductDegeneracyTest {

    /**
     * 100 Poisson(2) counts and 100 Poisson(12), then one count of 500. (A normal component of one
     * row collapses outright, a failed start; a Poisson one is fitted, and is what this names.)
     */
    private static DataMatrix planted(boolean withOutlier) {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 200 + (withOutlier ? 1 : 0);
        double[] v = new double[n];
        for (int i = 0; i < 200; i++) {
            double limit = Math.exp(-(i < 100 ? 2.0 : 12.0));
            int count = 0;
            for (double prod = rng.nextDouble(); prod > limit; prod *= rng.nextDouble()) {
                count++;
            }
            v[i] = count;
        }
        if (withOutlier) {
            v[200] = 500;
        }
        return DataMatrix.of(v, n, 1, null);
    }

    @Test
    void aComponentOfOneRowIsDegenerateAndTwoRealOnesAreNot() {
        MixtureFit<ProductMixture> three = ProductMixtureEstimator.univariate(3, Families.poisson()).fit(planted(true), 0);
        List<DegenerateComponent> d = ProductDegeneracy.of(three.model(), planted(true));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).reasons()).containsExactly(DegenerateComponent.FEW_POINTS);
        assertThat(d.get(0).effectiveCount()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.get(0).message()).contains("fewer than the 2");

        MixtureFit<ProductMixture> two = ProductMixtureEstimator.univariate(2, Families.poisson()).fit(planted(false), 0);
        assertThat(ProductDegeneracy.of(two.model(), planted(false))).isEmpty();
    }
}
