package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Box probabilities of a multivariate normal ({@link BoxProbability}: {@link BivariateNormal},
 * {@link TrivariateNormal}, {@link GenzQmc}) and the moments of the truncated normal ({@link TruncatedMvn}).
 *
 * <p>Oracle: tools/reference/mvn_box_reference.py (fixture censgmm/mvn_box.json): for two cells
 * an iterated integral at 40 digits (mpmath; the inner integral in closed form), for three the
 * same with scipy's nquad outside (its reported error ≤ 1e-10), and scipy's
 * multivariate_normal.cdf for every case; for 40 random trivariate boxes an iterated integral of
 * Owen's-T rectangle probabilities (scipy's quad, error ≤ 3e-14). Tolerances: two cells 1e-13
 * relative on P (measured 4e-16; Genz's bivariate method is good to ~1e-15 absolute), 1e-10 on the
 * moments (floor 1e-9; measured ≤ 1.4e-11, on the small covariance of the far-tail case where
 * P = 1.8e-6, ≤ 1e-13 elsewhere); three cells (Genz's trivariate method) 1e-10 relative on P and
 * 1e-8 on the moments relative to max(|value|, 1e-3) (nquad's own error: measured P within 2e-14,
 * moments within 3e-11), 1e-9 relative (of scipy's Genz QMC at 1e-10 absolute) against scipy;
 * four cells, where P is quasi-Monte Carlo, here stopped at three standard errors ≤ 1e-5 relative,
 * 3e-5 relative on P.
 */
class TruncatedMvnTest {
    @Test
    void boxProbabilitiesAndMomentsMatchTheReference() {
        JsonNode cases = Fixtures.json("censgmm/mvn_box.json").get("cases");
        assertThat(cases.size()).isEqualTo(11);
        for (JsonNode c : cases) {
            Box box = Box.of(c);
            int d = box.d;
            double[] cov = box.cov;
            double[] lo = box.lo;
            double[] hi = box.hi;
            String name = c.get("name").asText();
            double pTol = d == 2 ? 1e-13 : 1e-10;
            double mTol = d == 2 ? 1e-10 : 1e-8;
            double[] mean = new double[d];
            double[] tcov = new double[d * d];
            BoxProbability rule = d == 4 ? BoxProbability.DEFAULTS.withRelativeError(1e-5) : BoxProbability.DEFAULTS;
            double logP = TruncatedMvn.moments(cov, d, lo, hi, rule, mean, tcov);
            double scipy = c.get("scipyCdf").asDouble();
            assertClose(Math.exp(logP), scipy, d == 2 && scipy > 1e-3 ? 1e-13 : d == 3 ? 1e-8 : 3e-5, 1e-300,
                    name + " P vs scipy");
            if (!c.has("probability")) {
                continue;
            }
            assertClose(Math.exp(logP), c.get("probability").asDouble(), pTol, 1e-300, name + " P");
            for (int a = 0; a < d; a++) {
                assertClose(mean[a], c.get("mean").get(a).asDouble(), mTol, d == 2 ? 1e-9 : 1e-3, name + " mean " + a);
                for (int b = 0; b < d; b++) {
                    assertClose(tcov[a * d + b], c.get("covariance").get(a).get(b).asDouble(), mTol, d == 2 ? 1e-9 : 1e-3,
                            name + " covariance " + a + "," + b);
                }
            }
        }
    }

    /**
     * Genz's trivariate method on 40 random boxes (each side left-open, right-open or an interval;
     * correlations up to ±0.99) against the Owen's-T iterated integral: 1e-14 absolute (measured
     * 2.2e-16; the reference's quadrature error is at most 3e-14 as quad reports it, far less in
     * fact), so 1e-10 relative wherever P ≥ 1e-4; and in any order of the variables.
     */
    @Test
    void trivariateMethodMatchesAnIteratedIntegral() {
        JsonNode cases = Fixtures.json("censgmm/mvn_box.json").get("trivariate");
        assertThat(cases.size()).isEqualTo(40);
        int[][] orders = {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}};
        for (JsonNode c : cases) {
            double want = c.get("probability").asDouble();
            for (int[] o : orders) {
                double[] lo = new double[3];
                double[] hi = new double[3];
                for (int a = 0; a < 3; a++) {
                    lo[a] = number(c.get("lower").get(o[a]));
                    hi[a] = number(c.get("upper").get(o[a]));
                }
                JsonNode r = c.get("correlation");
                double got = TrivariateNormal.box(lo, hi, r.get(o[0]).get(o[1]).asDouble(), r.get(o[0]).get(o[2]).asDouble(),
                        r.get(o[1]).get(o[2]).asDouble());
                assertThat(Math.abs(got - want)).as("P(" + c.get("lower") + " < X <= " + c.get("upper") + ") order "
                        + java.util.Arrays.toString(o) + ": got " + got + ", want " + want).isLessThanOrEqualTo(1e-14);
            }
        }
    }

    /**
     * Genz's QMC at two cells against the bivariate method (independent algorithms, same law):
     * within the QMC's own error estimate; and its seeded result is the same bits on every call.
     */
    @Test
    void quasiMonteCarloAgreesWithTheBivariateMethod() {
        double[] cov = {1.0, 0.72, 0.72, 0.81};
        double[] lo = {Double.NEGATIVE_INFINITY, -0.4};
        double[] hi = {0.3, Double.POSITIVE_INFINITY};
        double exact = BivariateNormal.rectangle(lo[0], hi[0], lo[1] / 0.9, hi[1] / 0.9, 0.8);
        double[] err = new double[1];
        double qmc = GenzQmc.probability(cov, 2, lo, hi, 1e-8, 400_000, 3, err);
        assertThat(Math.abs(qmc - exact)).as("QMC " + qmc + " exact " + exact + " error " + err[0]).isLessThanOrEqualTo(
                Math.max(err[0], 1e-12));
        assertThat(GenzQmc.probability(cov, 2, lo, hi, 1e-8, 400_000, 3, null)).isEqualTo(qmc);
    }

    /**
     * Genz's QMC on lattice rules at the default 1e-6 relative error, on twelve random boxes of four
     * to seven correlated cells against scipy's MVNDST at 1e-10 relative (fixture
     * censgmm/mvn_box_qmc.json, tools/reference/mvn_box_qmc_reference.py, run with two seeds: their
     * spread, at most 3.7e-7 relative, is the reference's own error): within the QMC's own error
     * estimate (three standard errors over the shifts: at most 1e-6 × P, unless the 2,000,000-value
     * budget ran out first, as it does on the six-cell box of case 3, 2.3e-6 from scipy) plus three
     * times that spread; and the same bits on a second call for the first four boxes (four, five, six
     * and seven cells, case 3's spent budget among them): a second call of all twelve doubled the
     * module's slowest test (CI time).
     */
    @Test
    void latticeQmcMatchesScipyFromFourToSevenCells() {
        JsonNode cases = Fixtures.json("censgmm/mvn_box_qmc.json").get("cases");
        assertThat(cases.size()).isEqualTo(12);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            Box b = Box.of(c);
            double want = c.get("probability").asDouble();
            double[] err = new double[1];
            double got = qmc(b, err);
            double allowed = Math.max(1e-6 * want, err[0]) + 3 * c.get("spread").asDouble();
            assertThat(Math.abs(got - want)).as(b.d + " cells: got " + got + ", want " + want).isLessThanOrEqualTo(allowed);
            if (i < 4) {
                assertThat(b.d).isEqualTo(4 + i);
                assertThat(qmc(b, null)).isEqualTo(got);
            }
        }
    }

    /** The box's probability by the lattice QMC at 1e-6 with the default budget and seed. */
    private static double qmc(Box b, double[] err) {
        return GenzQmc.probability(b.cov, b.d, b.lo, b.hi, 1e-6, BoxProbability.DEFAULTS.maxPoints(),
                BoxProbability.DEFAULTS.seed(), err);
    }

    /**
     * Φ(Φ⁻¹(u)) = u from 1e-300 to 1 − 1e-9 (the quantile GenzQmc maps lattice points with), to
     * 1e-14 relative times Φ's condition number at x = Φ⁻¹(u), about max(1, x²) (x = −37 at 1e-300);
     * above 1/2 to 1e-15 absolute.
     */
    @Test
    void quantileInvertsTheNormalCdf() {
        for (double u : new double[] {1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.02425, 0.3, 0.5, 0.77, 0.99, 1 - 1e-9}) {
            double x = GenzQmc.quantile(u);
            double back = x < 0 ? GenzQmc.upperTail(-x) : 1 - GenzQmc.upperTail(x);
            if (u <= 0.5) {
                assertClose(back, u, 1e-14 * Math.max(1, x * x), 0, "Φ(Φ⁻¹(" + u + "))");
            } else {
                assertThat(Math.abs(back - u)).as("Φ(Φ⁻¹(" + u + "))").isLessThanOrEqualTo(1e-15);
            }
        }
    }

    /**
     * The integrand's fast Q(z) = 1 − Φ(z) against mpmath's at 40 digits (fixture censgmm/mvn_box.json,
     * z = 0 to 38.5 by 0.0731): 5e-15 relative (measured 3.8e-15, near z = 2.5 where Hart's rational
     * approximation hands over to the continued fraction), 1e-322 absolute where Q is subnormal
     * (z &gt; 37.5); and for negative z, 1 − Q(|z|), against
     * Hipparchus's erfc to 2.3e-16 absolute.
     */
    @Test
    void fastUpperTailMatchesMpmath() {
        for (JsonNode zq : Fixtures.json("censgmm/mvn_box.json").get("upperTail")) {
            double z = zq.get(0).asDouble();
            double want = zq.get(1).asDouble();
            if (want >= Double.MIN_NORMAL) {
                assertClose(GenzQmc.upperTail(z), want, 5e-15, 0, "Q(" + z + ")");
            } else { // subnormal (z > 37.5): a few units in the last place, 5e-324 each
                assertThat(Math.abs(GenzQmc.upperTail(z) - want)).as("Q(" + z + ")").isLessThanOrEqualTo(1e-322);
            }
            double negative = 0.5 * org.hipparchus.special.Erf.erfc(-z / Math.sqrt(2));
            assertThat(Math.abs(GenzQmc.upperTail(-z) - negative)).as("Q(" + -z + ")").isLessThanOrEqualTo(2.3e-16);
        }
    }

    /** A fixture case's covariance and bounds. */
    private record Box(int d, double[] cov, double[] lo, double[] hi) {
        static Box of(JsonNode c) {
            int d = c.get("lower").size();
            double[] cov = new double[d * d];
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int a = 0; a < d; a++) {
                lo[a] = number(c.get("lower").get(a));
                hi[a] = number(c.get("upper").get(a));
                for (int b = 0; b < d; b++) {
                    cov[a * d + b] = c.get("cov").get(a).get(b).asDouble();
                }
            }
            return new Box(d, cov, lo, hi);
        }
    }

    private static double number(JsonNode node) {
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
    }

    private static void assertClose(double got, double want, double rtol, double floor, String what) {
        assertThat(Tolerances.relativeError(got, want, floor)).as(what + ": got " + got + ", want " + want)
                .isLessThanOrEqualTo(rtol);
    }
}
