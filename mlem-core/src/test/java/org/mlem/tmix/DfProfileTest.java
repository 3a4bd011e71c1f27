package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/**
 * The ECME step's cached profile ({@link DfProfile}) against its plain reference, the full
 * E-step's log-likelihood of the mixture with one ν changed.
 */
class DfProfileTest {

    private static final TMixture MIXTURE = TMixture.of(new double[] {0.5, 0.3, 0.2},
            new double[][] {{0, 0}, {4, 1}, {-3, 5}},
            new double[][][] {{{1, 0.3}, {0.3, 2}}, {{2, -0.5}, {-0.5, 1}}, {{1.5, 0}, {0, 1.5}}},
            new double[] {4, 9, 2.5});

    /** Rows over several blocks (the last partial), drawn from the mixture. */
    private static DataMatrix rows() {
        return MIXTURE.sample(5000, 11).data();
    }

    /**
     * Oracle: {@code EmDriver.logLikelihood} (one E-step) of {@code withDegreesOfFreedom(c, ν)};
     * tolerance 1e-12 relative (a sum of 5,000 rows' log-likelihoods taken in another order and
     * with log1p(e^−|a−b|) in place of the log of a sum of exponentials).
     */
    @Test
    void equalsTheEStepLogLikelihoodForAnyComponentAndDf() {
        assertEqualsEStep(rows());
    }

    /** As above with frequency weights (some zero) and known labels on some rows. */
    @Test
    void equalsTheEStepWithWeightsAndLabels() {
        assertEqualsEStep(weightedLabelled(rows(), 5));
    }

    /** {@code x} with frequency weights 0-3 and a known label on about one row in five, drawn from {@code seed}. */
    private static DataMatrix weightedLabelled(DataMatrix x, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[x.rows()];
        int[] labels = new int[x.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextInt(4);
            labels[i] = rng.nextInt(5) == 0 ? rng.nextInt(3) : -1;
        }
        return x.withWeights(w).withLabels(labels);
    }

