package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;

/**
 * The analytic gradient of the weighted censored log-likelihood ({@link CensoredScore}) and the
 * Hessian, and the M-step built on them ({@link CensoredLikelihood#weightedMle}: Newton where the
 * family has the Hessian, else L-BFGS on the gradient).
 *
 * <p>Oracles: Richardson-extrapolated central differences of the same ℓ ({@link Richardson}, about
 * 1e-9 relative), at 1e-7 relative to max(1, |∂ℓ/∂θ_j|) (gamma's shape derivative of the incomplete
 * gamma is itself a central difference, ~1e-10); and the reference path on differences
 * ({@link CensoredLikelihood#weightedMleByDifferences}), which maximises the same function from the
 * same start: both L-BFGS runs stop at a gradient of 1e-9·|ℓ|, so the maximisers agree to 1e-6
 * relative and their log-likelihoods to 1e-10.
 */
class CensoredScoreTest {

    /** Rows of every kind, with fractional weights (one of 0, skipped), and a θ away from the maximum. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"normal, 1.3, 0.8", "lognormal, 0.2, 0.6", "exponential, 0.7, 0", "weibull, 1.4, 1.9",
            "gamma, 2.3, 1.7"})
    void gradientEqualsRichardsonDifferences(String name, double p0, double p1) {
        UnivariateFamily family = Families.byName(name);
        double[] theta = family.parameterNames().size() == 1 ? new double[] {p0} : new double[] {p0, p1};
        Rows r = rows(family, 400, 3);
        CensoredScore score = new CensoredScore(family, r.lower, r.upper, r.weights);
        double[] analytic = score.gradient(theta);
        double[] differences = Richardson.gradient(score::value, theta);
        for (int j = 0; j < theta.length; j++) {
            assertThat(Math.abs(analytic[j] - differences[j]))
                    .as(name + " d/d" + family.parameterNames().get(j) + ": " + analytic[j] + " vs " + differences[j])
                    .isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(differences[j])));
        }
        CensoredSample s = new CensoredSample(r.lower, r.upper, r.weights);
        assertThat(score.value(theta)).as("the same sum as CensoredFit's")
                .isEqualTo(CensoredFit.logLikelihood(family, theta, s, r.lower, r.upper, Truncation.NONE));
    }

    /** The analytic Hessian against Richardson differences of the analytic gradient, same tolerance. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"normal, 1.3, 0.8", "lognormal, 0.2, 0.6", "exponential, 0.7, 0", "weibull, 1.4, 1.9"})
    void hessianEqualsDifferencesOfTheGradient(String name, double p0, double p1) {
        UnivariateFamily family = Families.byName(name);
        assertThat(family.hasCdfHessian()).isTrue();
        double[] theta = family.parameterNames().size() == 1 ? new double[] {p0} : new double[] {p0, p1};
        int p = theta.length;
        Rows r = rows(family, 400, 3);
        CensoredScore score = new CensoredScore(family, r.lower, r.upper, r.weights);
        double[] analytic = score.hessian(theta);
        for (int j = 0; j < p; j++) {
            int row = j;
            double[] differences = Richardson.gradient(t -> score.gradient(t)[row], theta);
            for (int k = 0; k < p; k++) {
                assertThat(Math.abs(analytic[j * p + k] - differences[k]))
                        .as(name + " H[" + j + "][" + k + "]: " + analytic[j * p + k] + " vs " + differences[k])
                        .isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(differences[k])));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"normal, 0.5, 2", "lognormal, 0.9, 1.1", "exponential, 2, 0", "weibull, 0.8, 3", "gamma, 0.9, 0.4"})
    void analyticMleEqualsTheDifferencesPath(String name, double p0, double p1) {
        UnivariateFamily family = Families.byName(name);
        double[] start = family.parameterNames().size() == 1 ? new double[] {p0} : new double[] {p0, p1};
        Rows r = rows(family, 300, 5);
        double[] fast = CensoredLikelihood.weightedMle(family, r.lower, r.upper, r.weights, start);
        double[] plain = CensoredLikelihood.weightedMleByDifferences(family, r.lower, r.upper, r.weights, start);
        CensoredScore score = new CensoredScore(family, r.lower, r.upper, r.weights);
        for (int j = 0; j < start.length; j++) {
            assertThat(Math.abs(fast[j] - plain[j])).as(name + " parameter " + j + ": " + fast[j] + " vs " + plain[j])
                    .isLessThanOrEqualTo(1e-6 * Math.abs(plain[j]));
        }
        double lf = score.value(fast);
        double lp = score.value(plain);
        assertThat(Math.abs(lf - lp)).as(name + " log-likelihoods " + lf + " vs " + lp)
                .isLessThanOrEqualTo(1e-10 * Math.abs(lp));
        assertThat(lf).as("moved up from the start").isGreaterThan(score.value(start));
    }

    private record Rows(double[] lower, double[] upper, double[] weights) {
    }

    /**
     * n rows drawn from a two-bump law (positive for the positive families): a quarter each exact,
     * right-censored (some far in the tail), left-censored and interval-censored.
     */
    private static Rows rows(UnivariateFamily family, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean real = family.name().equals("normal");
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i % 2 == 0 ? 0.6 : 2.5) * (0.5 + rng.nextDouble());
            if (real) {
                x = x - 1.5;
            }
            w[i] = i == 7 ? 0 : 0.05 + rng.nextDouble();
            switch (i % 4) {
                case 0 -> { lo[i] = x; hi[i] = x; }
                case 1 -> { lo[i] = i % 40 == 1 ? x + 6 : x; hi[i] = Double.POSITIVE_INFINITY; }
                case 2 -> { lo[i] = Double.NEGATIVE_INFINITY; hi[i] = x; }
                default -> { lo[i] = x; hi[i] = x + 0.3 + rng.nextDouble(); }
            }
        }
        return new Rows(lo, hi, w);
    }
}
