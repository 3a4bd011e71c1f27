package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.RowPasses;

/**
 * mclust's default prior and a noise region computed by passes over blocks ({@link RowPasses}: what a
 * cluster's partitions run) equal those computed from the rows in memory. Oracle:
 * {@link GmmPrior#defaults(DataMatrix, int, CovarianceStructure)} and {@link NoiseRegion#of(DataMatrix)}
 * (both checked against mclust in their own tests); tolerance 1e-12 relative (one-pass shifted sums
 * against two-pass ones). Data: 5000 correlated rows (two blocks), some of weight 0 (counted by the
 * prior, not by the region, as on one machine).
 */
class RowPassesTest {
    private static DataMatrix rows() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 5000;
        double[] v = new double[n * 3];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            v[3 * i] = 100 + a;
            v[3 * i + 1] = -3 + 0.8 * a + 0.3 * rng.nextGaussian();
            v[3 * i + 2] = 7 * rng.nextDouble();
            w[i] = i % 97 == 0 ? 0 : 1 + (i % 3);
        }
        return DataMatrix.of(v, n, 3, null).withWeights(w);
    }

    @Test
    void priorFromPassesIsThePriorFromTheRows() {
        DataMatrix x = rows();
        for (CovarianceStructure s : new CovarianceStructure[] {CovarianceStructure.FULL, CovarianceStructure.SPHERICAL}) {
            GmmPrior a = GmmPrior.defaults(RowPasses.of(x), 3, s);
            GmmPrior b = GmmPrior.defaults(x, 3, s);
            assertThat(a.shrinkage()).isEqualTo(b.shrinkage());
            assertThat(a.dof()).isEqualTo(b.dof());
            assertThat(close(a.mean(), b.mean())).isLessThan(1e-12);
            assertThat(close(a.scale(), b.scale())).isLessThan(1e-12);
        }
    }

    @Test
    void regionFromPassesIsTheRegionOfTheRows() {
        DataMatrix x = rows();
        NoiseRegion a = NoiseRegion.of(RowPasses.of(x));
        NoiseRegion b = NoiseRegion.of(x);
        assertThat(a.principal()).isEqualTo(b.principal()).isTrue();
        assertThat(Math.abs(a.logVolume() - b.logVolume()) / Math.abs(b.logVolume())).isLessThan(1e-12);
        assertThat(close(a.lower(), b.lower())).isLessThan(1e-12);
        assertThat(close(a.upper(), b.upper())).isLessThan(1e-12);
        DataMatrix column = DataMatrix.of(new double[] {1, 4, 2, 9}, 4, 1, null);
        assertThat(NoiseRegion.of(RowPasses.of(column)).hypervolume()).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    /** max |a − b| over max |b|. */
    private static double close(double[] a, double[] b) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            err = Math.max(err, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return err / scale;
    }
}