    private static void assertEqualsEStep(DataMatrix x) {
        TMixtureModel model = new TMixtureModel(true, 0.0, true);
        try (BlockReducer reducer = new BlockReducer(2)) {
            for (int c = 0; c < 3; c++) {
                DfProfile profile = DfProfile.of(MIXTURE, c, x, reducer);
                assertThat(profile.exact()).isTrue();
                for (double nu : new double[] {1e-3, 0.7, 2.5, 4, 30, 1e4}) {
                    double want = EmDriver.logLikelihood(model, x, MIXTURE.withDegreesOfFreedom(c, nu), reducer);
                    assertThat(profile.logLikelihood(nu)).as("component %d, nu %s", c, nu)
                            .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(want)));
                }
            }
        }
    }

    /**
     * The k profiles from one stored pass ({@link DfProfile#stored}), each moved component's column
     * recomputed, against the oracle of a fresh pass under the moved mixture ({@link DfProfile#of}):
     * the same bits, for each component after the components before it moved their ν (as the ECME
     * step moves them), with frequency
     * weights (some zero) and known labels, on 1 and 2 threads; and the value at the start the
     * same bits as the first profile's {@code logLikelihood} at its own ν.
     */
    @Test
    void storedProfilesAreEachComponentsOwnPassBitForBit() {
        DataMatrix x = rows();
        double[] moves = {7.25, 1.5, 80};
        for (DataMatrix data : new DataMatrix[] {x, weightedLabelled(x, 8)}) {
            for (int threads = 1; threads <= 2; threads++) {
                try (BlockReducer reducer = new BlockReducer(threads)) {
                    DfProfile.Stored stored = DfProfile.stored(MIXTURE, data, reducer);
                    TMixture current = MIXTURE;
                    for (int c = 0; c < 3; c++) {
                        double[] value = new double[1];
                        DfProfile shared = stored.profile(current, c, value);
                        DfProfile own = DfProfile.of(current, c, data, reducer);
                        assertThat(value[0]).isEqualTo(own.logLikelihood(current.df[c]));
                        for (double nu : new double[] {1e-3, 2.5, 30, 1e4}) {
                            assertThat(shared.logLikelihood(nu)).as("component %d, nu %s", c, nu).isEqualTo(own.logLikelihood(nu));
                            assertThat(shared.derivatives(nu)).isEqualTo(own.derivatives(nu));
                        }
                        current = current.withDegreesOfFreedom(c, moves[c]);
                    }
                }
            }
        }
    }

    /** The profile's value is the same bits on 1 and 2 threads (block sums added in block order). */
    @Test
    void sameBitsOnAnyThreadCount() {
        DataMatrix x = rows();
        try (BlockReducer one = new BlockReducer(1); BlockReducer two = new BlockReducer(2)) {
            for (int c = 0; c < 3; c++) {
                assertThat(DfProfile.of(MIXTURE, c, x, two).logLikelihood(3.3))
                        .isEqualTo(DfProfile.of(MIXTURE, c, x, one).logLikelihood(3.3));
            }
        }
    }

    /**
     * The ECME step through the profile against the same step through E-steps (the path models
     * whose rows live elsewhere take): from one M-step's parameters each ν lands at the same
     * maximiser, 1e-6 relative (Brent's tolerance on log ν is 1e-9; a flat profile's maximiser
     * moves by the square root of the objective's rounding), and the observed log-likelihood after
     * the step agrees to 1e-8 relative. The step is one sweep, ν after ν, so the first ν's maximiser,
     * known to about √(rounding / curvature) ≈ 1e-7 in log ν here, moves the log-likelihood after
     * the sweep at a slope of about 70 per unit of log ν (measured: 8.0e-10 relative since the E-step
     * takes {@code Kernels.log1p} and the vector distances, whose rounding differs from the
     * profile's; 1.3e-12 before, when the first ν happened to land on the same bits).
     */
    @Test
    void ecmeStepMatchesThePlainStep() {
        DataMatrix x = rows();
        TMixtureModel model = new TMixtureModel(true, 0.0, true);
        try (BlockReducer reducer = new BlockReducer(2)) {
            TMixture start = MIXTURE.withDegreesOfFreedom(20);
            TMixture m = model.maximize(reducer.reduce(x, () -> model.emptyStats(start),
                    (block, into) -> model.accumulate(start, block, into)).stats());
            TMixture plain = model.maximizeObserved(m, p -> EmDriver.logLikelihood(model, x, p, reducer));
            TMixture fast = model.maximizeObserved(m, p -> EmDriver.logLikelihood(model, x, p, reducer), x, reducer);
            for (int j = 0; j < 3; j++) {
                assertThat(fast.df[j]).isCloseTo(plain.df[j], org.assertj.core.data.Offset.offset(1e-6 * plain.df[j]));
                assertThat(fast.df[j]).isNotEqualTo(m.df[j]);
            }
            double want = EmDriver.logLikelihood(model, x, plain, reducer);
            assertThat(EmDriver.logLikelihood(model, x, fast, reducer))
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-8 * Math.abs(want)));
        }
    }

    /**
     * {@link DfProfile#derivatives}: its value is {@code logLikelihood}'s bits, and its first and
     * second derivatives in log ν equal central differences of the profile (oracle; steps 1e-3 and
     * 1e-2 in log ν), to 1e-5 and 1e-4 of the derivatives' scale plus the differences' rounding
     * (1e-13 of the value over the step, or its square), with
     * weights and labels, for every component and ν in [0.01, 1e3].
     */
    @Test
    void derivativesAreTheProfilesDifferences() {
        DataMatrix x = rows();
        SplittableRandom rng = new SplittableRandom(9);
        double[] w = new double[x.rows()];
        int[] labels = new int[x.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextInt(3);
            labels[i] = rng.nextInt(7) == 0 ? rng.nextInt(3) : -1;
        }
        try (BlockReducer reducer = new BlockReducer(2)) {
            for (DataMatrix data : new DataMatrix[] {x, x.withWeights(w).withLabels(labels)}) {
                for (int c = 0; c < 3; c++) {
                    DfProfile profile = DfProfile.of(MIXTURE, c, data, reducer);
                    for (double nu : new double[] {0.01, 0.7, 4, 30, 1e3}) {
                        double[] g = profile.derivatives(nu);
                        assertThat(g[0]).isEqualTo(profile.logLikelihood(nu));
                        double h = 1e-3;
                        double slope = (profile.logLikelihood(nu * Math.exp(h)) - profile.logLikelihood(nu * Math.exp(-h))) / (2 * h);
                        double h2 = 1e-2;
                        double curvature = (profile.logLikelihood(nu * Math.exp(h2)) - 2 * g[0]
                                + profile.logLikelihood(nu * Math.exp(-h2))) / (h2 * h2);
                        double scale = Math.abs(g[2]) + Math.abs(g[1]) + 1;
                        double rounding = 1e-13 * Math.abs(g[0]);
                        assertThat(g[1]).as("slope, component %d, nu %s", c, nu)
                                .isCloseTo(slope, org.assertj.core.data.Offset.offset(1e-5 * scale + rounding / h));
                        assertThat(g[2]).as("curvature, component %d, nu %s", c, nu)
                                .isCloseTo(curvature, org.assertj.core.data.Offset.offset(1e-4 * scale + rounding / (h2 * h2)));
                    }
                }
            }
        }
    }

    /**
     * The Newton search on the profile ({@link TMixtureModel#newton}) against Brent's search on its
     * values (the reference, {@code -Dmlem.tmix.ecmesearch=plain}): from several starting ν, the same
     * maximiser to 1e-6 in log ν and the same profile value to 1e-12 relative.
     */
    @Test
    void newtonFindsBrentsMaximum() {
        DataMatrix x = rows();
        double lo = Math.log(TMixtureModel.MIN_DF);
        double hi = Math.log(TMixtureModel.MAX_DF);
        try (BlockReducer reducer = new BlockReducer(2)) {
            TMixture moved = MIXTURE.withDegreesOfFreedom(20);
            for (int c = 0; c < 3; c++) {
                DfProfile profile = DfProfile.of(moved, c, x, reducer);
                var brent = new org.hipparchus.optim.univariate.BrentOptimizer(1e-12, 1e-14).optimize(
                        new org.hipparchus.optim.MaxEval(500),
                        new org.hipparchus.optim.univariate.UnivariateObjectiveFunction(t -> profile.logLikelihood(Math.exp(t))),
                        org.hipparchus.optim.nonlinear.scalar.GoalType.MAXIMIZE,
                        new org.hipparchus.optim.univariate.SearchInterval(Math.log(0.1), Math.log(1e3)));
                for (double from : new double[] {Math.log(0.5), Math.log(4), Math.log(20), Math.log(300)}) {
                    var newton = TMixtureModel.newton(profile, from, lo, hi);
                    assertThat(newton).as("component %d from %s", c, from).isNotNull();
                    assertThat(newton.getPoint()).as("component %d from %s", c, from)
                            .isCloseTo(brent.getPoint(), org.assertj.core.data.Offset.offset(1e-6));
                    assertThat(newton.getValue()).isCloseTo(brent.getValue(),
                            org.assertj.core.data.Offset.offset(1e-12 * Math.abs(brent.getValue())));
                }
            }
        }
    }

    /** A whole fit (ECME, SQUAREM; one start) gives the same bits on 1 and 2 threads with the profile. */
    @Test
    void wholeFitSameBitsOnAnyThreadCount() {
        DataMatrix x = rows();
        EmOptions em = EmOptions.DEFAULTS.withRestarts(1);
        MixtureFit<TMixture> one = new TMixtureEstimator(3, null, 1e-6, em.withThreads(1)).fit(x, 3);
        MixtureFit<TMixture> two = new TMixtureEstimator(3, null, 1e-6, em.withThreads(2)).fit(x, 3);
        assertThat(two.logLikelihood()).isEqualTo(one.logLikelihood());
        assertThat(two.model().degreesOfFreedom()).isEqualTo(one.model().degreesOfFreedom());
    }
}
