package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * IRLS with the normal-equations steps ({@link NormalEquations}) against the reference, every step
 * by refined Householder QR ({@link Irls.Solver#QR}): same iterations, coefficients to 1e-9
 * (absolute on unit-scale data, as 1e-9 of a standard error of about 0.01), unscaled covariance
 * to 1e-9 relative, deviance to 1e-12 relative. Rows span several parallel chunks; the thread
 * count must not change a bit; ill-conditioned and aliased designs must take the QR fallback.
 */
class NormalEquationsTest {
    private static final int N = 2 * NormalEquations.CHUNK + 1234;

    @Property(tries = 8)
    void fastPathEqualsTheQrReference(@ForAll("families") String family, @ForAll @IntRange(min = 1, max = 8) int p,
            @ForAll long seed) {
        Problem pr = Problem.of(family, N, p, seed);
        Irls.Result ref = pr.fit(Irls.Solver.QR);
        Irls.Result fast = pr.fit(Irls.Solver.NORMAL_EQUATIONS);
        assertThat(fast.iterations()).isEqualTo(ref.iterations());
        assertThat(fast.converged()).isEqualTo(ref.converged());
        assertThat(fast.deviance()).isCloseTo(ref.deviance(), within(1e-12 * ref.deviance()));
        int q = pr.p();
        for (int j = 0; j < q; j++) {
            assertThat(fast.coefficients()[j]).as("coefficient %d", j).isCloseTo(ref.coefficients()[j],
                    within(1e-9 * (1 + Math.abs(ref.coefficients()[j]))));
            for (int k = 0; k < q; k++) {
                double c = ref.unscaledCovariance()[j * q + k];
                double scale = Math.sqrt(ref.unscaledCovariance()[j * q + j] * ref.unscaledCovariance()[k * q + k]);
                assertThat(fast.unscaledCovariance()[j * q + k]).as("covariance %d,%d", j, k).isCloseTo(c,
                        within(1e-9 * scale));
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> families() {
        return net.jqwik.api.Arbitraries.of("binomial", "poisson", "gamma", "negbin", "gaussian");
    }

    /** Law: chunks are summed in a fixed order, so 1 and 3 worker threads give the same bits. */
    @Test
    void threadCountDoesNotChangeABit() throws Exception {
        Problem pr = Problem.of("poisson", N, 6, 11);
        Irls.Result one = inPool(1, () -> pr.fit(Irls.Solver.NORMAL_EQUATIONS));
        Irls.Result three = inPool(3, () -> pr.fit(Irls.Solver.NORMAL_EQUATIONS));
        assertThat(three.coefficients()).isEqualTo(one.coefficients());
        assertThat(three.unscaledCovariance()).isEqualTo(one.unscaledCovariance());
        assertThat(three.deviance()).isEqualTo(one.deviance());
        assertThat(three.mu()).isEqualTo(one.mu());
    }

    /** A repeated column (aliased) and a degree-7 polynomial in 1..200 (cond ~1e11) go to QR. */
    @Test
    void illConditionedOrAliasedDesignsFallBackToQr() {
        int n = 200;
        double[] w = new double[n];
        double[] z = new double[n];
        double[] aliased = new double[n * 3];
        double[] poly = new double[n * 8];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            w[i] = 1;
            z[i] = rng.nextGaussian();
            aliased[i] = 1;
            aliased[n + i] = rng.nextGaussian();
            aliased[2 * n + i] = aliased[n + i];
            for (int j = 0; j < 8; j++) {
                poly[j * n + i] = Math.pow(i + 1, j);
            }
        }
        assertThat(NormalEquations.solve(aliased, n, 3, w, z)).isNull();
        assertThat(NormalEquations.solve(poly, n, 8, w, z)).isNull();
        assertThat(NormalEquations.solve(poly, n, 2, w, z)).isNotNull();
    }

    private static <T> T inPool(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(task).get();
        } finally {
            pool.shutdown();
        }
    }

    /** A seeded GLM problem: intercept and p-1 standard normal columns, response from the family. */
    record Problem(double[] x, int n, int p, double[] y, Family family, Link link) {
        static Problem of(String name, int n, int p, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] x = new double[n * p];
            double[] y = new double[n];
            double[] beta = new double[p];
            for (int j = 0; j < p; j++) {
                beta[j] = j == 0 ? 0.5 : 0.3 * rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    x[j * n + i] = j == 0 ? 1 : rng.nextGaussian();
                    eta += x[j * n + i] * beta[j];
                }
                double mu = Math.exp(eta);
                y[i] = switch (name) {
                    case "binomial" -> rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                    case "gamma" -> mu * -Math.log(rng.nextDouble()) + 1e-3;
                    case "gaussian" -> eta + rng.nextGaussian();
                    default -> poisson(rng, mu);
                };
            }
            Family family = switch (name) {
                case "binomial" -> new Family.Binomial();
                case "poisson" -> new Family.Poisson();
                case "gamma" -> new Family.GammaFamily();
                case "gaussian" -> new Family.Gaussian();
                default -> new Family.NegativeBinomial(3);
            };
            Link link = name.equals("gamma") ? Link.LOG : family.defaultLink();
            return new Problem(x, n, p, y, family, link);
        }

        Irls.Result fit(Irls.Solver solver) {
            double[] wt = new double[n];
            java.util.Arrays.fill(wt, 1);
            return Irls.fit(x, n, p, y, wt, new double[n], family, link, GlmOptions.DEFAULTS, null, solver);
        }

        private static double poisson(SplittableRandom rng, double mu) {
            double l = Math.exp(-mu);
            double prod = rng.nextDouble();
            int k = 0;
            while (prod > l) {
                prod *= rng.nextDouble();
                k++;
            }
            return k;
        }
    }
}
