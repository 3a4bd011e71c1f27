package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.Acceleration;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.em.MixtureFit;
import org.mlem.model.FittedMixture;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;
import org.mlem.uncertainty.CensoredMixtureUncertainty;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.ProductMixtureUncertainty;

/**
 * Mixtures of a family on censored rows ({@link CensoredMixtureEstimator}).
 *
 * <p>Oracle: an independent numpy/scipy EM (tools/reference/censored_mixture_numpy.py; Nelder-Mead
 * M-steps to xatol 1e-13) from the same given start, after 1, 2 and 5 iterations and after the
 * number of iterations at which numpy stopped (change of ℓ below 1e-11 relative). Tolerance: 1e-6
 * relative on the iterates' parameters (each M-step is a numerical maximisation on both sides:
 * mlem's L-BFGS stops at a gradient of 1e-9·|Q|, which leaves ~1e-8 in the parameters, and scipy's
 * simplex its xatol), and {@link Tolerances#EXTERNAL} 1e-8 relative on the log-likelihoods, which
 * are flat at the maximum of each M-step.
 */
class CensoredMixtureTest {

    /**
     * A model file's censored rows are scored as the fit sums them (the scores behind {@code score
     * --status|--interval}): at each numpy state's parameters the rows' scores sum to numpy's
     * log-likelihood of them (scipy's logpdf, logsf, logcdf; 1e-10 relative), posteriors sum to 1,
     * and at mlem's own fit the sum is the fit's log-likelihood (1e-12 relative: the same terms
     * summed row by row instead of by blocks).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weibull_right", "lognormal_mixed", "gamma_right", "exponential_right", "normal_left"})
    void censoredRowsScoreTheirIntervalsProbability(String name) {
        JsonNode fx = Fixtures.json("censmix/" + name + ".json");
        UnivariateFamily family = Families.byName(fx.get("family").asText());
        CensoredSample s = sample(fx);
        for (JsonNode state : fx.get("states")) {
            FittedMixture file = new FittedMixture(mixture(family, state), null);
            double total = java.util.Arrays.stream(file.logDensities(s)).sum();
            assertClose(total, state.get("logLikelihood").asDouble(), 1e-10, name + " state " + state.get("iterations"));
            for (double[] p : file.posteriors(s)) {
                assertThat(p[0] + p[1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        MixtureFit<ProductMixture> fit = CensoredMixtureEstimator.of(fx.get("k").asInt(), family)
                .withInit(new MixtureInit.Given(mixture(family, fx.get("start")))).fit(s, "t", 0);
        double total = java.util.Arrays.stream(new FittedMixture(fit.model(), null).logDensities(s)).sum();
        assertClose(total, fit.logLikelihood(), 1e-12, name + " fit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weibull_right", "lognormal_mixed", "gamma_right", "exponential_right", "normal_left"})
    void sameIteratesAsNumpy(String name) {
        JsonNode fx = Fixtures.json("censmix/" + name + ".json");
        UnivariateFamily family = Families.byName(fx.get("family").asText());
        CensoredSample s = sample(fx);
        int[] counts = s.counts();
        assertThat(counts).containsExactly(fx.get("counts").get("exact").asInt(), fx.get("counts").get("left").asInt(),
                fx.get("counts").get("right").asInt(), fx.get("counts").get("interval").asInt());
        ProductMixture start = mixture(family, fx.get("start"));
        CensoredMixtureEstimator est = CensoredMixtureEstimator.of(fx.get("k").asInt(), family)
                .withInit(new MixtureInit.Given(start));
        for (JsonNode state : fx.get("states")) {
            int m = state.get("iterations").asInt();
            MixtureFit<ProductMixture> fit = est.withEm(EmOptions.DEFAULTS.withMaxIterations(m).withTolerance(0).withAcceleration(Acceleration.NONE))
                    .fit(s, "t", 0);
            assertThat(fit.iterations()).isEqualTo(m);
            assertClose(fit.logLikelihood(), state.get("logLikelihood").asDouble(), Tolerances.EXTERNAL,
                    name + " logLik after " + m);
            assertClose(CensoredMixtureEstimator.logLikelihood(fit.model(), s), fit.logLikelihood(),
                    Tolerances.CLOSED_FORM, "the E-step's log-likelihood against the direct sum");
            ProductMixture expected = mixture(family, state);
            for (int j = 0; j < start.k(); j++) {
                assertClose(fit.model().weights()[j], expected.weights()[j], 1e-6, name + " weight " + j);
                double[] got = CensoredMixtureModel.distribution(fit.model(), j).parameterValues();
                double[] want = CensoredMixtureModel.distribution(expected, j).parameterValues();
                for (int p = 0; p < got.length; p++) {
                    assertClose(got[p], want[p], 1e-6, name + " component " + j + " parameter " + p + " after " + m);
                }
            }
        }
    }

    /**
     * EM never lowers ℓ: the trace of a plain-EM fit from k-means++ starts, and of a SQUAREM one
     * (whose accepted points never fall either); both reach the numpy run's maximum.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weibull_right", "lognormal_mixed", "normal_left"})
    void emNeverLowersTheLogLikelihood(String name) {
        JsonNode fx = Fixtures.json("censmix/" + name + ".json");
        UnivariateFamily family = Families.byName(fx.get("family").asText());
        for (Acceleration a : Acceleration.values()) {
            MixtureFit<ProductMixture> fit = CensoredMixtureEstimator.of(2, family)
                    .withEm(EmOptions.DEFAULTS.withRestarts(2).withAcceleration(a)).fit(sample(fx), "t", 7);
            double[] trace = fit.trace();
            assertThat(trace.length).isGreaterThan(3);
            for (int t = 1; t < trace.length; t++) {
                assertThat(trace[t]).as(a + " iteration " + t)
                        .isGreaterThanOrEqualTo(trace[t - 1] - 1e-12 * Math.abs(trace[t - 1]));
            }
            JsonNode states = fx.get("states");
            double numpy = states.get(states.size() - 1).get("logLikelihood").asDouble();
            assertThat(fit.logLikelihood()).as(a.toString()).isGreaterThanOrEqualTo(numpy - 1e-6 * Math.abs(numpy));
        }
    }

    /** Same seed, same bits, for one thread and four. */
    @Test
    void threadCountChangesNoBit() {
        JsonNode fx = Fixtures.json("censmix/lognormal_mixed.json");
        CensoredMixtureEstimator est = CensoredMixtureEstimator.of(2, Families.byName("lognormal"));
        MixtureFit<ProductMixture> one = est.withEm(EmOptions.DEFAULTS.withThreads(1).withRestarts(2)).fit(sample(fx), "t", 3);
        MixtureFit<ProductMixture> four = est.withEm(EmOptions.DEFAULTS.withThreads(4).withRestarts(2)).fit(sample(fx), "t", 3);
        assertThat(four.trace()).containsExactly(one.trace());
        assertThat(four.model().weights()).containsExactly(one.model().weights());
    }

