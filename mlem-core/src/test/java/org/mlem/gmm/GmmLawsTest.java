package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;

/** Laws every Gaussian-mixture fit must obey. */
class GmmLawsTest {

    private static final DataMatrix BLOBS = Mixtures.blobs(600, 3, 3, 42);

    /** Oracle: closed-form class proportions, means and (divisor-n) covariances; tolerance 1e-12 relative. */
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"FULL", "TIED", "DIAG", "SPHERICAL"}) // mclust's: MclustModelsTest
    void fullyLabelledFitIsTheClosedFormMle(CovarianceStructure structure) {
        int n = BLOBS.rows();
        int d = BLOBS.cols();
        int k = 3;
        int[] labels = new int[n];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
        }
        double reg = 1e-6;
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(k).withCovariance(structure).withRegCovar(reg)
                .fit(BLOBS.withLabels(labels), 0);
        assertThat(fit.iterations()).isEqualTo(1);
        assertThat(fit.converged()).isTrue();
        GaussianMixture m = fit.model();
        double[][] mean = new double[k][d];
        double[] count = new double[k];
        for (int i = 0; i < n; i++) {
            count[labels[i]]++;
            for (int a = 0; a < d; a++) {
                mean[labels[i]][a] += BLOBS.get(i, a);
            }
        }
        double[][][] cov = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                mean[j][a] /= count[j];
            }
        }
        for (int i = 0; i < n; i++) {
            int j = labels[i];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[j][a][b] += (BLOBS.get(i, a) - mean[j][a]) * (BLOBS.get(i, b) - mean[j][b]);
                }
            }
        }
        for (int j = 0; j < k; j++) {
            assertThat(m.weights()[j]).isCloseTo(count[j] / n, within(1e-12));
            for (int a = 0; a < d; a++) {
                assertThat(m.mean(j)[a]).isCloseTo(mean[j][a], within(1e-12 * (1 + Math.abs(mean[j][a]))));
            }
        }
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double want = expectedCovariance(structure, cov, count, j, a, b, n, d) + (a == b ? reg : 0);
                    double got = m.covariance(j)[a][b];
                    assertThat(got).isCloseTo(want, within(1e-12 * (1 + Math.abs(want))));
                }
            }
        }
    }

    private static double expectedCovariance(CovarianceStructure s, double[][][] scatter, double[] count, int j, int a,
            int b, int n, int d) {
        return switch (s) {
            case FULL -> scatter[j][a][b] / count[j];
            case TIED -> {
                double t = 0;
                for (int q = 0; q < scatter.length; q++) {
                    t += scatter[q][a][b];
                }
                yield t / n;
            }
            case DIAG -> a == b ? scatter[j][a][a] / count[j] : 0;
            case SPHERICAL -> {
                double t = 0;
                for (int q = 0; q < d; q++) {
                    t += scatter[j][q][q] / count[j];
                }
                yield a == b ? t / d : 0;
            }
            default -> throw new IllegalArgumentException("no closed form here for " + s);
        };
    }

    /** Oracle: frequency weights mean repeated rows; tolerance 1e-10 relative (summation order differs). */
    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void integerWeightsEqualRepeatedRows(CovarianceStructure structure) {
        int n = 300;
        DataMatrix x = Mixtures.blobs(n, 2, 2, 7);
        int[] counts = new int[n];
        double[] w = new double[n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            counts[i] = rng.nextInt(4);
            w[i] = counts[i];
        }
        DataMatrix repeated = Mixtures.select(x, Mixtures.repeatByWeights(counts));
        GaussianMixture start = GaussianMixtureEstimator.of(2).withCovariance(structure)
                .withEm(EmOptions.DEFAULTS.withMaxIterations(1)).fit(x, 3).model();
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(2).withCovariance(structure)
                .withInit(new GmmInit.Given(start)).withEm(EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(25));
        MixtureFit<GaussianMixture> weighted = est.fit(x.withWeights(w), 0);
        MixtureFit<GaussianMixture> rep = est.fit(repeated, 0);
        assertThat(weighted.logLikelihood()).isCloseTo(rep.logLikelihood(), within(1e-10 * Math.abs(rep.logLikelihood())));
        assertThat(weighted.totalWeight()).isEqualTo(repeated.rows());
        assertSameMixture(weighted.model(), rep.model(), 1e-10);
    }

    /** Oracle: bit identity; the reduction order does not depend on the thread count. */
    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void sameSeedGivesTheSameBitsOnOneAndTwoThreads(CovarianceStructure structure) {
        DataMatrix x = Mixtures.blobs(30_000, 3, 3, 5); // 15 blocks, 4 groups: real parallel merging
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(3).withCovariance(structure)
                .withEm(EmOptions.DEFAULTS.withMaxIterations(8).withTolerance(0).withRestarts(2));
        MixtureFit<GaussianMixture> one = est.withEm(est.em().withThreads(1)).fit(x, 77);
        MixtureFit<GaussianMixture> two = est.withEm(est.em().withThreads(2)).fit(x, 77);
        assertThat(Double.doubleToRawLongBits(one.logLikelihood())).isEqualTo(Double.doubleToRawLongBits(two.logLikelihood()));
        assertThat(one.trace()).containsExactly(two.trace());
        assertSameMixture(one.model(), two.model(), 0.0);
    }

    /** Oracle: probability axioms; 1e-12. And predict is the argmax of predictProba. */
    @Test
    void responsibilitiesSumToOneAndPredictIsTheirArgmax() {
        GaussianMixture m = GaussianMixtureEstimator.of(3).fit(BLOBS, 1).model();
        double[][] p = m.predictProba(BLOBS);
        int[] hard = m.predict(BLOBS);
        for (int i = 0; i < p.length; i++) {
            double s = 0;
            int arg = 0;
            for (int j = 0; j < 3; j++) {
                s += p[i][j];
                if (p[i][j] > p[i][arg]) {
                    arg = j;
                }
                assertThat(p[i][j]).isBetween(0.0, 1.0);
            }
            assertThat(s).isCloseTo(1.0, within(1e-12));
            assertThat(hard[i]).isEqualTo(arg);
        }
        double[] ls = m.scoreSamples(BLOBS);
        double total = 0;
        for (double v : ls) {
            total += v;
        }
        assertThat(m.score(BLOBS)).isCloseTo(total / BLOBS.rows(), within(1e-12));
    }

    /** Oracle: scikit-learn's _n_parameters table. */
    @ParameterizedTest
    @CsvSource({"FULL,3,4,44", "TIED,3,4,24", "DIAG,3,4,26", "SPHERICAL,3,4,17", "FULL,1,1,2", "DIAG,5,2,24"})
    void parameterCountsMatchScikitLearn(CovarianceStructure s, int k, int d, int expected) {
        GaussianMixture m = Mixtures.wellSeparated(k, d, s, 1);
        assertThat(m.nParameters()).isEqualTo(expected);
    }

    /** Oracle: the best of R starts is at least as good as each single start. */
    @Test
    void bestOfRestartsIsAtLeastEveryStart() {
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(4)
                .withEm(EmOptions.DEFAULTS.withRestarts(5)).fit(BLOBS, 3);
        for (double ll : fit.startLogLikelihoods()) {
            assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(ll);
        }
        assertThat(fit.logLikelihood()).isEqualTo(fit.startLogLikelihoods()[fit.bestStart()]);
    }

    /** Oracle: a row repeated exactly and a constant column still fit through regCovar; the variance is regCovar. */
    @Test
    void zeroVarianceColumnAndDuplicatedRowsFit() {
        double[] v = new double[200 * 2];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            v[2 * i] = i < 100 ? 0 : 5 + rng.nextGaussian();
            v[2 * i + 1] = 3.0;
        }
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(2).fit(DataMatrix.of(v, 200, 2, List.of("a", "b")), 0);
        GaussianMixture m = fit.model();
        int spike = m.mean(0)[0] < 1 ? 0 : 1;
        assertThat(m.covariance(spike)[1][1]).isCloseTo(1e-6, within(1e-12));
        assertThat(m.covariance(spike)[0][0]).isCloseTo(1e-6, within(1e-12));
    }

    @Test
    void aCollapsingComponentIsReportedWithTheFix() {
        double[] v = new double[40];
        for (int i = 0; i < 40; i++) {
            v[i] = i < 20 ? 1.0 : 2.0 + i * 0.01;
        }
        DataMatrix x = DataMatrix.of(v, 40, 1, null);
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(2).withRegCovar(0).fit(x, 0))
                .isInstanceOf(DegenerateComponentException.class)
                .hasMessageContaining("not positive definite").hasMessageContaining("increase regCovar");
    }

    @Test
    void badInputsAreUserErrorsNamingTheProblem() {
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("at least 1");
        DataMatrix three = DataMatrix.of(new double[][] {{1}, {1}, {2}, {2}});
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(3).fit(three, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("only 2 distinct rows");
        DataMatrix nan = DataMatrix.of(new double[][] {{1}, {Double.NaN}, {2}});
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(1).fit(nan, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2").hasMessageContaining("missing");
        DataMatrix labelled = BLOBS.withLabels(labelsWith(BLOBS.rows(), 5));
        assertThatThrownBy(() -> GaussianMixtureEstimator.of(3).fit(labelled, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("outside the k=3 classes");
        assertThatThrownBy(() -> BLOBS.withWeights(negativeWeight(BLOBS.rows()))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 4");
    }

    private static int[] labelsWith(int n, int bad) {
        int[] l = new int[n];
        java.util.Arrays.fill(l, -1);
        l[10] = bad;
        return l;
    }

    private static double[] negativeWeight(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        w[3] = -1;
        return w;
    }

    static void assertSameMixture(GaussianMixture a, GaussianMixture b, double rtol) {
        assertThat(a.components()).isEqualTo(b.components());
        for (int j = 0; j < a.components(); j++) {
            assertThat(a.weights()[j]).isCloseTo(b.weights()[j], within(rtol * Math.abs(b.weights()[j])));
            for (int p = 0; p < a.dimension(); p++) {
                assertThat(a.mean(j)[p]).isCloseTo(b.mean(j)[p], within(rtol * Math.max(1, Math.abs(b.mean(j)[p]))));
                for (int q = 0; q < a.dimension(); q++) {
                    double want = b.covariance(j)[p][q];
                    assertThat(a.covariance(j)[p][q]).isCloseTo(want, within(rtol * Math.max(1, Math.abs(want))));
                }
            }
        }
    }
}
