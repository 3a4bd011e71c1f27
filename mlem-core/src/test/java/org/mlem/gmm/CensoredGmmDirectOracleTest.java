package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;

/**
 * Rows of four censored cells (lattice-rule QMC for their box, {@link TruncatedMvn} for their
 * moments) against an independent fit: tools/reference/censored_gmm_direct.py maximises the
 * censored log-likelihood directly (L-BFGS over logit weight, means and log-Cholesky factors; a
 * Newton step on a central-difference Hessian is tried and kept only if it raises ℓ), its box
 * probabilities by nested Gauss-Legendre quadrature, no EM and no truncated moments. Its starts: a
 * two-means split (ℓ −625.295, the old fixture's maximum), two random splits (−623.381,
 * −625.195) and {@code mlem fit gmm}'s default estimate (seed 1), each recorded with where L-BFGS
 * ended; the fixture's maximum is the highest, −620.068025, reached from mlem's estimate. Data: 150 rows of four columns drawn by the script from a
 * two-component full mixture, each column left-censored at its own limit: 28 rows (19%) with all
 * four cells censored (one box a component), 8 with three, 4 with two, 12 with one
 * (censgmm/four_cells_direct.json).
 *
 * <p>Tolerances. The oracle's ℓ: its quadrature agrees with itself at twice the nodes to the
 * fixture's {@code maxLogDifferenceAtTwiceTheNodes} (2.6e-10) in log a box, and with scipy's
 * MVNDST to 6e-5 summed over the rows; L-BFGS stopped with a gradient norm of 1.4e-3 (the Newton
 * step lowered ℓ), having raised ℓ by only 3e-6 from mlem's estimate, which EM reached from the
 * other side. mlem's: the 28 four-cell rows share one QMC box a component at 1e-6
 * relative (three standard errors; up to 3e-6 seen on iris), 28 × 3e-6 = 8.4e-5; so ℓ agrees to
 * δ = 1e-4. The parameters: within ℓ's flatness, a parameter θ_i can move by at most
 * sqrt(2 δ (H⁻¹)_ii) = sqrt(2 δ) × se_i while ℓ stays within δ of the maximum (H the oracle's
 * observed information, se_i its standard error in the fixture).
 */
class CensoredGmmDirectOracleTest {
    private static final double LL_TOLERANCE = 1e-4;

    private static JsonNode fx;
    private static JsonNode oracle;
    private static CensoredGmmTest.Case c;
    private static GaussianMixture maximum;

    @BeforeAll
    static void read() throws Exception {
        fx = Fixtures.json("censgmm/four_cells_direct.json");
        oracle = fx.get("oracle");
        c = CensoredGmmTest.Case.of(fx);
        maximum = SklearnAgreementTest.mixture(oracle, c.structure(), c.k(), c.data().cols());
    }

    /**
     * The fixture's maximum is the best of the oracle's starts, and mlem's ℓ there (QMC at the
     * default 1e-6) is the oracle's to δ = 1e-4; mlem's default fit's estimate, one of the starts,
     * led there.
     */
    @Test
    void logLikelihoodAtTheOraclesMaximum() {
        assertThat(fours()).isEqualTo(fx.get("rowsByCensoredCells").get(4).asInt()).isEqualTo(28);
        double best = oracle.get("logLikelihood").asDouble();
        for (JsonNode s : oracle.get("starts")) {
            assertThat(s.get("logLikelihood").asDouble()).as(s.get("origin").asText()).isLessThanOrEqualTo(best + LL_TOLERANCE);
        }
        CensoredGmmEstimator estimator = new CensoredGmmEstimator(c.base(), c.cells());
        assertThat(estimator.usesQmc()).isTrue();
        double ll = estimator.logLikelihood(maximum, c.data());
        assertThat(Math.abs(ll - best)).as("ℓ " + ll + ", oracle " + best).isLessThanOrEqualTo(LL_TOLERANCE);
    }

    /**
     * mlem's EM from a stated start away from the maximum (the oracle's weights replaced by 0.6 and
     * 0.4, each mean moved by one of its standard errors, alternately up and down, and each
     * covariance scaled by 1.3) climbs to the oracle's maximum. The QMC runs at 1e-4 relative (the
     * default 1e-6 costs more CPU than a test may spend), SQUAREM to a 1e-9 change of mean ℓ; so the
     * fit's ℓ agrees to 28 × 3e-4 = 8.4e-3 and each parameter, matched to the oracle's components
     * by its means (labels may switch), within sqrt(2 × 8.4e-3) = 0.13 of its standard error (0.2
     * allowed).
     */
    @Test
    void emFromAStatedStartReachesTheOraclesMaximum() throws Exception {
        JsonNode se = oracle.get("standardErrors");
        double[][] means = new double[2][4];
        double[][][] covariances = new double[2][][];
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 4; a++) {
                double sign = (j + a) % 2 == 0 ? 1 : -1;
                means[j][a] = maximum.mean(j)[a] + sign * se.get("mean" + j + "_" + a).asDouble();
            }
            covariances[j] = maximum.covariance(j);
            for (double[] row : covariances[j]) {
                for (int b = 0; b < row.length; b++) {
                    row[b] *= 1.3;
                }
            }
        }
        GaussianMixture start = GaussianMixture.of(new double[] {0.6, 0.4}, means,
                c.structure().fromShape(covariances, 2, 4));
        GaussianMixtureEstimator base = c.base().withInit(new GmmInit.Given(start)).withEm(EmOptions.DEFAULTS
                .withRestarts(1).withTolerance(1e-9).withMaxIterations(500).withAcceleration(Acceleration.SQUAREM));
        MixtureFit<GaussianMixture> fit = new CensoredGmmEstimator(base, c.cells(),
                BoxProbability.DEFAULTS.withRelativeError(1e-4)).fit(c.data(), 0);
        assertThat(fit.converged()).isTrue();
        double best = oracle.get("logLikelihood").asDouble();
        assertThat(Math.abs(fit.logLikelihood() - best)).as("ℓ " + fit.logLikelihood()).isLessThanOrEqualTo(28 * 3e-4);
        GaussianMixture m = fit.model();
        int[] to = m.mean(0)[0] > m.mean(1)[0] ? new int[] {0, 1} : new int[] {1, 0}; // the oracle's order
        close(m.weights()[to[0]], oracle.get("weights").get(0).asDouble(), se.get("weight0").asDouble(), "weight 0");
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 4; a++) {
                close(m.mean(to[j])[a], oracle.get("means").get(j).get(a).asDouble(), se.get("mean" + j + "_" + a).asDouble(),
                        "mean " + j + "," + a);
                for (int b = a; b < 4; b++) {
                    close(m.covariance(to[j])[a][b], oracle.get("covariances").get(j).get(a).get(b).asDouble(),
                            se.get("cov" + j + "_" + a + b).asDouble(), "covariance " + j + "," + a + "," + b);
                }
            }
        }
    }

    private static void close(double got, double want, double se, String what) {
        assertThat(Math.abs(got - want)).as(what + ": mlem " + got + ", oracle " + want + ", se " + se)
                .isLessThanOrEqualTo(0.2 * se + 1e-7);
    }

    private static int fours() {
        int n = 0;
        for (int i = 0; i < c.data().rows(); i++) {
            n += c.cells().censoredInRow(i) == 4 ? 1 : 0;
        }
        return n;
    }
}