    /**
     * Censoring nothing is the plain mixture, bit for bit: the estimator on exact rows (which hands
     * them to {@link ProductMixtureEstimator}), and the censored model's own E- and M-steps against
     * the product mixture's from one start (no shortcut: the same trace and parameters).
     */
    @Test
    void censoringNothingIsThePlainMixtureBitForBit() {
        UnivariateFamily weibull = Families.byName("weibull");
        double[] x = new double[200];
        double[] w = new double[200];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? 0.5 + rng.nextDouble() : 3 + 2 * rng.nextDouble();
            w[i] = 1 + rng.nextInt(3);
        }
        DataMatrix data = DataMatrix.of(x, x.length, 1, List.of("t")).withWeights(w);
        MixtureFit<ProductMixture> plain = ProductMixtureEstimator.univariate(2, weibull).withEm(EmOptions.DEFAULTS.withRestarts(2))
                .fit(data, 5);
        MixtureFit<ProductMixture> censored = CensoredMixtureEstimator.of(2, weibull).withEm(EmOptions.DEFAULTS.withRestarts(2))
                .fit(CensoredSample.exact(x, w), "t", 5);
        assertThat(censored.trace()).containsExactly(plain.trace());
        assertThat(censored.model().weights()).containsExactly(plain.model().weights());

