package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixScores;
import org.mlem.regmix.RegmixUncertainty;
import org.mlem.regmix.RegressionMixture;

/** Standard errors of mixtures of regressions: gaussian and Poisson. */
class RegmixUncertaintyTest {
    static final String FORMULA = "y ~ x";

    /** n rows: x uniform on [0, 10]; y from line 1 + 2x (sd 1) or 8 − x (sd 1.5), or Poisson at exp(0.5 + 0.2x) or exp(2 − 0.1x). */
    static Frame data(String family, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * rng.nextDouble();
            boolean first = rng.nextDouble() < 0.4;
            y[i] = family.equals("gaussian")
                    ? (first ? 1 + 2 * x[i] + rng.nextGaussian() : 8 - x[i] + 1.5 * rng.nextGaussian())
                    : Families.poisson().of(Math.exp(first ? 0.5 + 0.2 * x[i] : 2 - 0.1 * x[i])).sample(rng);
        }
        return Frame.builder().numeric("x", x).numeric("y", y).build();
    }

    static RegmixEstimator estimator(String family) {
        return RegmixEstimator.of(FORMULA, 2).withFamily(Family.byName(family))
                .withEm(EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-12).withRestarts(5));
    }

    static RegressionMixture fromFree(double[] theta, RegressionMixture like) {
        return RegmixUncertainty.fromFree(like, theta);
    }

    static double logLikelihood(RegressionMixture m, Frame f) {
        return Arrays.stream(RegmixScores.of(m, FORMULA, null, f, false).rowLogLikelihoods()).sum();
    }

    /** Oracle: central differences of the observed log-likelihood; 1e-4 relative. */
    @Test
    void louisMatchesTheNumericalHessian() {
        for (String family : new String[] {"gaussian", "poisson"}) {
            Frame f = data(family, 400, 3);
            RegmixEstimator est = estimator(family);
            RegressionMixture m = est.fit(f, 1).model();
            ObservedInformation louis = RegmixUncertainty.louis(est, m, f);
            assertThat(louis.positiveDefinite()).as(family).isTrue();
            double[] theta = InformationCheck.free(RegmixUncertainty.values(m, new int[] {0, 1}), 2);
            InformationCheck.assertMatches(louis, t -> logLikelihood(fromFree(t, m), f), theta, 1e-4);
        }
        RegressionMixture g = estimator("gaussian").fit(data("gaussian", 100, 1), 1).model();
        assertThat(RegmixUncertainty.names(g)).containsExactly("weight[0]", "weight[1]", "coef[0][(Intercept)]",
                "coef[0][x]", "sd[0]", "coef[1][(Intercept)]", "coef[1][x]", "sd[1]");
    }

    @Test
    void bootstrapIsTheSameBitsOnOneAndTwoThreads() {
        Frame f = data("gaussian", 200, 5);
        RegmixEstimator est = estimator("gaussian");
        BootstrapChecks.sameBitsOnOneAndTwoThreads(RegmixUncertainty.bootstrap(est, f, null), f, est.fit(f, 1).model(), 4);
    }

    /**
     * Oracle: Louis' SEs. 1500 rows, 150 parametric replicates (responses redrawn at the observed
     * x): every SE within 20% of Louis' (Monte Carlo error of a bootstrap SE is about 1/sqrt(2B) = 6%).
     */
    @Test
    void parametricBootstrapAgreesWithLouis() {
        Frame f = data("gaussian", 1500, 6);
        RegmixEstimator est = estimator("gaussian");
        RegressionMixture fit = est.fit(f, 1).model();
        double[] louis = RegmixUncertainty.louis(est, fit, f).standardError();
        BootstrapResult r = new Bootstrap(150, BootstrapKind.PARAMETRIC, 0.95, 0)
                .run(RegmixUncertainty.bootstrap(est, f, null), f, fit, 8);
        BootstrapChecks.standardErrorsNear(r, louis, 0.2);
    }
}
