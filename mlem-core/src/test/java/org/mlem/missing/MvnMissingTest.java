package org.mlem.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.Tolerances;

class MvnMissingTest {

    /**
     * Oracle: an independent numpy EM (tools/reference/mvn_missing_em.py) on R's airquality, with
     * scipy's multivariate_normal for the observed-data log-likelihood. Tolerance 1e-8 relative.
     */
    @Test
    void agreesWithTheIndependentReferenceOnAirquality() throws Exception {
        JsonNode fx = Fixtures.json("missing/mvn_airquality.json");
        DataMatrix x = Fixtures.csv("data/airquality.csv");
        MvnFit one = new MvnMissingEstimator(EmOptions.DEFAULTS.withMaxIterations(1).withTolerance(0)).fit(x);
        assertThat(one.missingCells()).isEqualTo(fx.get("missingCells").asLong());
        assertClose(one.trace()[0], fx.at("/start/logLikelihood").asDouble());
        assertMatches(one, fx.get("oneIteration"));
        int iterations = fx.at("/converged/iterations").asInt();
        MvnFit conv = new MvnMissingEstimator(EmOptions.DEFAULTS.withMaxIterations(iterations).withTolerance(0)).fit(x);
        assertMatches(conv, fx.get("converged"));
        MvnFit fast = new MvnMissingEstimator(MvnMissingEstimator.DEFAULT_OPTIONS.withAcceleration(Acceleration.SQUAREM)).fit(x);
        assertThat(fast.converged()).isTrue();
        assertThat(Tolerances.relativeError(fast.logLikelihood(), conv.logLikelihood(), 0)).isLessThan(1e-10);
    }

    private static void assertMatches(MvnFit fit, JsonNode want) throws Exception {
        assertClose(fit.logLikelihood(), want.get("logLikelihood").asDouble());
        double[] mean = Fixtures.JSON.treeToValue(want.get("mean"), double[].class);
        double[][] cov = Fixtures.JSON.treeToValue(want.get("covariance"), double[][].class);
        double[] gotMean = fit.parameters().mean();
        double[][] gotCov = fit.parameters().covariance();
        for (int a = 0; a < mean.length; a++) {
            assertClose(gotMean[a], mean[a]);
            for (int b = 0; b < mean.length; b++) {
                double floor = Math.sqrt(cov[a][a] * cov[b][b]);
                assertThat(Tolerances.relativeError(gotCov[a][b], cov[a][b], floor)).isLessThan(Tolerances.EXTERNAL);
            }
        }
    }

    private static void assertClose(double got, double want) {
        assertThat(Tolerances.relativeError(got, want, 0)).as("got %s, reference %s", got, want)
                .isLessThan(Tolerances.EXTERNAL);
    }

    /**
     * Oracle: brute force — the observed-data density of a row is the joint density integrated
     * over its missing cell (Simpson's rule on ±12 sd, 4,001 points). Tolerance 1e-9 relative.
     */
    @Test
    void observedDataLikelihoodIsTheIntegralOverTheMissingCells() {
        double[] mu = {1.0, -2.0};
        double[][] cov = {{2.0, 0.9}, {0.9, 1.5}};
        MvnParameters p = MvnParameters.of(mu, cov);
        double[][] rows = {{0.3, Double.NaN}, {Double.NaN, -1.1}, {2.0, -2.5}};
        DataMatrix x = DataMatrix.of(rows);
        double got = new MvnMissingModel().accumulate(p, x.all(), new MvnStats(p.meanFlat()));
        double want = 0;
        for (double[] r : rows) {
            if (!Double.isNaN(r[0]) && !Double.isNaN(r[1])) {
                want += Math.log(Mixtures.bivariateNormalDensity(r[0], r[1], mu, cov));
                continue;
            }
            int m = Double.isNaN(r[0]) ? 0 : 1;
            double sd = Math.sqrt(cov[m][m]);
            double lo = mu[m] - 12 * sd;
            double hi = mu[m] + 12 * sd;
            int steps = 4000;
            double h = (hi - lo) / steps;
            double s = 0;
            for (int i = 0; i <= steps; i++) {
                double t = lo + i * h;
                double f = m == 0 ? Mixtures.bivariateNormalDensity(t, r[1], mu, cov) : Mixtures.bivariateNormalDensity(r[0], t, mu, cov);
                s += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
            }
            want += Math.log(s * h / 3);
        }
        assertThat(got).isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
    }

