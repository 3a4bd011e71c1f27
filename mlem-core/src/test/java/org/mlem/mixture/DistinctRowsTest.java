package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Tolerances;

/**
 * EM over a table's distinct rows weighted by their copies ({@link DataMatrix#distinctWeighted},
 * {@link ProductMixtureEstimator#distinct}) against EM over every row (the reference path,
 * {@code -Dmlem.mixture.distinct=plain}): the same weighted sums (brute force), and the same fit
 * from the same seed to 1e-10 relative in ℓ and 1e-8 in the parameters, with the same iterations.
 */
class DistinctRowsTest {
    /** The screened first start and one em-EM start: both of EM's row sets are exercised (distinct and screening). */
    private static final EmOptions TWO_STARTS = EmOptions.DEFAULTS.withRestarts(2);

    /** n rows of d binary columns from 2 latent classes, with frequency weights 1..3 when {@code weighted}. */
    private static DataMatrix binary(int n, int d, long seed, boolean weighted) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            boolean first = rng.nextDouble() < 0.6;
            for (int a = 0; a < d; a++) {
                rows[i][a] = rng.nextDouble() < (first ? 0.15 + 0.1 * a : 0.85 - 0.1 * a) ? 1 : 0;
            }
            w[i] = 1 + rng.nextInt(3);
        }
        DataMatrix x = DataMatrix.of(rows);
        return weighted ? x.withWeights(w) : x;
    }

    @Test
    void distinctRowsKeepEveryWeightedSum() {
        DataMatrix x = binary(5_000, 6, 1, true);
        DataMatrix u = x.distinctWeighted(x.rows());
        assertThat(u.rows()).isLessThanOrEqualTo(64).isGreaterThan(32);
        assertThat(u.totalWeight()).isEqualTo(x.totalWeight());
        for (int a = 0; a < x.cols(); a++) { // Σ w x_a and Σ w x_a x_{a+1}, brute force over the rows
            double want = 0;
            double want2 = 0;
            for (int i = 0; i < x.rows(); i++) {
                want += x.weight(i) * x.get(i, a);
                want2 += x.weight(i) * x.get(i, a) * x.get(i, (a + 1) % x.cols());
            }
            double got = 0;
            double got2 = 0;
            for (int i = 0; i < u.rows(); i++) {
                got += u.weight(i) * u.get(i, a);
                got2 += u.weight(i) * u.get(i, a) * u.get(i, (a + 1) % u.cols());
            }
            assertThat(got).isEqualTo(want); // integer sums: exact
            assertThat(got2).isEqualTo(want2);
        }
        assertThat(x.distinctWeighted(10)).as("more distinct rows than the limit").isNull();
        assertThat(x.withLabels(new int[x.rows()]).distinctWeighted(x.rows())).as("labelled rows").isNull();
    }

    @Test
    void latentClassFitOverDistinctRowsIsTheFitOverEveryRow() {
        DataMatrix x = binary(2_000, 6, 2, false);
        ProductMixtureEstimator est = ProductMixtureEstimator.sameFamily(2, Families.bernoulli(), 6).withEm(TWO_STARTS);
        assertSameFit(est.fit(x, 7, EmListener.NONE, false, true), est.fit(x, 7, EmListener.NONE, true, true));
    }

    @Test
    void poissonFitOverDistinctRowsIsTheFitOverEveryRow() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] rows = new double[2_000][2];
        for (double[] r : rows) {
            boolean first = rng.nextDouble() < 0.5;
            for (int a = 0; a < 2; a++) {
                r[a] = Families.poisson().of(first ? 1.5 + a : 7 - a).sample(rng);
            }
        }
        DataMatrix x = DataMatrix.of(rows);
        ProductMixtureEstimator est = ProductMixtureEstimator.sameFamily(2, Families.poisson(), 2).withEm(TWO_STARTS);
        assertThat(ProductMixtureEstimator.distinct(x).rows()).isLessThan(x.rows() / 10); // the fast path ran
        assertSameFit(est.fit(x, 11, EmListener.NONE, false, true), est.fit(x, 11, EmListener.NONE, true, true));
    }

    /**
     * Every start ends at the same log-likelihood (1e-10), and the kept fit is the same mixture: the
     * same log-likelihood, iterations and weights up to the components' order (two starts that end
     * at one maximum under two labellings tie to rounding, and either may be kept).
     */
    private static void assertSameFit(MixtureFit<ProductMixture> fast, MixtureFit<ProductMixture> plain) {
        double[] fs = fast.startLogLikelihoods();
        double[] ps = plain.startLogLikelihoods();
        assertThat(fs).hasSameSizeAs(ps);
        for (int r = 0; r < fs.length; r++) {
            assertThat(Tolerances.relativeError(fs[r], ps[r], 0)).as("start %d", r).isLessThan(1e-10);
        }
        assertThat(Tolerances.relativeError(fast.logLikelihood(), plain.logLikelihood(), 0)).isLessThan(1e-10);
        assertThat(fast.iterations()).isEqualTo(plain.iterations());
        assertThat(fast.rows()).isEqualTo(plain.rows());
        double[] a = fast.model().weights().clone();
        double[] b = plain.model().weights().clone();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        for (int j = 0; j < a.length; j++) {
            assertThat(Math.abs(a[j] - b[j])).as("weights %s and %s", java.util.Arrays.toString(fast.model().weights()),
                    java.util.Arrays.toString(plain.model().weights())).isLessThan(1e-8);
        }
    }
}
