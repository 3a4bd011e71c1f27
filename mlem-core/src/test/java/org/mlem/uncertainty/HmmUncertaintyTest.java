package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.GaussianSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;

/** Standard errors of hidden Markov models: Lystig–Hughes' observed information and the bootstrap over sequences. */
class HmmUncertaintyTest {
    static final HiddenMarkovModel TRUTH = HiddenMarkovModel.of(new double[] {0.6, 0.4},
            new double[][] {{0.9, 0.1}, {0.2, 0.8}},
            GaussianEmission.full(new double[][] {{0}, {3}}, new double[][][] {{{1}}, {{0.5}}}));
    static final HiddenMarkovEstimator EST = HiddenMarkovEstimator.of(2, new GaussianSpec(CovarianceStructure.FULL, 1e-6))
            .withEm(EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12));

    static SequenceData data(int[] lengths, long seed) {
        return TRUTH.sample(lengths, seed).sequences();
    }

    static final HiddenMarkovModel POISSON = HiddenMarkovModel.of(new double[] {0.5, 0.5},
            new double[][] {{0.85, 0.15}, {0.3, 0.7}},
            org.mlem.hmm.FamilyEmission.of(org.mlem.dist.Families.poisson(), new double[][] {{2}, {9}}));
    static final HiddenMarkovModel PLANE = HiddenMarkovModel.of(new double[] {0.3, 0.7},
            new double[][] {{0.8, 0.2}, {0.25, 0.75}},
            GaussianEmission.full(new double[][] {{0, 1}, {3, -1}},
                    new double[][][] {{{1, 0.4}, {0.4, 2}}, {{0.7, -0.2}, {-0.2, 1.2}}}));

    /** The model of free parameters θ (π_0, a_00, a_10, then each state's emission parameters), shaped like {@code like}. */
    static HiddenMarkovModel fromFree(double[] t, HiddenMarkovModel like) {
        return HmmUncertainty.fromFree(like, t);
    }

    /** The free layout: the reported one without start[K−1] and each row's last transition. */
    static double[] free(double[] reported) {
        double[] f = new double[reported.length - 3];
        f[0] = reported[0];
        f[1] = reported[2];
        f[2] = reported[4];
        System.arraycopy(reported, 6, f, 3, reported.length - 6);
        return f;
    }

    /**
     * Oracle: central differences of the observed log-likelihood (the forward algorithm), 1e-4
     * relative, for Gaussian (one and two columns) and Poisson emissions, at the MLE and 3% away.
     */
    @Test
    void lystigHughesMatchesTheNumericalHessian() {
        int[] lengths = {30, 40, 35, 50, 30, 45, 40, 30, 35, 40, 50, 30};
        for (HiddenMarkovModel truth : new HiddenMarkovModel[] {TRUTH, POISSON, PLANE}) {
            SequenceData x = truth.sample(lengths, 11).sequences();
            HiddenMarkovEstimator est = HiddenMarkovEstimator.of(2, truth.emissions().spec())
                    .withEm(EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12));
            HiddenMarkovModel fit = est.fit(x, 1).model();
            ObservedInformation info = HmmInformation.of(fit, x);
            assertThat(info.positiveDefinite()).isTrue();
            double[] theta = free(HmmUncertainty.values(fit, new int[] {0, 1}));
            InformationCheck.assertMatches(info, t -> fromFree(t, fit).logLikelihood(x), theta, 1e-4);
            for (int q = 0; q < theta.length; q++) {
                theta[q] *= 1.03;
            }
            HiddenMarkovModel moved = fromFree(theta, fit);
            InformationCheck.assertMatches(HmmInformation.of(moved, x), t -> fromFree(t, fit).logLikelihood(x), theta, 1e-4);
        }
    }

    /**
     * Missing cells (one cell in every fourth step, in turn; in one column the whole step): a
     * step's emission is its observed cells' marginal density, density 1 with none. Oracle: central
     * differences of the observed log-likelihood, the forward algorithm over the same holes, 1e-4
     * relative, at the model the data were drawn from (the recursions are exact at any θ).
     */
    @Test
    void missingCellsMatchTheNumericalHessianOfTheObservedLikelihood() {
        int[] lengths = {30, 40, 35, 50, 30, 45, 40, 30, 35, 40, 50, 30};
        for (HiddenMarkovModel truth : new HiddenMarkovModel[] {TRUTH, POISSON, PLANE}) {
            SequenceData x = holed(truth.sample(lengths, 12).sequences());
            ObservedInformation info = HmmInformation.of(truth, x);
            assertThat(info.positiveDefinite()).isTrue();
            double[] theta = free(HmmUncertainty.values(truth, new int[] {0, 1}));
            InformationCheck.assertMatches(info, t -> fromFree(t, truth).logLikelihood(x), theta, 1e-4);
        }
    }

    /** {@code x} with cell {@code (i / 4) % d} of every fourth row missing. */
    private static SequenceData holed(SequenceData x) {
        org.mlem.data.DataMatrix m = x.matrix();
        double[] v = m.values().clone();
        int d = m.cols();
        for (int i = 1; i < m.rows(); i += 4) {
            v[i * d + (i / 4) % d] = Double.NaN;
        }
        return SequenceData.of(org.mlem.data.DataMatrix.of(v, m.rows(), d, m.columns()), x.lengths());
    }

    /**
     * One sequence puts the start probabilities on the boundary (the first state's is 1): they are
     * held as known (SE NaN) and every other SE is finite. Oracle: the inverse of the central-
     * difference Hessian of the observed log-likelihood in the other parameters, the start held,
     * 1e-3 relative.
     */
    @Test
    void oneSequenceHoldsTheStartAndReportsTheRest() {
        SequenceData x = POISSON.sample(new int[] {400}, 5).sequences();
        HiddenMarkovModel fit = HiddenMarkovEstimator.of(2, POISSON.emissions().spec())
                .withEm(EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12)).fit(x, 1).model();
        ObservedInformation info = HmmInformation.of(fit, x);
        double[] se = info.estimates().standardError();
        assertThat(se[0]).isNaN();
        assertThat(se[1]).isNaN();
        double[] theta = free(HmmUncertainty.values(fit, new int[] {0, 1}));
        double[] rest = java.util.Arrays.copyOfRange(theta, 1, theta.length);
        double[][] numeric = InformationCheck.numericalNegativeHessian(t -> {
            double[] all = new double[theta.length];
            all[0] = theta[0];
            System.arraycopy(t, 0, all, 1, t.length);
            return fromFree(all, fit).logLikelihood(x);
        }, rest, java.util.Arrays.stream(info.information()).skip(1)
                .map(row -> java.util.Arrays.copyOfRange(row, 1, row.length)).toArray(double[][]::new));
        double[][] cov = new org.hipparchus.linear.LUDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(numeric))
                .getSolver().getInverse().getData();
        // free layout: a00, a10, lambda0, lambda1; reported: start0, start1, a00, a01, a10, a11, lambda0, lambda1
        int[] reported = {2, 4, 6, 7};
        for (int q = 0; q < reported.length; q++) {
            assertThat(se[reported[q]]).as("SE %d", reported[q]).isCloseTo(Math.sqrt(cov[q][q]),
                    org.assertj.core.api.Assertions.within(1e-3 * Math.sqrt(cov[q][q])));
        }
    }

    /**
     * Oracle: Lystig–Hughes' SEs. 30 sequences of 100 steps, 100 parametric replicates (sequences
     * of the same lengths): every SE of the transitions and emissions within 25% (Monte Carlo
     * error alone about 1/sqrt(2B) = 7%).
     */
    @Test
    void parametricBootstrapAgreesWithTheObservedInformation() {
        int[] lengths = new int[30];
        java.util.Arrays.fill(lengths, 100);
        SequenceData x = data(lengths, 12);
        HiddenMarkovModel fit = EST.fit(x, 1).model();
        double[] louis = HmmInformation.of(fit, x).standardError();
        BootstrapResult r = new Bootstrap(100, BootstrapKind.PARAMETRIC, 0.95, 0).run(HmmUncertainty.bootstrap(EST), x, fit, 8);
        double[] se = r.estimates().standardError();
        java.util.List<String> names = r.estimates().names();
        double[] kept = new double[se.length];
        for (int q = 0; q < se.length; q++) {
            // start probabilities are left out: 30 first steps put their MLE near 0 or 1, where neither SE is reliable
            kept[q] = names.get(q).startsWith("start") ? se[q] : louis[q];
        }
        BootstrapChecks.standardErrorsNear(r, kept, 0.25);
    }

    @Test
    void bootstrapIsTheSameBitsOnOneAndTwoThreads() {
        SequenceData x = data(new int[] {60, 40, 80, 50, 70}, 3);
        HiddenMarkovModel fit = EST.fit(x, 1).model();
        BootstrapChecks.sameBitsOnOneAndTwoThreads(HmmUncertainty.bootstrap(EST), x, fit, 5);
        assertThat(HmmUncertainty.names(fit, x.matrix().columns())).containsExactly("start[0]", "start[1]",
                "transition[0][0]", "transition[0][1]", "transition[1][0]", "transition[1][1]", "mean[0]", "sd[0]",
                "mean[1]", "sd[1]");
    }

    /**
     * Oracle: the truth. 40 sequences of 100 steps, 100 non-parametric replicates (sequences
     * resampled): each 95% percentile interval of the emission means and transition
     * probabilities covers the true value, and states stay matched (no interval spans both means).
     */
    @Test
    void percentileIntervalsCoverTheTruth() {
        int[] lengths = new int[40];
        java.util.Arrays.fill(lengths, 100);
        SequenceData x = data(lengths, 4);
        HiddenMarkovModel fit = EST.fit(x, 1).model();
        int[] order = fit.emissions().parameters(0).get("mean") instanceof Double m0 && m0 > 1.5 ? new int[] {1, 0}
                : new int[] {0, 1};
        HiddenMarkovModel ordered = HiddenMarkovModel.of(new double[] {fit.startProbabilities()[order[0]],
                fit.startProbabilities()[order[1]]}, fit.transitionMatrix(), fit.emissions());
        BootstrapResult r = new Bootstrap(100, BootstrapKind.NONPARAMETRIC, 0.95, 0).run(HmmUncertainty.bootstrap(EST), x,
                fit, 8);
        assertThat(r.failures()).isEmpty();
        java.util.List<String> names = r.estimates().names();
        double[][] truth = TRUTH.transitionMatrix();
        for (int a = 0; a < 2; a++) {
            int q = names.indexOf("mean[" + order[a] + "]");
            double trueMean = a == 0 ? 0 : 3;
            assertThat(r.lower()[q]).isLessThan(trueMean);
            assertThat(r.upper()[q]).isGreaterThan(trueMean).isLessThan(trueMean + 1);
            int t = names.indexOf("transition[" + order[a] + "][" + order[a] + "]");
            assertThat(r.lower()[t]).isLessThan(truth[a][a]);
            assertThat(r.upper()[t]).isGreaterThan(truth[a][a]);
        }
        assertThat(ordered.states()).isEqualTo(2);
    }
}
