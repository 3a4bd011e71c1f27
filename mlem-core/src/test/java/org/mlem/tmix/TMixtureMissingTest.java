package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.Tolerances;

/** t mixtures with missing cells marginalised in the E-step ({@link TMixtureMissingModel}). */
class TMixtureMissingTest {

    private static final EmOptions PLAIN = EmOptions.DEFAULTS.withAcceleration(Acceleration.NONE);

    /** Oracle: on complete rows the marginalising E-step is the ordinary one; 1e-10 relative. */
    @Test
    void completeRowsGiveTheOrdinaryStatistics() {
        DataMatrix x = Mixtures.blobs(300, 3, 2, 4);
        TMixture m = TMixtureEstimator.of(2).fit(x, 1).model();
        TMixtureModel plain = new TMixtureModel(true, 1e-6, false);
        TMixtureMissingModel marg = new TMixtureMissingModel(plain);
        TMixtureStats a = plain.emptyStats(m);
        TMixtureStats b = marg.emptyStats(m);
        double lla = plain.accumulate(m, x.all(), a);
        double llb = marg.accumulate(m, x.all(), b);
        assertThat(llb).isCloseTo(lla, within(Tolerances.CLOSED_FORM * Math.abs(lla)));
        assertClose(marg.maximize(b), plain.maximize(a), Tolerances.CLOSED_FORM, "one ECM step");
    }

    /** Oracle: bit equality. Asking for missing-cell EM on data with no missing cell changes nothing. */
    @Test
    void missingEmOnCompleteDataChangesNothing() {
        DataMatrix x = Mixtures.blobs(200, 2, 2, 7);
        MixtureFit<TMixture> a = TMixtureEstimator.of(2).withEm(EmOptions.DEFAULTS.withRestarts(3)).fit(x, 5);
        MixtureFit<TMixture> b = TMixtureEstimator.of(2).withEm(EmOptions.DEFAULTS.withRestarts(3)).withMissingEm(true).fit(x, 5);
        assertThat(b.trace()).containsExactly(a.trace());
        assertClose(b.model(), a.model(), 0, "bits");
    }

    /**
     * Oracle: brute force. A row's observed-data mixture density is the joint density integrated
     * over its missing cell, here over the whole line by x = c + 10 tan θ (Simpson's rule on
     * θ in (−π/2, π/2), 20,000 intervals; the integrand vanishes at the ends since the t's tails
     * fall faster than 1/x², ν = 3 and 8); 1e-9 relative.
     */
    @Test
    void logLikelihoodIsTheIntegralOverTheMissingCell() {
        TMixture m = TMixture.of(new double[] {0.3, 0.7}, new double[][] {{0, 1}, {3, -2}},
                new double[][][] {{{1, 0.4}, {0.4, 2}}, {{0.5, -0.2}, {-0.2, 1}}}, new double[] {3, 8});
        double[][] rows = {{0.4, Double.NaN}, {Double.NaN, -3.0}, {7.0, Double.NaN}};
        TMixtureMissingModel model = new TMixtureMissingModel(new TMixtureModel(true, 0, false));
        double got = model.accumulate(m, DataMatrix.of(rows).all(), model.emptyStats(m));
        double want = 0;
        for (double[] r : rows) {
            int miss = Double.isNaN(r[0]) ? 0 : 1;
            int steps = 20_000;
            double h = Math.PI / steps;
            double[][] grid = new double[steps - 1][];
            for (int i = 1; i < steps; i++) {
                grid[i - 1] = r.clone();
                grid[i - 1][miss] = 10 * Math.tan(-Math.PI / 2 + i * h);
            }
            double[] logf = m.scoreSamples(DataMatrix.of(grid));
            double s = 0;
            for (int i = 1; i < steps; i++) {
                double c = Math.cos(-Math.PI / 2 + i * h);
                s += Math.exp(logf[i - 1]) * 10 / (c * c) * (i % 2 == 1 ? 4 : 2);
            }
            want += Math.log(s * h / 3);
        }
        assertThat(got).isCloseTo(want, within(1e-9 * Math.abs(want)));
    }