        ColumnModel.Univariate column = new ColumnModel.Univariate(0, weibull);
        CensoredMixtureModel model = new CensoredMixtureModel(2, column, List.of("t"), x, false);
        ProductMixtureModel product = new ProductMixtureModel(2, List.of(column), List.of("t"), FixedParameters.NONE);
        EmOptions em = EmOptions.DEFAULTS.withMaxIterations(40).withTolerance(0).withAcceleration(Acceleration.NONE);
        try (BlockReducer reducer = new BlockReducer(2)) {
            EmRun<ProductMixture> a = EmDriver.run(model, data, plain.model(), em, reducer, null);
            EmRun<ProductMixture> b = EmDriver.run(product, data, plain.model(), em, reducer, null);
            assertThat(a.trace()).containsExactly(b.trace());
            for (int j = 0; j < 2; j++) {
                assertThat(CensoredMixtureModel.distribution(a.params(), j).parameterValues())
                        .containsExactly(CensoredMixtureModel.distribution(b.params(), j).parameterValues());
            }
        }
    }

    /**
     * The observed information by differences of ℓ equals Louis' analytic one where both apply (no
     * row censored, a gamma mixture: the family's exact score and Hessian): standard errors to 1e-5
     * relative (Richardson's extrapolated differences).
     */
    @Test
    void standardErrorsMatchLouisOnExactRows() {
        JsonNode fx = Fixtures.json("censmix/gamma_right.json");
        CensoredSample s = sample(fx);
        double[] lo = s.lower();
        double[] hi = s.upper();
        List<Double> exact = new ArrayList<>();
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] == hi[i]) {
                exact.add(lo[i]);
            }
        }
        double[] x = exact.stream().mapToDouble(Double::doubleValue).toArray();
        ProductMixture m = ProductMixtureEstimator.univariate(2, Families.byName("gamma"))
                .withEm(EmOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(5000))
                .fit(DataMatrix.of(x, x.length, 1, List.of("t")), 1).model();
        ObservedInformation louis = ProductMixtureUncertainty.louis(m, DataMatrix.of(x, x.length, 1, List.of("t")));
        ObservedInformation numeric = CensoredMixtureUncertainty.observed(m, CensoredSample.exact(x, null));
        assertThat(numeric.estimates().names()).isEqualTo(louis.estimates().names());
        double[] a = numeric.standardError();
        double[] b = louis.standardError();
        for (int q = 0; q < a.length; q++) {
            assertClose(a[q], b[q], 1e-5, louis.estimates().names().get(q));
        }
    }

    @Test
    void negativeTimeForAPositiveFamilyNamesTheRow() {
        CensoredSample s = CensoredSample.ofIntervals(new double[] {1, 2, -3, 4}, new double[] {1, 2, Double.NaN, 4}, null);
        assertThatThrownBy(() -> CensoredMixtureEstimator.of(2, Families.byName("weibull")).fit(s, "t", 1))
                .isInstanceOf(RowException.class)
                .hasMessage("row 3: the censoring bound -3.0 is negative, but weibull values are positive; correct the row"
                        + " (a time cannot be negative)");
    }

    private static CensoredSample sample(JsonNode fx) {
        DataMatrix d = Fixtures.csv(fx.get("data").asText());
        double[] lo = new double[d.rows()];
        double[] hi = new double[d.rows()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = d.get(i, 0);
            hi[i] = d.get(i, 1);
        }
        return CensoredSample.ofIntervals(lo, hi, null);
    }

    private static ProductMixture mixture(UnivariateFamily family, JsonNode state) {
        List<ProductComponent> comps = new ArrayList<>();
        double[] weights = new double[state.get("weights").size()];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = state.get("weights").get(j).asDouble();
            JsonNode p = state.get("parameters").get(j);
            double[] theta = new double[p.size()];
            for (int q = 0; q < theta.length; q++) {
                theta[q] = p.get(q).asDouble();
            }
            comps.add(ProductComponent.of(new ComponentPart.UnivariatePart(new ColumnModel.Univariate(0, family),
                    family.of(theta))));
        }
        return ProductMixture.of(weights, comps, List.of("t"));
    }

    private static void assertClose(double actual, double expected, double tol, String what) {
        assertThat(Tolerances.relativeError(actual, expected, 1e-12)).as(what + ": " + actual + " vs " + expected)
                .isLessThan(tol);
    }
}
