package org.mlem.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Oracle: the known minimisers of standard test functions (Moré, Garbow and Hillstrom 1981). */
class LbfgsTest {

    /** Rosenbrock's banana, minimum 0 at (1, …, 1); extended form over pairs. */
    static double rosenbrock(double[] x, double[] g) {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Test
    void rosenbrockFromClassicStartTo1e8() {
        Lbfgs.Result r = new Lbfgs(1000, 1e-12, 10).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.x()[0]).isCloseTo(1, within(1e-8));
        assertThat(r.x()[1]).isCloseTo(1, within(1e-8));
    }

    @Test
    void extendedRosenbrockIn20Dimensions() {
        double[] start = new double[20];
        for (int i = 0; i < start.length; i += 2) {
            start[i] = -1.2;
            start[i + 1] = 1;
        }
        Lbfgs.Result r = new Lbfgs(2000, 1e-12, 10).minimize(LbfgsTest::rosenbrock, start);
        assertThat(r.converged()).as(r.reason()).isTrue();
        for (double v : r.x()) {
            assertThat(v).isCloseTo(1, within(1e-8));
        }
    }

    @Test
    void centralDifferenceGradientsStillReach1e6() {
        Objective numeric = (x, g) -> {
            double[] gx = FiniteDifferences.gradient(p -> rosenbrock(p, new double[2]), x);
            System.arraycopy(gx, 0, g, 0, 2);
            return rosenbrock(x, new double[2]);
        };
        Lbfgs.Result r = new Lbfgs(1000, 1e-10, 10).minimize(numeric, new double[] {-1.2, 1});
        assertThat(r.x()[0]).isCloseTo(1, within(1e-6));
        assertThat(r.x()[1]).isCloseTo(1, within(1e-6));
    }

    @Test
    void reportsIterationLimitAsNotConverged() {
        Lbfgs.Result r = new Lbfgs(3, 1e-12, 10).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertThat(r.converged()).isFalse();
        assertThat(r.reason()).contains("iteration limit 3");
        assertThat(r.iterations()).isEqualTo(3);
    }

    /** Oracle: central differences; tolerance 1e-6 relative (their truncation error is O(h²) ≈ 1e-10). */
    @Property(tries = 200)
    void analyticGradientEqualsCentralDifferences(@ForAll @DoubleRange(min = -2, max = 2) double a,
            @ForAll @DoubleRange(min = -2, max = 2) double b) {
        double[] x = {a, b};
        double[] g = new double[2];
        rosenbrock(x, g);
        double[] fd = FiniteDifferences.gradient(p -> rosenbrock(p, new double[2]), x);
        for (int j = 0; j < 2; j++) {
            assertThat(fd[j]).isCloseTo(g[j], within(1e-6 * Math.max(1, Math.abs(g[j]))));
        }
    }
}