    /** Oracle: with nothing missing, the MLE is the sample mean and divisor-n covariance (1e-12). */
    @Test
    void completeDataGivesTheClosedFormMle() {
        DataMatrix x = Mixtures.blobs(500, 3, 1, 3);
        MvnFit fit = MvnMissingEstimator.defaults().fit(x);
        assertThat(fit.missingCells()).isZero();
        double[] mean = new double[3];
        for (int i = 0; i < 500; i++) {
            for (int a = 0; a < 3; a++) {
                mean[a] += x.get(i, a) / 500;
            }
        }
        for (int a = 0; a < 3; a++) {
            assertThat(fit.parameters().mean()[a]).isCloseTo(mean[a], within(1e-12));
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int i = 0; i < 500; i++) {
                    s += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]) / 500;
                }
                assertThat(fit.parameters().covariance()[a][b]).isCloseTo(s, within(1e-12));
            }
        }
    }

    /** EM's law on random data with random holes (slack 1e-9 relative). */
    @Property(tries = 40)
    void logLikelihoodNeverDecreases(@ForAll @IntRange(min = 30, max = 300) int n, @ForAll @IntRange(min = 2, max = 5) int d,
            @ForAll @DoubleRange(min = 0.0, max = 0.4) double holes, @ForAll long seed) {
        DataMatrix x = withHoles(correlated(n, d, seed), holes, seed);
        MvnFit fit = new MvnMissingEstimator(EmOptions.DEFAULTS.withMaxIterations(25).withTolerance(0)).fit(x);
        double[] t = fit.trace();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1] - 1e-9 * Math.max(1, Math.abs(t[i - 1])));
        }
    }

    /** Recovery (rtol 0.1 tier): 20,000 correlated rows, 30% of cells missing at random. */
    @Test
    void recoversMeanAndCovarianceUnderMissingness() {
        DataMatrix full = correlated(20_000, 3, 8);
        MvnFit truth = MvnMissingEstimator.defaults().fit(full);
        MvnFit fit = MvnMissingEstimator.defaults().fit(withHoles(full, 0.3, 9));
        for (int a = 0; a < 3; a++) {
            assertThat(fit.parameters().mean()[a]).isCloseTo(truth.parameters().mean()[a], within(0.05));
            for (int b = 0; b < 3; b++) {
                assertThat(fit.parameters().covariance()[a][b])
                        .isCloseTo(truth.parameters().covariance()[a][b], within(0.1));
            }
        }
        DataMatrix imputed = MvnMissingEstimator.impute(fit.parameters(), withHoles(full, 0.3, 9));
        for (int i = 0; i < 100; i++) {
            for (int a = 0; a < 3; a++) {
                assertThat(Double.isFinite(imputed.get(i, a))).isTrue();
            }
        }
    }

    @Test
    void imputationIsTheConditionalMean() {
        double[][] cov = {{4, 2}, {2, 3}};
        MvnParameters p = MvnParameters.of(new double[] {1, 2}, cov);
        DataMatrix x = DataMatrix.of(new double[][] {{3, Double.NaN}, {Double.NaN, 5}});
        DataMatrix got = MvnMissingEstimator.impute(p, x);
        // closed form: E[x2 | x1] = μ2 + Σ21/Σ11 (x1 − μ1)
        assertThat(got.get(0, 1)).isCloseTo(2 + 2.0 / 4 * (3 - 1), within(1e-14));
        assertThat(got.get(1, 0)).isCloseTo(1 + 2.0 / 3 * (5 - 2), within(1e-14));
        assertThat(got.get(0, 0)).isEqualTo(3);
    }

    @Test
    void badInputNamesTheRow() {
        DataMatrix empty = DataMatrix.of(new double[][] {{1, 2}, {Double.NaN, Double.NaN}, {3, 1}});
        assertThatThrownBy(() -> MvnMissingEstimator.defaults().fit(empty)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2 has every cell missing");
        DataMatrix inf = DataMatrix.of(new double[][] {{1, 2}, {2, Double.POSITIVE_INFINITY}, {3, 1}});
        assertThatThrownBy(() -> MvnMissingEstimator.defaults().fit(inf)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2").hasMessageContaining("infinite");
    }

    static DataMatrix correlated(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            double common = rng.nextGaussian();
            for (int a = 0; a < d; a++) {
                v[i * d + a] = a + common * (1 + 0.3 * a) + rng.nextGaussian() * 0.7;
            }
        }
        return DataMatrix.of(v, n, d, null);
    }

    static DataMatrix withHoles(DataMatrix x, double fraction, long seed) {
        return org.mlem.testkit.Mixtures.holes(x, fraction, (seed ^ 0x5DEECE66DL) - 17); // the cells this test always emptied
    }
}
