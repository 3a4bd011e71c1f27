package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;

/**
 * The t mixture's default E-step path (the Gaussian mixture's distance kernels and
 * {@code Kernels.log1p}) against the plain one ({@code -Dmlem.tmix.estep=plain}: the plain
 * Cholesky kernel and {@link Math#log1p}). Oracle: the plain path in the same JVM; tolerance
 * 1e-12 relative (distances summed in another order, log1p to a few ulps). Same bits on 1 and 2
 * threads for a whole fit on the default path: {@code DfProfileTest.wholeFitSameBitsOnAnyThreadCount}.
 */
class TMixtureFastPathTest {

    private static final TMixture MIXTURE = TMixture.of(new double[] {0.4, 0.35, 0.25},
            new double[][] {{0, 0, 1, 2}, {4, 1, -1, 0}, {-3, 5, 0, 0}},
            new double[][][] {
                {{1, 0.3, 0, 0.1}, {0.3, 2, 0.2, 0}, {0, 0.2, 1, 0}, {0.1, 0, 0, 0.5}},
                {{2, -0.5, 0, 0}, {-0.5, 1, 0, 0}, {0, 0, 3, 0.4}, {0, 0, 0.4, 1}},
                {{1.5, 0, 0, 0}, {0, 1.5, 0, 0}, {0, 0, 1.5, 0}, {0, 0, 0, 1.5}}},
            new double[] {4, 9, 1.5});

    private static DataMatrix rows() {
        return MIXTURE.sample(5000, 17).data();
    }

    @Test
    void jointDensitiesAndDistancesEqualThePlainPath() {
        DataMatrix x = rows();
        int n = x.rows() * 3;
        double[] joint = new double[n];
        double[] maha = new double[n];
        double[] plainJoint = new double[n];
        double[] plainMaha = new double[n];
        MIXTURE.logJoint(x.all(), joint, maha, false);
        MIXTURE.logJoint(x.all(), plainJoint, plainMaha, true);
        for (int i = 0; i < n; i++) {
            assertThat(joint[i]).as("joint %d", i).isCloseTo(plainJoint[i], Offset.offset(1e-12 * Math.max(1, Math.abs(plainJoint[i]))));
            assertThat(maha[i]).as("distance %d", i).isCloseTo(plainMaha[i], Offset.offset(1e-12 * Math.max(1, plainMaha[i])));
        }
    }

    @Test
    void profileLogLikelihoodEqualsThePlainPath() {
        DataMatrix x = rows();
        try (BlockReducer reducer = new BlockReducer(2)) {
            for (int c = 0; c < 3; c++) {
                DfProfile profile = DfProfile.of(MIXTURE, c, x, reducer);
                for (double nu : new double[] {1e-3, 0.7, 2.5, 4, 30, 1e4}) {
                    double want = profile.logLikelihood(nu, true);
                    assertThat(profile.logLikelihood(nu, false)).as("component %d, nu %s", c, nu)
                            .isCloseTo(want, Offset.offset(1e-12 * Math.abs(want)));
                }
            }
        }
    }
}
