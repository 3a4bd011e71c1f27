package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

/**
 * Oracles: ∫ f = 1 by Gauss–Legendre quadrature (Hipparchus, 1e-10 relative accuracy requested),
 * Σ p = 1 over the support for mass functions, and the cdf equals the integral (or partial sum) of
 * the density up to a point. Tolerance 1e-8.
 */
class NormalisationTest {
    static final double TOL = 1e-8;

    /** ∫ f over [lo, hi], split at {@code breaks} (kinks, the centre, where the tails start). */
    private static double integrate(Distribution d, double lo, double hi, double... breaks) {
        IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        double total = 0;
        double a = lo;
        for (double b : breaks) {
            if (b > a && b < hi) {
                total += q.integrate(1_000_000, x -> Math.exp(d.logDensity(x)), a, b);
                a = b;
            }
        }
        return total + q.integrate(1_000_000, x -> Math.exp(d.logDensity(x)), a, hi);
    }

    @Test
    void continuousDensitiesIntegrateToOneAndToTheirCdf() {
        Object[][] cases = {
            {Families.gamma().of(2.5, 4), 0.0, 20.0, 0.6, new double[] {1, 5}},
            {Families.beta().of(2, 5), 0.0, 1.0, 0.3, new double[] {0.2, 0.5}},
            {Families.weibull().of(1.7, 3), 0.0, 60.0, 2.0, new double[] {3, 10}},
            {Families.studentT().of(1, 2, 4), -4000.0, 4000.0, 2.5, new double[] {-400, -40, -5, 1, 5, 40, 400}},
            {Families.logistic().of(5, 1.5), -80.0, 90.0, 4.0, new double[] {-10, 5, 20}},
            {Families.laplace().of(-1, 0.7), -40.0, 40.0, 0.2, new double[] {-5, -1, 5}},
            {Families.lognormal().of(1, 0.5), 0.0, 200.0, 3.0, new double[] {1, 3, 10, 40}},
        };
        for (Object[] c : cases) {
            Distribution d = (Distribution) c[0];
            double lo = (double) c[1];
            double hi = (double) c[2];
            double at = (double) c[3];
            double[] breaks = (double[]) c[4];
            double tail = d.family() instanceof StudentTFamily ? 2 * (1 - d.cdf(hi)) : 0;   // t(4) tails beyond ±4000
            assertThat(integrate(d, lo, hi, breaks) + tail).as(d.toString()).isCloseTo(1, within(TOL));
            assertThat(integrate(d, lo, at, breaks) + tail / 2).as(d + " cdf").isCloseTo(d.cdf(at), within(TOL));
        }
    }

    @Test
    void massFunctionsSumToOneAndToTheirCdf() {
        Distribution[] cases = {
            Families.poisson().of(4.2), Families.negativeBinomial().of(3, 6), Families.geometric().of(0.3),
            Families.binomial(12).of(0.35), Families.bernoulli().of(0.3), Families.categorical().of(0.2, 0.5, 0.1, 0.2)};
        for (Distribution d : cases) {
            double total = 0;
            for (int k = 0; k < 2000; k++) {
                total += Math.exp(d.logDensity(k));
                if (k == 3) {
                    assertThat(total).as(d + " cdf(3)").isCloseTo(d.cdf(3), within(TOL));
                }
            }
            assertThat(total).as(d.toString()).isCloseTo(1, within(TOL));
        }
    }
}
