package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;

/** Fixed parameter groups stay bit-identical through a fit; the others are still estimated. */
class FixedParametersTest {

    private static final DataMatrix X = Mixtures.blobs(800, 2, 3, 21);

    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void eachFixedGroupKeepsItsBits(CovarianceStructure s) {
        GaussianMixture start = GaussianMixtureEstimator.of(3).withCovariance(s)
                .withEm(EmOptions.DEFAULTS.withMaxIterations(1)).fit(X, 2).model();
        for (GmmParameter group : GmmParameter.values()) {
            for (Acceleration acc : Acceleration.values()) {
                MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(3).withCovariance(s)
                        .withInit(new GmmInit.Given(start)).withFixed(Set.of(group))
                        .withEm(EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(15).withAcceleration(acc))
                        .fit(X, 0);
                GaussianMixture m = fit.model();
                switch (group) {
                    case WEIGHTS -> assertThat(bits(m.weights())).containsExactly(bits(start.weights()));
                    case MEANS -> assertThat(bits(flat(m.means()))).containsExactly(bits(flat(start.means())));
                    case COVARIANCES -> {
                        for (int j = 0; j < 3; j++) {
                            assertThat(bits(flat(m.covariance(j)))).containsExactly(bits(flat(start.covariance(j))));
                        }
                    }
                }
                if (group != GmmParameter.MEANS) {
                    assertThat(flat(m.means())).isNotEqualTo(flat(start.means()));
                }
                double[] t = fit.trace();
                for (int i = 1; i < t.length; i++) {
                    assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1] - 1e-9 * Math.max(1, Math.abs(t[i - 1])));
                }
            }
        }
    }

    /** Oracle: with every label known and the means fixed, the covariance is the scatter about those means / n_k. */
    @Test
    void fixedMeansGiveTheScatterAboutThem() {
        int n = X.rows();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = X.get(i, 0) < 1.5 ? 0 : 1;
        }
        GaussianMixture start = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {3, -3}},
                CovarianceStructure.FULL.fromShape(new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}}, 2, 2));
        GaussianMixture m = GaussianMixtureEstimator.of(2).withInit(new GmmInit.Given(start))
                .withFixed(EnumSet.of(GmmParameter.MEANS)).fit(X.withLabels(labels), 0).model();
        double[][] mu = start.means();
        for (int j = 0; j < 2; j++) {
            double[][] s = new double[2][2];
            double count = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == j) {
                    count++;
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            s[a][b] += (X.get(i, a) - mu[j][a]) * (X.get(i, b) - mu[j][b]);
                        }
                    }
                }
            }
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    double want = s[a][b] / count + (a == b ? GaussianMixtureEstimator.DEFAULT_REG_COVAR : 0);
                    assertThat(m.covariance(j)[a][b]).isCloseTo(want, within(1e-12 * (1 + Math.abs(want))));
                }
            }
        }
    }

    @Test
    void fixingNeedsAGivenStart() {
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(2).withFixed(Set.of(GmmParameter.WEIGHTS)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("--init");
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