    /**
     * Oracles (tools/reference/tmix_missing.py): one ECM iteration written out in numpy from the
     * same start, 1e-8 relative; and the maximum of the observed-data log-likelihood found by
     * scipy's BFGS over every parameter (no EM), which EM from the same start must reach: the
     * log-likelihood to 1e-8 relative, the parameters to 1e-4 (BFGS with numerical gradients
     * stops where the log-likelihood is flat to about 1e-10).
     */
    @ParameterizedTest
    @ValueSource(strings = {"faithful", "t3"})
    void agreesWithTheReferences(String name) throws Exception {
        JsonNode fx = Fixtures.json("tmix/tmix_missing.json").get(name);
        DataMatrix x = Fixtures.csv(name.equals("faithful") ? "data/faithful_outliers_holes.csv" : "data/t3_holes.csv");
        TMixture start = TMixtureTest.mixture(fx.get("start"));
        int k = start.components();
        TMixtureEstimator base = new TMixtureEstimator(k, null, 0.0, PLAIN).withMissingEm(true);
        MixtureFit<TMixture> one = base.withDfStep(TMixtureEstimator.DfStep.ECM)
                .withEm(PLAIN.withTolerance(0).withMaxIterations(1)).fit(x, start);
        assertThat(one.trace()[0]).isCloseTo(fx.get("startLogLikelihood").asDouble(),
                within(Tolerances.EXTERNAL * Math.abs(one.trace()[0])));
        assertThat(one.logLikelihood()).isCloseTo(fx.get("oneIteration").get("logLikelihood").asDouble(),
                within(Tolerances.EXTERNAL * Math.abs(one.logLikelihood())));
        assertClose(one.model(), TMixtureTest.mixture(fx.get("oneIteration")), Tolerances.EXTERNAL, name + " one iteration");

        MixtureFit<TMixture> max = base.withEm(EmOptions.DEFAULTS.withTolerance(1e-14).withMaxIterations(5000)).fit(x, start);
        JsonNode want = fx.get("maximum");
        assertThat(max.logLikelihood()).isCloseTo(want.get("logLikelihood").asDouble(),
                within(Tolerances.EXTERNAL * Math.abs(max.logLikelihood())));
        assertThat(max.logLikelihood()).isGreaterThanOrEqualTo(want.get("logLikelihood").asDouble() - 1e-9);
        assertClose(max.model(), TMixtureTest.mixture(want), 1e-4, name + " maximum");
    }

