package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/**
 * Laws of every covariance structure's M-step, mclust's included, on a small random problem
 * (60 rows, 3 columns, 3 components, random responsibilities):
 * <ul>
 *   <li>it maximises the expected complete-data log-likelihood
 *       {@code Q(θ) = Σ_i Σ_j τ_ij [log π_j + log N(x_i | μ_j, Σ_j)]} over the structure: no other
 *       member of the structure (the M-steps of 200 perturbed responsibility matrices, perturbations
 *       from 1e-4 to 0.3) scores higher, within 1e-12 relative;</li>
 *   <li>EM never lowers the log-likelihood: 60 plain iterations from a random start, each at least
 *       the one before within 1e-12 relative.</li>
 * </ul>
 * Oracle: the law itself, Q computed independently here with Hipparchus' Cholesky.
 */
class MclustStepPropertiesTest {
    private static final int N = 60;
    private static final int D = 3;
    private static final int K = 3;

    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void mStepMaximisesTheExpectedCompleteDataLogLikelihood(CovarianceStructure s) {
        SplittableRandom rng = new SplittableRandom(14 + s.ordinal());
        DataMatrix x = data(rng);
        double[][] tau = responsibilities(rng);
        GaussianMixture best = mStep(s, x, tau);
        assertThat(best.structure()).isEqualTo(s);
        double q = expectedLogLikelihood(best, x, tau);
        for (int t = 0; t < 200; t++) {
            double size = Math.pow(10, -4 + 3.5 * rng.nextDouble());
            double[][] other = new double[N][K];
            for (int i = 0; i < N; i++) {
                double sum = 0;
                for (int j = 0; j < K; j++) {
                    other[i][j] = tau[i][j] * Math.exp(size * rng.nextGaussian());
                    sum += other[i][j];
                }
                for (int j = 0; j < K; j++) {
                    other[i][j] /= sum;
                }
            }
            double qOther = expectedLogLikelihood(mStep(s, x, other), x, tau);
            assertThat(qOther).as("%s: a perturbed member (size %s) scores %s over the M-step's %s", s, size, qOther, q)
                    .isLessThanOrEqualTo(q + 1e-12 * Math.abs(q));
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void emNeverLowersTheLogLikelihood(CovarianceStructure s) {
        SplittableRandom rng = new SplittableRandom(41 + s.ordinal());
        DataMatrix x = data(rng);
        GaussianMixture start = mStep(s, x, responsibilities(rng));
        EmOptions em = EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(60).withThreads(1)
                .withAcceleration(Acceleration.NONE);
        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(K).withCovariance(s).withRegCovar(0)
                .withInit(new GmmInit.Given(start)).withEm(em).fit(x, 0);
        double[] trace = fit.trace();
        assertThat(trace.length).isGreaterThan(10);
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("%s: iteration %d", s, t).isGreaterThanOrEqualTo(trace[t - 1] - 1e-12 * Math.abs(trace[t - 1]));
        }
    }

    /**
     * The screening M-step of EVE and VVE ({@link GmmModel#forScreening}: a few MM rounds from the
     * current orientation) is a generalised M-step with the exact one's fixed points: from a
     * model fitted to other responsibilities, Q rises to between that model's Q and the exact
     * M-step's (1e-12 relative); from the exact M-step's own result it returns that result (1e-10
     * on every covariance entry); EM with it never lowers the log-likelihood (1e-12 relative).
     * Oracle: the GEM laws, Q computed here as above.
     */
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"EVE", "VVE"})
    void screeningStepIsAGeneralisedMStepWithTheSameFixedPoints(CovarianceStructure s) {
        SplittableRandom rng = new SplittableRandom(77 + s.ordinal());
        DataMatrix x = data(rng);
        double[][] tau = responsibilities(rng);
        GaussianMixture exact = mStep(s, x, tau);
        double qExact = expectedLogLikelihood(exact, x, tau);
        for (int t = 0; t < 20; t++) {
            GaussianMixture previous = mStep(s, x, responsibilities(rng));
            GaussianMixture screened = step(new GmmModel(s, 0.0).forScreening(), previous, x, tau);
            double q = expectedLogLikelihood(screened, x, tau);
            double qPrevious = expectedLogLikelihood(previous, x, tau);
            assertThat(q).as("%s: Q from the previous model's orientation", s).isGreaterThanOrEqualTo(qPrevious - 1e-12 * Math.abs(qPrevious))
                    .isLessThanOrEqualTo(qExact + 1e-12 * Math.abs(qExact));
        }
        GaussianMixture again = step(new GmmModel(s, 0.0).forScreening(), exact, x, tau);
        for (int j = 0; j < K; j++) {
            double[][] a = again.covariance(j);
            double[][] b = exact.covariance(j);
            for (int r = 0; r < D; r++) {
                for (int c = 0; c < D; c++) {
                    assertThat(a[r][c]).as("%s: component %d (%d, %d)", s, j, r, c).isCloseTo(b[r][c], org.assertj.core.data.Offset.offset(1e-10));
                }
            }
        }
        GaussianMixture m = mStep(s, x, responsibilities(rng));
        GmmModel screening = new GmmModel(s, 0.0).forScreening();
        double before = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 60; t++) {
            double[][] post = m.predictProba(x);
            double ll = java.util.Arrays.stream(m.scoreSamples(x)).sum();
            assertThat(ll).as("%s: screening EM iteration %d", s, t).isGreaterThanOrEqualTo(before - 1e-12 * Math.abs(before));
            before = ll;
            m = step(screening, m, x, post);
        }
    }

    /** {@code model}'s M-step from responsibilities {@code tau}, the current model {@code previous}. */
    private static GaussianMixture step(GmmModel model, GaussianMixture previous, DataMatrix x, double[][] tau) {
        GmmStats stats = model.emptyStats(previous);
        double[] resp = new double[N * K];
        for (int i = 0; i < N; i++) {
            System.arraycopy(tau[i], 0, resp, i * K, K);
        }
        stats.add(x.all(), resp, new double[Covariances.scratchSize(D)]);
        return model.maximize(stats);
    }

    /** Three loose, differently shaped clusters. */
    private static DataMatrix data(SplittableRandom rng) {
        double[][] rows = new double[N][D];
        for (int i = 0; i < N; i++) {
            int c = i % K;
            for (int a = 0; a < D; a++) {
                rows[i][a] = 2.0 * c * (a == c ? 1 : 0.3) + (1 + c + a) * 0.4 * rng.nextGaussian();
            }
            rows[i][1] += 0.5 * rows[i][0];
        }
        return DataMatrix.of(rows);
    }

    private static double[][] responsibilities(SplittableRandom rng) {
        double[][] tau = new double[N][K];
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int j = 0; j < K; j++) {
                tau[i][j] = (j == i % K ? 3 : 0) + rng.nextDouble();
                sum += tau[i][j];
            }
            for (int j = 0; j < K; j++) {
                tau[i][j] /= sum;
            }
        }
        return tau;
    }

    /** The M-step (no ridge) from soft responsibilities. */
    private static GaussianMixture mStep(CovarianceStructure s, DataMatrix x, double[][] tau) {
        GmmModel model = new GmmModel(s, 0.0);
        GmmStats stats = model.emptyStats(K, D, new double[K * D]);
        double[] resp = new double[N * K];
        for (int i = 0; i < N; i++) {
            System.arraycopy(tau[i], 0, resp, i * K, K);
        }
        stats.add(x.all(), resp, new double[Covariances.scratchSize(D)]);
        return model.maximize(stats);
    }

    private static double expectedLogLikelihood(GaussianMixture m, DataMatrix x, double[][] tau) {
        double q = 0;
        for (int j = 0; j < K; j++) {
            RealMatrix sigma = new Array2DRowRealMatrix(m.covariance(j));
            CholeskyDecomposition chol = new CholeskyDecomposition(sigma, 1e-14, 1e-14);
            double logDet = Math.log(chol.getDeterminant());
            RealMatrix inv = chol.getSolver().getInverse();
            double[] mu = m.mean(j);
            for (int i = 0; i < N; i++) {
                double[] r = new double[D];
                for (int a = 0; a < D; a++) {
                    r[a] = x.get(i, a) - mu[a];
                }
                double maha = 0;
                for (int a = 0; a < D; a++) {
                    for (int b = 0; b < D; b++) {
                        maha += r[a] * inv.getEntry(a, b) * r[b];
                    }
                }
                q += tau[i][j] * (Math.log(m.weights()[j]) - 0.5 * (D * Math.log(2 * Math.PI) + logDet + maha));
            }
        }
        return q;
    }
}
