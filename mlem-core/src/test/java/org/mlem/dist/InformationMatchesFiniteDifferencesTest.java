package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle: central finite differences. The analytic score equals the derivative of the weighted
 * log-likelihood to within what would move the estimate by 1e-7 relative (|Δg_j| ≤ 1e-7·|H_jj θ_j|;
 * the score is ~0 at the MLE so a plain relative test is meaningless there), and the analytic
 * Hessian (negative observed information) equals the central difference of the score to 1e-5 of
 * its largest entry, at the MLE and at a point away from it
 * (where cross terms do not vanish). Real weights. Laplace (not differentiable in the location)
 * and categorical (constrained probabilities, closed-form covariance) are excluded.
 */
class InformationMatchesFiniteDifferencesTest {
    static Stream<FamilyCases> smoothFamilies() {
        return FamilyCases.all().stream()
                .filter(c -> !(c.family() instanceof LaplaceFamily) && !(c.family() instanceof CategoricalFamily));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothFamilies")
    void analyticDerivativesMatchFiniteDifferences(FamilyCases c) {
        double[] x = c.draw(300, 11);
        double[] w = new double[x.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.25 + (i % 7) * 0.3;
        }
        Sample s = Sample.of(x, w, c.family().name());
        double[] mle = c.family().estimate(s);
        double[] away = mle.clone();
        for (int j = 0; j < away.length; j++) {
            away[j] *= j % 2 == 0 ? 1.07 : 0.95;
        }
        for (double[] theta : new double[][] {mle, away}) {
            checkScore(c.family(), s, theta);
            checkHessian(c.family(), s, theta);
        }
    }

    private static void checkScore(UnivariateFamily f, Sample s, double[] theta) {
        double[] g = f.score(theta, s);
        double[] fd = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double h = 1e-5 * Math.abs(theta[j]);
            fd[j] = (f.logLikelihood(shift(theta, j, h), s) - f.logLikelihood(shift(theta, j, -h), s)) / (2 * h);
        }
        double[][] hess = f.hessian(theta, s);
        for (int j = 0; j < theta.length; j++) {
            assertThat(g[j]).as("score %d", j).isCloseTo(fd[j], within(1e-7 * Math.abs(hess[j][j] * theta[j])));
        }
    }

    private static void checkHessian(UnivariateFamily f, Sample s, double[] theta) {
        double[][] h = f.hessian(theta, s);
        double scale = 0;
        for (double[] row : h) {
            scale = Math.max(scale, maxAbs(row, row));
        }
        for (int j = 0; j < theta.length; j++) {
            double step = 1e-5 * Math.abs(theta[j]);
            double[] up = f.score(shift(theta, j, step), s);
            double[] down = f.score(shift(theta, j, -step), s);
            for (int i = 0; i < theta.length; i++) {
                assertThat(h[i][j]).as("hessian %d,%d", i, j).isCloseTo((up[i] - down[i]) / (2 * step), within(1e-5 * scale));
                assertThat(h[i][j]).as("symmetry %d,%d", i, j).isCloseTo(h[j][i], within(1e-12 * scale));
            }
        }
    }

    private static double[] shift(double[] theta, int j, double h) {
        double[] t = theta.clone();
        t[j] += h;
        return t;
    }

    private static double maxAbs(double[] a, double[] b) {
        double m = 0;
        for (int j = 0; j < a.length; j++) {
            m = Math.max(m, Math.max(Math.abs(a[j]), Math.abs(b[j])));
        }
        return m;
    }
}
