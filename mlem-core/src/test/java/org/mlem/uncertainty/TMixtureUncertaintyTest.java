package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;

/** Standard errors of t mixtures: Louis against the numerical Hessian, and the bootstrap's laws. */
class TMixtureUncertaintyTest {

    static final TMixture TRUTH = TMixture.of(new double[] {0.4, 0.6}, new double[][] {{0, 0}, {4, 2}},
            new double[][][] {{{1, 0.3}, {0.3, 0.8}}, {{1.5, -0.4}, {-0.4, 1}}}, new double[] {4, 9});

    static DataMatrix data(int n, long seed) {
        return TRUTH.sample(n, seed).data();
    }

    static TMixtureEstimator estimator(Double df) {
        return TMixtureEstimator.of(2).withFixedDf(df).withEm(EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12));
    }

    /** The mixture of free parameters θ (π_1, then per component μ, scale entries a ≤ b, and ν when free). */
    static TMixture fromFree(double[] theta, TMixture like, boolean withDf) {
        return TMixtureUncertainty.of(like, null, withDf).fromFree(like, theta);
    }

    static double logLikelihood(TMixture m, DataMatrix x) {
        return Arrays.stream(m.scoreSamples(x)).sum();
    }

    /** Oracle: central differences of the observed log-likelihood; 1e-4 relative (as the Gaussian mixture's test). */
    @Test
    void louisMatchesTheNumericalHessianWithDfFree() {
        DataMatrix x = data(400, 3);
        TMixture m = estimator(null).fit(x, 1).model();
        TMixtureUncertainty layout = TMixtureUncertainty.of(m, x.columns(), true);
        ObservedInformation louis = layout.louis(m, x);
        assertThat(louis.positiveDefinite()).isTrue();
        assertThat(louis.freeNames()).contains("df[1]", "scale[0][x1,x2]", "mean[1][x2]");
        double[] theta = InformationCheck.free(layout.values(m, new int[] {0, 1}), 2);
        InformationCheck.assertMatches(louis, t -> logLikelihood(fromFree(t, m, true), x), theta, 1e-4);
    }

    /** The identity holds away from the maximum too, and with ν held (ν then not a parameter). */
    @Test
    void louisMatchesAwayFromTheMaximumWithDfFixed() {
        DataMatrix x = data(300, 4);
        TMixture fit = estimator(5.0).fit(x, 1).model();
        TMixtureUncertainty layout = TMixtureUncertainty.of(fit, x.columns(), false);
        double[] theta = InformationCheck.free(layout.values(fit, new int[] {0, 1}), 2);
        for (int q = 1; q < theta.length; q++) {
            theta[q] *= 1.03;
        }
        TMixture moved = fromFree(theta, fit, false);
        ObservedInformation louis = layout.louis(moved, x);
        assertThat(louis.freeNames()).noneMatch(n -> n.startsWith("df"));
        InformationCheck.assertMatches(louis, t -> logLikelihood(fromFree(t, fit, false), x), theta, 1e-4);
    }

    /**
     * A ν at the top of its range (1e4) is a boundary estimate: its SE is NaN and the others are
     * those of the information without its row and column (oracle: Hipparchus' LU inverse of that
     * reduced matrix, 1e-10 relative).
     */
    @Test
    void dfAtItsBoundIsHeldAsKnown() {
        DataMatrix x = data(400, 3);
        TMixture fit = estimator(null).fit(x, 1).model();
        double[] theta = InformationCheck.free(TMixtureUncertainty.of(fit, x.columns(), true).values(fit, new int[] {0, 1}), 2);
        theta[theta.length - 1] = 1e4;
        TMixture bounded = fromFree(theta, fit, true);
        ObservedInformation louis = TMixtureUncertainty.of(bounded, x.columns(), true).louis(bounded, x);
        ParameterEstimates se = louis.estimates();
        assertThat(se.standardError("df[1]")).isNaN();
        double[][] info = louis.information();
        int p = info.length - 1;
        double[][] reduced = new double[p][p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(info[a], 0, reduced[a], 0, p);
        }
        double[][] inv = new org.hipparchus.linear.LUDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(reduced))
                .getSolver().getInverse().getData();
        for (int q = 0; q < p; q++) {
            String name = louis.freeNames().get(q);
            assertThat(se.standardError(name)).as(name).isCloseTo(Math.sqrt(inv[q][q]),
                    org.assertj.core.data.Percentage.withPercentage(1e-8));
        }
    }

    @Test
    void bootstrapIsTheSameBitsOnOneAndTwoThreads() {
        DataMatrix x = data(200, 5);
        TMixtureEstimator est = estimator(null);
        TMixture fit = est.fit(x, 1).model();
        BootstrapChecks.sameBitsOnOneAndTwoThreads(TMixtureUncertainty.bootstrap(est), x, fit, 4);
        assertThat(TMixtureUncertainty.bootstrap(est).parameterNames(fit, x))
                .isEqualTo(TMixtureUncertainty.of(fit, x.columns(), true).names());
    }

    /**
     * Oracle: Louis' SEs. 1500 rows from the truth, ν held at the truth's scale of 6 for speed,
     * 100 parametric replicates: every SE within 25% of Louis' (Monte Carlo error of a bootstrap
     * SE alone is about 1/sqrt(2B) = 7%).
     */
    @Test
    void parametricBootstrapAgreesWithLouis() {
        DataMatrix x = data(1500, 6);
        TMixtureEstimator est = estimator(6.0);
        TMixture fit = est.fit(x, 1).model();
        double[] louis = TMixtureUncertainty.of(fit, x.columns(), false).louis(fit, x).standardError();
        BootstrapResult r = new Bootstrap(100, BootstrapKind.PARAMETRIC, 0.95, 0).run(TMixtureUncertainty.bootstrap(est),
                x, fit, 8);
        BootstrapChecks.standardErrorsNear(r, louis, 0.25);
    }
}
