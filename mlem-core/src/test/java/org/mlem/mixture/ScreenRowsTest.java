package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/**
 * The first start screened on distinct weighted rows ({@link ProductMixtureEstimator#screenRows})
 * against the reference, the evenly spaced sample's rows as they are
 * ({@code -Dmlem.mixture.screen=plain}). The candidates are other draws, so the oracle is the
 * plain path's answer: from every seed the fast start ends at a log-likelihood at least the plain
 * one's, less 1e-9 relative (EM's stopping rule resolves about 1e-8), on latent-class and Poisson
 * tables that repeat rows as the bench's do.
 */
class ScreenRowsTest {
    private static final EmOptions ONE_START = EmOptions.DEFAULTS.withRestarts(1);

    @Test
    void latentClassStartsEndAsHighAsThePlainScreen() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] p = {{0.9, 0.8, 0.8, 0.7, 0.2, 0.1, 0.2, 0.3}, {0.1, 0.2, 0.3, 0.2, 0.8, 0.9, 0.7, 0.8},
            {0.5, 0.6, 0.4, 0.5, 0.5, 0.4, 0.6, 0.5}};
        double[][] rows = new double[2_500][8];
        for (double[] r : rows) {
            double u = rng.nextDouble();
            int c = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            for (int a = 0; a < 8; a++) {
                r[a] = rng.nextDouble() < p[c][a] ? 1 : 0;
            }
        }
        DataMatrix x = DataMatrix.of(rows);
        assertThat(ProductMixtureEstimator.screenRows(ProductMixtureEstimator.distinct(x), x, x).rows())
                .as("the fast path screens on the distinct rows").isLessThanOrEqualTo(256);
        assertAsHigh(ProductMixtureEstimator.sameFamily(3, Families.bernoulli(), 8).withEm(ONE_START), x);
    }

    @Test
    void poissonStartsEndAsHighAsThePlainScreen() {
        SplittableRandom rng = new SplittableRandom(6);
        double[][] lambda = {{1, 2, 6}, {5, 1, 2}, {3, 8, 1}};
        double[][] rows = new double[2_500][3];
        for (double[] r : rows) {
            int c = rng.nextInt(3);
            for (int a = 0; a < 3; a++) {
                r[a] = Families.poisson().of(lambda[c][a]).sample(rng);
            }
        }
        DataMatrix x = DataMatrix.of(rows);
        assertThat(ProductMixtureEstimator.distinct(x).rows()).isLessThan(x.rows() / 2);
        assertAsHigh(ProductMixtureEstimator.sameFamily(3, Families.poisson(), 3).withEm(ONE_START), x);
    }

    private static void assertAsHigh(ProductMixtureEstimator est, DataMatrix x) {
        for (long seed = 0; seed < 3; seed++) {
            MixtureFit<ProductMixture> fast = est.fit(x, seed, EmListener.NONE, false, false);
            MixtureFit<ProductMixture> plain = est.fit(x, seed, EmListener.NONE, false, true);
            assertThat(fast.logLikelihood()).as("seed %d", seed)
                    .isGreaterThanOrEqualTo(plain.logLikelihood() - 1e-9 * Math.abs(plain.logLikelihood()));
        }
    }
}
