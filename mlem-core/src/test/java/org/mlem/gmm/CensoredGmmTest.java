package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Gaussian mixtures with censored cells ({@link CensoredGmmEstimator}).
 *
 * <p>Oracle: an independent numpy/scipy EM (tools/reference/censored_gmm_numpy.py: explicit
 * inverses, scipy's normal CDFs and scipy.stats.truncnorm's moments) on iris with detection limits
 * (petal width ≤ 0.2 left-censored, sepal length ≥ 7.0 right-censored, and for the diagonal and
 * spherical models petal length in (4.0, 4.5] interval-censored; for iris_full_joint petal length
 * ≤ 1.4 left-censored as well, so 18 rows have two correlated censored cells, whose moments numpy
 * takes by brute-force quadrature), from the same given start, after 1, 5 and 25 iterations and
 * at numpy's convergence. Both sides compute the same closed forms in
 * double precision (measured: ℓ within 6e-16 relative, means within 2e-13 at convergence), so the
 * tolerance is 1e-12 relative on ℓ (tighter than {@link Tolerances#EXTERNAL}) and 1e-10 relative
 * (floor 1e-9) on weights, means and covariances.
 */
class CensoredGmmTest {
    private static final double ORACLE_LL = 1e-12;
    private static final double ORACLE_PARAMETERS = 1e-10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iris_diag", "iris_spherical", "iris_full", "iris_full_joint"})
    void sameIteratesAsNumpy(String name) throws Exception {
        JsonNode fx = Fixtures.json("censgmm/" + name + ".json");
        Case c = Case.of(fx);
        GaussianMixture start = SklearnAgreementTest.mixture(fx.get("start"), c.structure, c.k, c.data.cols());
        JsonNode after = fx.get("after");
        for (String when : List.of("1", "5", "25", "converged")) {
            JsonNode want = after.get(when);
            int m = want.has("iterations") ? want.get("iterations").asInt() : Integer.parseInt(when);
            MixtureFit<GaussianMixture> fit = c.estimator(new GmmInit.Given(start), plain(m)).fit(c.data, 0);
            assertThat(fit.iterations()).isEqualTo(m);
            assertClose(fit.logLikelihood(), want.get("logLikelihood").asDouble(), ORACLE_LL, name + " ℓ after " + when);
            GaussianMixture ref = SklearnAgreementTest.mixture(want, c.structure, c.k, c.data.cols());
            for (int j = 0; j < c.k; j++) {
                assertClose(fit.model().weights()[j], ref.weights()[j], ORACLE_PARAMETERS, name + " weight " + j + " after " + when);
                for (int a = 0; a < c.data.cols(); a++) {
                    assertClose(fit.model().mean(j)[a], ref.mean(j)[a], ORACLE_PARAMETERS, name + " mean " + j + "," + a + " after " + when);
                    for (int b = 0; b < c.data.cols(); b++) {
                        assertClose(fit.model().covariance(j)[a][b], ref.covariance(j)[a][b], ORACLE_PARAMETERS,
                                name + " covariance " + j + "," + a + "," + b + " after " + when);
                    }
                }
            }
            if (when.equals("25")) {
                double[] trace = fit.trace();
                for (int t = 0; t < trace.length; t++) {
                    assertClose(trace[t], fx.get("trace").get(t).asDouble(), ORACLE_LL, name + " trace " + t);
                }
            }
        }
    }

    /**
     * EM never lowers ℓ (plain EM from k-means++ starts, to convergence; regCovar 0, since the
     * ridge makes the M-step inexact and ℓ may then fall by ~1e-12 relative near the maximum), to
     * rounding (1e-13 relative); the E-step's ℓ of the fitted model is the fit's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iris_diag", "iris_full", "iris_full_joint"})
    void emNeverLowersTheLikelihood(String name) {
        Case c = Case.of(Fixtures.json("censgmm/" + name + ".json"));
        GaussianMixtureEstimator base = c.base().withRegCovar(0).withEm(EmOptions.DEFAULTS
                .withAcceleration(Acceleration.NONE).withRestarts(3).withTolerance(1e-10));
        MixtureFit<GaussianMixture> fit = new CensoredGmmEstimator(base, c.cells).fit(c.data, 7);
        double[] trace = fit.trace();
        assertThat(trace.length).isGreaterThan(5);
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("ℓ at iteration " + t).isGreaterThanOrEqualTo(trace[t - 1] - 1e-13 * Math.abs(trace[t - 1]));
        }
        assertThat(new CensoredGmmEstimator(base, c.cells).logLikelihood(fit.model(), c.data))
                .isCloseTo(fit.logLikelihood(), org.assertj.core.data.Offset.offset(1e-9));
    }

    /** No censored cell: the plain Gaussian mixture's fit, bit for bit. */
    @Test
    void noCensoredCellIsThePlainFit() {
        Case c = Case.of(Fixtures.json("censgmm/iris_diag.json"));
        DataMatrix x = c.cells.filled(c.data);
        GaussianMixtureEstimator base = c.base().withEm(EmOptions.DEFAULTS.withRestarts(2));
        MixtureFit<GaussianMixture> plain = base.fit(x, 3);
        MixtureFit<GaussianMixture> censored = new CensoredGmmEstimator(base, CensoredCells.none(x.rows(), x.cols())).fit(x, 3);
        assertThat(censored.logLikelihood()).isEqualTo(plain.logLikelihood());
        assertThat(censored.model().meansFlat()).containsExactly(plain.model().meansFlat());
        assertThat(censored.trace()).containsExactly(plain.trace());
    }

    /**
     * Integer weights are repeated rows: weight 2 on every third row equals those rows written
     * twice (same given start, 30 plain iterations; ℓ and means to 1e-10 relative: only the order
     * of the sums differs).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iris_full", "iris_full_joint"})
    void integerWeightsAreRepeatedRows(String name) throws Exception {
        JsonNode fx = Fixtures.json("censgmm/" + name + ".json");
        Case c = Case.of(fx);
        int n = c.data.rows();
        int d = c.data.cols();
        double[] w = new double[n];
        int extra = 0;
        for (int i = 0; i < n; i++) {
            w[i] = i % 3 == 0 ? 2 : 1;
            extra += i % 3 == 0 ? 1 : 0;
        }
        double[] v = new double[(n + extra) * d];
        double[] lo = new double[(n + extra) * d];
        double[] hi = new double[(n + extra) * d];
        int r = 0;
        for (int i = 0; i < n; i++) {
            for (int copy = 0; copy < w[i]; copy++, r++) {
                for (int a = 0; a < d; a++) {
                    v[r * d + a] = c.data.get(i, a);
                    lo[r * d + a] = c.cells.lower(i, a);
                    hi[r * d + a] = c.cells.upper(i, a);
                }
            }
        }
        GaussianMixture start = SklearnAgreementTest.mixture(fx.get("start"), c.structure, c.k, d);
        GaussianMixtureEstimator base = c.base().withInit(new GmmInit.Given(start)).withEm(plain(30));
        MixtureFit<GaussianMixture> weighted = new CensoredGmmEstimator(base, c.cells).fit(c.data.withWeights(w), 0);
        MixtureFit<GaussianMixture> repeated = new CensoredGmmEstimator(base, new CensoredCells(r, d, lo, hi))
                .fit(DataMatrix.of(v, r, d, null), 0);
        assertClose(weighted.logLikelihood(), repeated.logLikelihood(), Tolerances.CLOSED_FORM, "ℓ");
        for (int j = 0; j < c.k; j++) {
            for (int a = 0; a < d; a++) {
                assertClose(weighted.model().mean(j)[a], repeated.model().mean(j)[a], Tolerances.CLOSED_FORM, "mean " + j + "," + a);
            }
        }
    }

    /**
     * Same seed, same bits on 1 and 4 threads (6,000 rows: three blocks), with SQUAREM and restarts;
     * 15 iterations (every iteration is the same merge; 60 took nine times the CPU, CI time).
     */
    @Test
    void threadCountChangesNoBit() {
        int n = 6000;
        SplittableRandom rng = new SplittableRandom(11);
        double[] v = new double[n * 2];
        double[] lo = new double[n * 2];
        double[] hi = new double[n * 2];
        java.util.Arrays.fill(lo, Double.NaN);
        java.util.Arrays.fill(hi, Double.NaN);
        for (int i = 0; i < n; i++) {
            double shift = i % 3 == 0 ? 3 : 0;
            v[2 * i] = shift + gaussian(rng);
            v[2 * i + 1] = shift + 0.5 * v[2 * i] + gaussian(rng);
            if (v[2 * i] < -0.5) {
                lo[2 * i] = Double.NEGATIVE_INFINITY;
                hi[2 * i] = -0.5;
            } else if (v[2 * i + 1] > 4) {
                lo[2 * i + 1] = 4;
                hi[2 * i + 1] = Double.POSITIVE_INFINITY;
            }
        }
        DataMatrix x = DataMatrix.of(v, n, 2, null);
        CensoredCells cells = new CensoredCells(n, 2, lo, hi);
        MixtureFit<GaussianMixture> one = fit(x, cells, 1, 15);
        MixtureFit<GaussianMixture> four = fit(x, cells, 4, 15);
        assertThat(four.logLikelihood()).isEqualTo(one.logLikelihood());
        assertThat(four.model().meansFlat()).containsExactly(one.model().meansFlat());
        assertThat(four.model().covariance(1)[0]).containsExactly(one.model().covariance(1)[0]);
        assertThat(four.iterations()).isEqualTo(one.iterations());
    }

    /**
     * Rows of two and three correlated censored cells under a full covariance (Genz's bivariate and
     * trivariate methods): same seed, same bits on 1 and 4 threads (4,500 rows, three blocks).
     */
    @Test
    void threadCountChangesNoBitWithCorrelatedCells() {
        Trivariate t = Trivariate.of(4500, 13, -1.6);
        MixtureFit<GaussianMixture> one = fit(t.data, t.cells, 1, 8);
        MixtureFit<GaussianMixture> four = fit(t.data, t.cells, 4, 8);
        assertThat(four.logLikelihood()).isEqualTo(one.logLikelihood());
        assertThat(four.model().meansFlat()).containsExactly(one.model().meansFlat());
        assertThat(four.model().covariance(1)[2]).containsExactly(one.model().covariance(1)[2]);
        assertThat(four.iterations()).isEqualTo(one.iterations());
    }

    /**
     * Rows of four censored cells (Genz's QMC for their boxes, each box's error target from the
     * row's screened posteriors, boxes cached by value and target): same seed, same bits on 1 and 2
     * threads. 2,500 rows (two blocks) of four correlated columns from two components: left-
     * censoring at limits that differ between even and odd rows (so several distinct four-cell
     * boxes repeat across blocks), and every 250th row interval-censored in all four cells to the
     * unit grid (boxes that differ from row to row); QMC at 1e-3 to keep it quick.
     */
    @Test
    void threadCountChangesNoBitWithFourCensoredCells() {
        int n = 2500;
        int d = 4;
        SplittableRandom rng = new SplittableRandom(21);
        double[] v = new double[n * d];
        double[] lo = new double[n * d];
        double[] hi = new double[n * d];
        java.util.Arrays.fill(lo, Double.NaN);
        java.util.Arrays.fill(hi, Double.NaN);
        int fours = 0;
        int grid = 0;
        for (int i = 0; i < n; i++) {
            double shift = i % 3 == 0 ? 0 : 2.5;
            double z0 = gaussian(rng);
            double[] row = {shift + z0, shift + 0.6 * z0 + 0.8 * gaussian(rng), shift + 0.5 * z0 + 0.85 * gaussian(rng),
                shift + 0.3 * z0 + 0.95 * gaussian(rng)};
            int censored = 0;
            for (int a = 0; a < d; a++) {
                v[d * i + a] = row[a];
                if (i % 250 == 0) {
                    lo[d * i + a] = Math.floor(row[a]);
                    hi[d * i + a] = Math.floor(row[a]) + 1;
                    censored++;
                } else if (row[a] <= (i % 2 == 0 ? 0.8 : 1.1) - 0.1 * a) {
                    lo[d * i + a] = Double.NEGATIVE_INFINITY;
                    hi[d * i + a] = (i % 2 == 0 ? 0.8 : 1.1) - 0.1 * a;
                    censored++;
                }
            }
            fours += censored == d && i % 250 != 0 ? 1 : 0;
            grid += i % 250 == 0 ? 1 : 0;
        }
        DataMatrix x = DataMatrix.of(v, n, d, null);
        CensoredCells cells = new CensoredCells(n, d, lo, hi);
        assertThat(fours).isGreaterThan(150);
        assertThat(grid).isEqualTo(10);
        MixtureFit<GaussianMixture> one = fourCellFit(x, cells, 1);
        MixtureFit<GaussianMixture> two = fourCellFit(x, cells, 2);
        assertThat(two.logLikelihood()).isEqualTo(one.logLikelihood());
        assertThat(two.trace()).containsExactly(one.trace());
        assertThat(two.model().meansFlat()).containsExactly(one.model().meansFlat());
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < d; a++) {
                assertThat(two.model().covariance(j)[a]).containsExactly(one.model().covariance(j)[a]);
            }
        }
        assertThat(two.model().weights()).containsExactly(one.model().weights());
    }

    private static MixtureFit<GaussianMixture> fourCellFit(DataMatrix x, CensoredCells cells, int threads) {
        GaussianMixtureEstimator base = GaussianMixtureEstimator.of(2)
                .withEm(EmOptions.DEFAULTS.withThreads(threads).withRestarts(1).withMaxIterations(4));
        return new CensoredGmmEstimator(base, cells, BoxProbability.DEFAULTS.withRelativeError(1e-3)).fit(x, 5);
    }

    /**
     * Plain EM on rows with three correlated censored cells (each box probability Genz's trivariate
     * method, ~1e-15 absolute; the moments from bivariate and univariate probabilities) never
     * lowers ℓ: rounding only, 1e-13 relative, over 30 iterations.
     */
    @Test
    void emMonotoneForThreeCells() {
        Trivariate t = Trivariate.of(120, 17, -0.4);
        GaussianMixtureEstimator base = GaussianMixtureEstimator.of(2).withRegCovar(0)
                .withEm(EmOptions.DEFAULTS.withAcceleration(Acceleration.NONE).withRestarts(1).withTolerance(1e-12)
                        .withMaxIterations(30));
        MixtureFit<GaussianMixture> fit = new CensoredGmmEstimator(base, t.cells).fit(t.data, 3);
        double[] trace = fit.trace();
        int threes = 0;
        for (int i = 0; i < t.data.rows(); i++) {
            threes += t.cells.censoredInRow(i) == 3 ? 1 : 0;
        }
        assertThat(threes).isGreaterThan(5);
        assertThat(trace.length).isGreaterThan(5);
        for (int k = 1; k < trace.length; k++) {
            assertThat(trace[k]).as("ℓ at iteration " + k).isGreaterThanOrEqualTo(trace[k - 1] - 1e-13 * Math.abs(trace[k - 1]));
        }
    }

    /**
     * The QMC boxes' error targets keep the row's likelihood within the asked relative error:
     * Σ_j τ_j ε_j ≤ asked (closed form: equality when no target is capped), no target above
     * SCREEN_ERROR, a lone QMC component the row wholly belongs to gets the asked error itself,
     * and a component of posterior 1e-10 the cap (1e-6 / 1e-5 > 1e-2); on random posteriors of up to five components.
     */
    @Test
    void boxTargetsKeepTheRowsErrorBound() {
        assertThat(CensoredGmmModel.target(1e-6, 1, 1)).isEqualTo(1e-6);
        assertThat(CensoredGmmModel.target(1e-6, 1e-10, 1 + 1e-5)).isEqualTo(CensoredGmmModel.SCREEN_ERROR);
        assertThat(CensoredGmmModel.target(1e-6, 0, 1)).isEqualTo(CensoredGmmModel.SCREEN_ERROR);
        SplittableRandom rng = new SplittableRandom(15);
        for (int trial = 0; trial < 200; trial++) {
            int k = 2 + rng.nextInt(4);
            double[] tau = new double[k];
            double total = 0;
            for (int j = 0; j < k; j++) {
                tau[j] = Math.exp(-30 * rng.nextDouble());
                total += tau[j];
            }
            double roots = 0;
            for (int j = 0; j < k; j++) {
                tau[j] /= total;
                roots += Math.sqrt(tau[j]);
            }
            double bound = 0;
            for (int j = 0; j < k; j++) {
                double e = CensoredGmmModel.target(1e-6, tau[j], roots);
                assertThat(e).isPositive().isLessThanOrEqualTo(CensoredGmmModel.SCREEN_ERROR);
                bound += tau[j] * e;
            }
            assertThat(bound).isLessThanOrEqualTo(1e-6 * (1 + 1e-12));
        }
    }

    /**
     * Rows of four correlated censored cells (their box probability lattice-rule QMC at the
     * default 1e-6 relative error; the 25 rows with every cell censored at the same limits share
     * one box a component): the observed ℓ on iris with four detection limits at the k = 2 full
     * mixture mlem's fit reached, against scipy (tools/reference/censored_gmm_four_cells.py:
     * explicit conditional normals, scipy's MVNDST at 1e-11 relative for the two- to four-cell
     * boxes). The 25 four-cell rows share one box a component, so its error enters 25 times
     * over: measured 7.5e-5 (3e-6 relative on that box: the QMC's budget of 2,000,000 values
     * may run out short of 1e-6, as on a six-cell box in TruncatedMvnTest, or it is the
     * reference's error: not settled). Tolerance 25 × 5e-6 =
     * 1.25e-4 absolute; with the coarse 1e-3 of inexact EM's first phase, 25 × 5e-3.
     */
    @Test
    void fourCellsMatchScipysLogLikelihood() {
        JsonNode fx = Fixtures.json("censgmm/iris_four_cells.json");
        DataMatrix iris = Fixtures.csv("data/iris.csv");
        assertThat(iris.cols()).isEqualTo(4);
        int n = iris.rows();
        double[] lo = new double[n * 4];
        double[] hi = new double[n * 4];
        java.util.Arrays.fill(lo, Double.NaN);
        java.util.Arrays.fill(hi, Double.NaN);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 4; a++) {
                JsonNode limit = fx.get("limits").get(a);
                double v = iris.get(i, a);
                double l = limit.get(1).asDouble();
                if (limit.get(0).asText().equals("below") && v <= l) {
                    lo[i * 4 + a] = Double.NEGATIVE_INFINITY;
                    hi[i * 4 + a] = l;
                } else if (limit.get(0).asText().equals("above") && v >= l) {
                    lo[i * 4 + a] = l;
                    hi[i * 4 + a] = Double.POSITIVE_INFINITY;
                }
            }
        }
        CensoredCells cells = new CensoredCells(n, 4, lo, hi);
        int fours = 0;
        for (int i = 0; i < n; i++) {
            fours += cells.censoredInRow(i) == 4 ? 1 : 0;
        }
        assertThat(fours).isEqualTo(fx.get("rowsByCensoredCells").get(4).asInt());
        double[][][] cov = new double[2][4][4];
        double[][] means = new double[2][4];
        double[] weights = new double[2];
        for (int j = 0; j < 2; j++) {
            weights[j] = fx.get("weights").get(j).asDouble();
            for (int a = 0; a < 4; a++) {
                means[j][a] = fx.get("means").get(j).get(a).asDouble();
                for (int b = 0; b < 4; b++) {
                    cov[j][a][b] = fx.get("covariances").get(j).get(a).get(b).asDouble();
                }
            }
        }
        GaussianMixture model = GaussianMixture.of(weights, means, FullCovariances.of(cov));
        double want = fx.get("logLikelihood").asDouble();
        CensoredGmmEstimator estimator = new CensoredGmmEstimator(GaussianMixtureEstimator.of(2), cells);
        assertThat(estimator.usesQmc()).isTrue();
        double ll = estimator.logLikelihood(model, iris);
        assertThat(Math.abs(ll - want)).as("ℓ " + ll + ", scipy " + want).isLessThanOrEqualTo(25 * 5e-6);
        double coarse = new CensoredGmmEstimator(GaussianMixtureEstimator.of(2), cells,
                BoxProbability.DEFAULTS.withRelativeError(CensoredGmmEstimator.COARSE_ERROR)).logLikelihood(model, iris);
        assertThat(Math.abs(coarse - want)).as("coarse ℓ " + coarse + ", scipy " + want).isLessThanOrEqualTo(25 * 5e-3);
    }

    /** Three correlated columns, two clusters, each column left-censored at its own limit (rows of 0–3 censored cells). */
    private record Trivariate(DataMatrix data, CensoredCells cells) {
        static Trivariate of(int n, long seed, double shiftOfLimits) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] v = new double[n * 3];
            double[] lo = new double[n * 3];
            double[] hi = new double[n * 3];
            java.util.Arrays.fill(lo, Double.NaN);
            java.util.Arrays.fill(hi, Double.NaN);
            double[] limit = {shiftOfLimits, shiftOfLimits - 0.2, shiftOfLimits + 0.1};
            for (int i = 0; i < n; i++) {
                double shift = i % 3 == 0 ? 3 : 0;
                double z0 = gaussian(rng);
                double z1 = 0.7 * z0 + 0.7 * gaussian(rng);
                double z2 = 0.5 * z0 + 0.4 * z1 + 0.6 * gaussian(rng);
                double[] row = {shift + z0, shift + z1, shift + z2};
                for (int a = 0; a < 3; a++) {
                    v[3 * i + a] = row[a];
                    if (row[a] <= limit[a]) {
                        lo[3 * i + a] = Double.NEGATIVE_INFINITY;
                        hi[3 * i + a] = limit[a];
                    }
                }
            }
            return new Trivariate(DataMatrix.of(v, n, 3, null), new CensoredCells(n, 3, lo, hi));
        }
    }

    /**
     * A row of more than {@link CensoredGmmEstimator#MAX_JOINT} censored cells under a full
     * covariance is refused in one line naming them (its E-step would take minutes); diagonal
     * storage takes the same row.
     */
    @Test
    void refusesWhatItCannotFit() {
        int d = CensoredGmmEstimator.MAX_JOINT + 1;
        int n = 3;
        double[] lo = new double[n * d];
        double[] hi = new double[n * d];
        double[] v = new double[n * d];
        java.util.Arrays.fill(lo, Double.NaN);
        java.util.Arrays.fill(hi, Double.NaN);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int a = 0; a < d; a++) {
            names.add("c" + a);
            lo[d + a] = Double.NEGATIVE_INFINITY;
            hi[d + a] = 0;
            for (int i = 0; i < n; i++) {
                v[i * d + a] = i + a;
            }
        }
        DataMatrix x = DataMatrix.of(v, n, d, names);
        CensoredCells cells = new CensoredCells(n, d, lo, hi);
        GaussianMixtureEstimator full = GaussianMixtureEstimator.of(1);
        assertThatThrownBy(() -> new CensoredGmmEstimator(full, cells).fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2: this row has " + d + " censored cells (c0, c1,")
                .hasMessageContaining("more than " + CensoredGmmEstimator.MAX_JOINT).hasMessageContaining("--covariance diag");
        assertThat(new CensoredGmmEstimator(full.withCovariance(CovarianceStructure.DIAG), cells).firstUnsupportedRow())
                .isEqualTo(-1);
        assertThatThrownBy(() -> new CensoredGmmEstimator(full.withMissingEm(true), cells))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("--missing em");
        assertThatThrownBy(() -> new CensoredCells(1, 1, new double[] {2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * {@link TruncatedNormal} against its definition by quadrature (composite Simpson, 200,001
     * points over the interval or ±12 sd of an open end: 1e-11 relative), for left, right and
     * interval cells, near and far in the tails.
     */
    @Test
    void truncatedMomentsMatchQuadrature() {
        double[][] cases = {{1, 4, Double.NEGATIVE_INFINITY, 0.5}, {1, 4, 3, Double.POSITIVE_INFINITY}, {0, 1, -1, 2},
            {0, 1, 3, 4}, {0, 1, -6, -5}, {2, 0.25, Double.NEGATIVE_INFINITY, 0}, {0, 1, 5, Double.POSITIVE_INFINITY}};
        double[] out = new double[2];
        for (double[] c : cases) {
            double m = c[0];
            double s = Math.sqrt(c[1]);
            double a = Math.max(c[2], m - 12 * s - Math.max(0, m - c[3]));
            double b = Math.min(c[3], m + 12 * s + Math.max(0, c[2] - m));
            int n = 200_000;
            double h = (b - a) / n;
            double p = 0;
            double e1 = 0;
            double e2 = 0;
            for (int i = 0; i <= n; i++) {
                double y = a + i * h;
                double f = Math.exp(-0.5 * (y - m) * (y - m) / c[1]) / Math.sqrt(2 * Math.PI * c[1]);
                double wgt = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * h / 3;
                p += wgt * f;
                e1 += wgt * f * y;
                e2 += wgt * f * y * y;
            }
            double logP = TruncatedNormal.moments(m, c[1], c[2], c[3], out, 0);
            String what = java.util.Arrays.toString(c);
            assertClose(logP, Math.log(p), 1e-9, what + " log P");
            assertClose(out[0], e1 / p, 1e-9, what + " mean");
            assertClose(out[1], e2 / p - (e1 / p) * (e1 / p), 1e-6, what + " variance");
        }
    }

    /**
     * The per-row terms ({@link CensoredGmmEstimator#logTerms}, what score and predict read) sum,
     * by log-sum-exp, to the E-step's ℓ and to numpy's ℓ at its MLE (1e-12 relative; iris petals,
     * k = 2 full, 34 cells left-censored, 11 right-censored: censgmm/iris_petal_se.json), and give
     * posteriors summing to 1. The fixture's standard errors are checked end to end
     * (mlem-cli's CensoredGmmContractTest).
     */
    @Test
    void rowTermsSumToNumpysLikelihood() throws Exception {
        JsonNode fx = Fixtures.json("censgmm/iris_petal_se.json");
        Case c = Case.of(fx);
        GaussianMixture mle = SklearnAgreementTest.mixture(fx.get("converged"), c.structure, c.k, c.data.cols());
        CensoredGmmEstimator estimator = c.estimator(GmmInit.DEFAULT, EmOptions.DEFAULTS);
        double[][] terms = estimator.logTerms(mle, c.data);
        double ll = 0;
        for (double[] row : terms) {
            double max = Math.max(row[0], row[1]);
            ll += max + Math.log(Math.exp(row[0] - max) + Math.exp(row[1] - max));
        }
        assertClose(ll, estimator.logLikelihood(mle, c.data), ORACLE_LL, "log-sum-exp of the terms");
        assertClose(ll, fx.get("converged").get("logLikelihood").asDouble(), ORACLE_LL, "numpy's ℓ");
        for (double[] p : estimator.posterior(mle, c.data)) {
            assertThat(p[0] + p[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    private static MixtureFit<GaussianMixture> fit(DataMatrix x, CensoredCells cells, int threads, int iterations) {
        GaussianMixtureEstimator base = GaussianMixtureEstimator.of(2)
                .withEm(EmOptions.DEFAULTS.withThreads(threads).withRestarts(2).withMaxIterations(iterations));
        return new CensoredGmmEstimator(base, cells).fit(x, 5);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static EmOptions plain(int iterations) {
        return EmOptions.DEFAULTS.withMaxIterations(iterations).withTolerance(0).withAcceleration(Acceleration.NONE)
                .withRestarts(1).withThreads(1);
    }

    private static void assertClose(double got, double want, double rtol, String what) {
        assertThat(Tolerances.relativeError(got, want, 1e-9)).as(what + ": got " + got + ", want " + want).isLessThanOrEqualTo(rtol);
    }

    /** A fixture's data, censoring, k and structure. */
    record Case(DataMatrix data, CensoredCells cells, int k, CovarianceStructure structure, double regCovar) {
        static Case of(JsonNode fx) {
            JsonNode x = fx.get("x");
            int n = x.size();
            int d = x.get(0).size();
            double[] v = new double[n * d];
            double[] lo = new double[n * d];
            double[] hi = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    v[i * d + a] = number(x.get(i).get(a));
                    lo[i * d + a] = number(fx.get("lower").get(i).get(a));
                    hi[i * d + a] = number(fx.get("upper").get(i).get(a));
                }
            }
            List<String> names = fx.has("columns") ? List.of(fx.get("columns").get(0).asText(), fx.get("columns").get(1).asText())
                    : null;
            return new Case(DataMatrix.of(v, n, d, names), new CensoredCells(n, d, lo, hi), fx.get("k").asInt(),
                    CovarianceStructure.parse(fx.get("covariance").asText()), fx.get("regCovar").asDouble());
        }

        private static double number(JsonNode node) {
            return node.isNull() ? Double.NaN : node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
        }

        GaussianMixtureEstimator base() {
            return GaussianMixtureEstimator.of(k).withCovariance(structure).withRegCovar(regCovar);
        }

        CensoredGmmEstimator estimator(GmmInit init, EmOptions em) {
            return new CensoredGmmEstimator(base().withInit(init).withEm(em), cells);
        }
    }
}
