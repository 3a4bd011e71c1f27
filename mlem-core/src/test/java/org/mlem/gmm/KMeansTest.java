package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;

/**
 * The k-means start's fast paths against plain references, exactly (oracle: the one-centre-at-a-time
 * loop written out here; tolerance: none, the same index and the same bits).
 */
class KMeansTest {

    /** One centre at a time, ties to the lowest index: what {@link KMeans#nearest} must return. */
    private static int nearestReference(double[] v, int off, double[] centres, int k, int d) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int q = 0; q < d; q++) {
                double t = v[off + q] - centres[j * d + q];
                s += t * t;
            }
            if (s < bestD) {
                bestD = s;
                best = j;
            }
        }
        return best;
    }

    @Test
    void nearestIsThePlainLoopForEveryKAndDimensionWithTies() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int k = 1; k <= 13; k++) {
            for (int d = 1; d <= 9; d++) {
                double[] centres = new double[k * d];
                for (int i = 0; i < centres.length; i++) {
                    centres[i] = rng.nextInt(3); // few values: centres repeat, so exact ties are common
                }
                double[] v = new double[200 * d];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextBoolean() ? rng.nextInt(3) : rng.nextGaussian() * 1e8;
                }
                for (int r = 0; r < 200; r++) {
                    assertThat(KMeans.nearest(v, r * d, centres, k, d)).as("k=%d d=%d row %d", k, d, r)
                            .isEqualTo(nearestReference(v, r * d, centres, k, d));
                }
            }
        }
    }

    @Test
    void threadsChangeNoLabelAndNoCentreBit() {
        SplittableRandom gen = new SplittableRandom(5);
        int n = 30_001;
        int d = 3;
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = gen.nextGaussian() + 4 * (i / d % 5);
        }
        DataMatrix x = DataMatrix.of(v, n, d, DataMatrix.defaultNames(d));
        KMeans.Result one = KMeans.run(x, 5, 10, new SplittableRandom(2));
        try (BlockReducer three = new BlockReducer(3)) {
            KMeans.Result many = KMeans.run(x, 5, 10, new SplittableRandom(2), three);
            assertThat(many.labels()).isEqualTo(one.labels());
            assertThat(many.centres()).isEqualTo(one.centres());
        }
    }
}