    /**
     * EM's law with holes: plain ECM and ECME never lower the observed-data log-likelihood by more
     * than rounding (1e-9 relative), regCovar 0.
     */
    @Property(tries = 25)
    void logLikelihoodNeverDecreases(@ForAll @IntRange(min = 60, max = 300) int n, @ForAll @IntRange(min = 2, max = 4) int d,
            @ForAll @IntRange(min = 1, max = 2) int k, @ForAll boolean ecme, @ForAll long seed) {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(n, d, 2, seed), 0.2, seed);
        TMixtureEstimator est = new TMixtureEstimator(k, null, 0.0, PLAIN.withTolerance(0).withMaxIterations(25))
                .withDfStep(ecme ? TMixtureEstimator.DfStep.ECME : TMixtureEstimator.DfStep.ECM).withMissingEm(true);
        double[] t = est.fit(x, seed).trace();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).as("iteration %d", i).isGreaterThanOrEqualTo(t[i - 1] - 1e-9 * Math.max(1, Math.abs(t[i - 1])));
        }
    }

    /**
     * Oracle: bit equality of the held groups, as without missing cells; SQUAREM, the default, on.
     * The start is one start's fit (the automatic ten only cost time: any start holds).
     */
    @Test
    void heldGroupsStayBitForBit() {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(200, 3, 2, 3), 0.2, 3);
        TMixture start = TMixtureEstimator.of(2).withMissingEm(true).withEm(EmOptions.DEFAULTS.withRestarts(1)).fit(x, 3)
                .model();
        MixtureFit<TMixture> fit = TMixtureEstimator.of(2).withMissingEm(true)
                .withFixed(EnumSet.of(TMixtureParameter.MEANS, TMixtureParameter.DF)).fit(x, start);
        assertThat(fit.model().means).containsExactly(start.means);
        assertThat(fit.model().df).containsExactly(start.df);
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(fit.trace()[0] - 1e-9 * Math.abs(fit.trace()[0]));
    }

    /** Law: integer weights equal repeated rows (1e-8 relative: sums in another order), with missing cells. */
    @Test
    void integerWeightsEqualRepeatedRows() {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(60, 2, 2, 11), 0.2, 11);
        int[] counts = new int[x.rows()];
        double[] w = new double[x.rows()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 1 + i % 3;
            w[i] = counts[i];
        }
        TMixture start = TMixtureEstimator.of(2).withMissingEm(true).fit(x, 1).model();
        // the ECM ν step (a root, solved to 1e-12): ECME's Brent search places a flat maximum only to about 1e-4
        TMixtureEstimator est = new TMixtureEstimator(2, null, 0.0, PLAIN.withTolerance(0).withMaxIterations(20))
                .withDfStep(TMixtureEstimator.DfStep.ECM).withMissingEm(true);
        MixtureFit<TMixture> weighted = est.fit(x.withWeights(w), start);
        MixtureFit<TMixture> repeated = est.fit(Mixtures.select(x, Mixtures.repeatByWeights(counts)), start);
        assertThat(weighted.logLikelihood()).isCloseTo(repeated.logLikelihood(), within(1e-8 * Math.abs(repeated.logLikelihood())));
        assertClose(weighted.model(), repeated.model(), 1e-6, "weights");
    }

    /**
     * Oracle: the same seed gives the same bits on 1 and 4 threads (blocks merged in a fixed order).
     * Two starts of at most 12 iterations: the default ten starts to convergence took 70 s here, and
     * 60 iterations (convergence at 19) twice the time of 12, checking nothing more (every iteration
     * is the same merge).
     */
    @Test
    void threadsDoNotChangeTheBits() {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(5000, 3, 2, 2), 0.2, 2);
        EmOptions em = EmOptions.DEFAULTS.withRestarts(2).withMaxIterations(12);
        MixtureFit<TMixture> one = TMixtureEstimator.of(2).withMissingEm(true).withEm(em.withThreads(1)).fit(x, 9);
        MixtureFit<TMixture> four = TMixtureEstimator.of(2).withMissingEm(true).withEm(em.withThreads(4)).fit(x, 9);
        assertThat(one.trace()).hasSizeGreaterThan(10);
        assertThat(four.trace()).containsExactly(one.trace());
    }

    @Test
    void missingCellsAreRejectedUnlessAskedForAndAnEmptyRowAlways() {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(100, 2, 2, 1), 0.1, 1);
        assertThatThrownBy(() -> TMixtureEstimator.of(2).fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("missing");
        DataMatrix empty = DataMatrix.of(new double[][] {{1, 2}, {Double.NaN, Double.NaN}, {3, 4}, {5, 1}});
        assertThatThrownBy(() -> TMixtureEstimator.of(2).withMissingEm(true).fit(empty, 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 2 has every cell missing");
    }

    /** The degeneracy report runs on rows with missing cells: a well-separated fit has no degenerate component. */
    @Test
    void degeneracyIsJudgedOnTheObservedCells() {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(300, 2, 2, 5), 0.2, 5);
        TMixtureEstimator est = TMixtureEstimator.of(2).withMissingEm(true);
        TMixture m = est.fit(x, 5).model();
        assertThat(est.degenerateComponents(m, x)).isEmpty();
        double[][] p = TMixtureMissingModel.posteriors(m, x);
        for (double[] row : p) {
            assertThat(row[0] + row[1]).isCloseTo(1, within(1e-12));
        }
    }

    static void assertClose(TMixture got, TMixture want, double rtol, String what) {
        int k = want.components();
        int d = want.dimension();
        for (int j = 0; j < k; j++) {
            assertThat(Tolerances.relativeError(got.weights()[j], want.weights()[j], 1)).as(what + " weight").isLessThanOrEqualTo(rtol);
            assertThat(Tolerances.relativeError(got.degreesOfFreedom()[j], want.degreesOfFreedom()[j], 1)).as(what + " df")
                    .isLessThanOrEqualTo(rtol);
            for (int a = 0; a < d; a++) {
                double sa = Math.sqrt(want.scale(j)[a][a]);
                assertThat(Tolerances.relativeError(got.mean(j)[a], want.mean(j)[a], sa)).as(what + " mean").isLessThanOrEqualTo(rtol);
                for (int b = 0; b < d; b++) {
                    double floor = Math.sqrt(want.scale(j)[a][a] * want.scale(j)[b][b]);
                    assertThat(Tolerances.relativeError(got.scale(j)[a][b], want.scale(j)[a][b], floor)).as(what + " scale")
                            .isLessThanOrEqualTo(rtol);
                }
            }
        }
    }
}
