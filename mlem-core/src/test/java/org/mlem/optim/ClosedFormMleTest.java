package org.mlem.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Oracle: closed-form MLEs and their observed information. Estimates agree to 1e-7 relative; SEs
 * to 1e-10 with an analytic Hessian and 1e-5 with a finite-difference Hessian (its truncation and
 * rounding error); profile limits to 1e-7.
 */
class ClosedFormMleTest {
    private static final double[] X = sample(new Random(42), 200);

    private static double[] sample(Random rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3 + 2 * rng.nextGaussian();
        }
        return x;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double mleSd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }

    private static double normalLogLik(double[] t) {
        double s = 0;
        for (double v : X) {
            double z = (v - t[0]) / t[1];
            s += -0.5 * z * z - Math.log(t[1]) - 0.5 * Math.log(2 * Math.PI);
        }
        return s;
    }

    private static double[] normalGradient(double[] t) {
        double gm = 0;
        double gs = 0;
        for (double v : X) {
            double d = v - t[0];
            gm += d / (t[1] * t[1]);
            gs += d * d / (t[1] * t[1] * t[1]) - 1 / t[1];
        }
        return new double[] {gm, gs};
    }

    private static double[][] normalHessian(double[] t) {
        int n = X.length;
        double s2 = t[1] * t[1];
        double sumD = 0;
        double sumD2 = 0;
        for (double v : X) {
            sumD += v - t[0];
            sumD2 += (v - t[0]) * (v - t[0]);
        }
        double hms = -2 * sumD / (s2 * t[1]);
        return new double[][] {{-n / s2, hms}, {hms, n / s2 - 3 * sumD2 / (s2 * s2)}};
    }

    private static final MaximumLikelihood NORMAL = MaximumLikelihood.of(
            List.of(Parameter.free("mean", 0), Parameter.positive("sd", 1)), ClosedFormMleTest::normalLogLik);

    @Test
    void normalMeanAndSdWithoutDerivatives() {
        MleFit fit = NORMAL.fit();
        double m = mean(X);
        double s = mleSd(X);
        assertThat(fit.converged()).as(fit.reason()).isTrue();
        assertThat(fit.estimate("mean")).isCloseTo(m, within(1e-7 * Math.abs(m)));
        assertThat(fit.estimate("sd")).isCloseTo(s, within(1e-7 * s));
        // observed information at the MLE: diag(n/σ², 2n/σ²), so SEs σ/√n and σ/√(2n)
        assertThat(fit.standardError("mean")).isCloseTo(s / Math.sqrt(X.length), within(1e-5 * s));
        assertThat(fit.standardError("sd")).isCloseTo(s / Math.sqrt(2 * X.length), within(1e-5 * s));
    }

    @Test
    void normalWithAnalyticDerivativesMatchesClosedFormTightly() {
        MleFit fit = NORMAL.withGradient(ClosedFormMleTest::normalGradient)
                .withHessian(ClosedFormMleTest::normalHessian).fit();
        double s = mleSd(X);
        assertThat(fit.estimate("mean")).isCloseTo(mean(X), within(1e-7 * Math.abs(mean(X))));
        assertThat(fit.estimate("sd")).isCloseTo(s, within(1e-7 * s));
        double seMean = fit.estimate("sd") / Math.sqrt(X.length);
        assertThat(fit.standardError("mean")).isCloseTo(seMean, within(1e-10 * seMean));
        assertThat(fit.logLikelihood()).isCloseTo(
                -X.length / 2.0 * (Math.log(2 * Math.PI * s * s) + 1), within(1e-9 * X.length));
        double[] wald = fit.waldInterval("mean");
        assertThat(wald[1] - wald[0]).isCloseTo(2 * 1.959963984540054 * seMean, within(1e-9));
    }

    @Test
    void exponentialRate() {
        double[] y = new double[150];
        Random rng = new Random(7);
        for (int i = 0; i < y.length; i++) {
            y[i] = -Math.log(1 - rng.nextDouble()) / 2.5;
        }
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double total = sum;
        MleFit fit = MaximumLikelihood.of(List.of(Parameter.positive("rate", 1)),
                t -> y.length * Math.log(t[0]) - t[0] * total).fit();
        double rate = y.length / total;
        assertThat(fit.estimate("rate")).isCloseTo(rate, within(1e-7 * rate));
        // observed information n/λ²
        assertThat(fit.standardError("rate")).isCloseTo(rate / Math.sqrt(y.length), within(1e-5 * rate));
    }

    @Test
    void poissonMean() {
        int[] k = {3, 0, 2, 5, 1, 4, 2, 2, 3, 6, 1, 0, 2, 3, 4};
        double sum = 0;
        double logFact = 0;
        for (int v : k) {
            sum += v;
            logFact += Gamma.logGamma(v + 1.0);
        }
        double s = sum;
        double lf = logFact;
        MleFit fit = MaximumLikelihood.of(List.of(Parameter.positive("lambda", 10)),
                t -> s * Math.log(t[0]) - k.length * t[0] - lf).fit();
        double lambda = s / k.length;
        assertThat(fit.estimate("lambda")).isCloseTo(lambda, within(1e-7 * lambda));
        // observed information n/λ̂
        assertThat(fit.standardError("lambda")).isCloseTo(Math.sqrt(lambda / k.length), within(1e-5 * lambda));
    }

    @Test
    void profileIntervalOfNormalMeanIsTheLikelihoodRatioInterval() {
        MleFit fit = NORMAL.withGradient(ClosedFormMleTest::normalGradient).fit();
        ProfileInterval pi = NORMAL.withGradient(ClosedFormMleTest::normalGradient).profile(fit, "mean");
        // profiling σ out: 2(ℓ̂ − ℓₚ(μ)) = n log(1 + (x̄ − μ)²/σ̂²) = q  ⇒  μ = x̄ ± σ̂ √(e^{q/n} − 1)
        double q = 3.841458820694124;
        double half = mleSd(X) * Math.sqrt(Math.expm1(q / X.length));
        assertThat(pi.lowerFound() && pi.upperFound()).isTrue();
        assertThat(pi.lower()).isCloseTo(mean(X) - half, within(1e-7 * half));
        assertThat(pi.upper()).isCloseTo(mean(X) + half, within(1e-7 * half));
    }

    @Test
    void profileOfPositiveParameterAndOpenSide() {
        // exponential rate: closed-form LR limits solve 2n(log(λ̂/λ) − 1 + λ/λ̂) = q
        double n = 20;
        double total = 8;
        MaximumLikelihood exp = MaximumLikelihood.of(List.of(Parameter.positive("rate", 1)),
                t -> n * Math.log(t[0]) - t[0] * total);
        MleFit fit = exp.fit();
        ProfileInterval pi = exp.profile(fit, "rate");
        double hat = n / total;
        for (double limit : new double[] {pi.lower(), pi.upper()}) {
            double r = limit / hat;
            assertThat(2 * n * (-Math.log(r) - 1 + r)).isCloseTo(3.841458820694124, within(1e-8));
        }
        assertThat(pi.lower()).isLessThan(hat);
        assertThat(pi.upper()).isGreaterThan(hat);
    }

    @Test
    void bestOfSeveralStartsIsAtLeastEachStart() {
        // two separated bumps: the start near the lower bump alone finds the worse local maximum
        LogLikelihood bumps = t -> Math.log(0.3 * Math.exp(-0.5 * (t[0] + 3) * (t[0] + 3))
                + 0.7 * Math.exp(-0.5 * (t[0] - 4) * (t[0] - 4)));
        MaximumLikelihood problem = MaximumLikelihood.of(List.of(Parameter.free("x", -3)), bumps);
        MleFit single = problem.fit();
        MleFit best = problem.fit(List.of(new double[] {-3}, new double[] {5}));
        assertThat(single.estimate("x")).isCloseTo(-3, within(1e-3));
        assertThat(best.estimate("x")).isCloseTo(4, within(1e-3));
        assertThat(best.logLikelihood()).isGreaterThan(single.logLikelihood());
        assertThat(best.starts()).isEqualTo(2);
    }

    @Test
    void iterationLimitIsReportedNotHidden() {
        MleFit fit = NORMAL.withOptions(MleOptions.DEFAULTS.withMaxIterations(1)).fit();
        assertThat(fit.converged()).isFalse();
        assertThat(fit.reason()).contains("iteration limit 1");
    }
}
