package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;

/**
 * Rows of four censored cells (lattice-rule QMC for their box, {@link TruncatedMvn} for their
 * moments) against an independent fit: tools/reference/censored_gmm_direct.py maximises the
 * censored log-likelihood directly (L-BFGS over logit weight, means and log-Cholesky factors from
 * three starts, then a Newton check on a central-difference Hessian), its box probabilities by
 * nested Gauss-Legendre quadrature, no EM and no truncated moments. Data: 150 rows of four columns
 * drawn by the script from a two-component full mixture, each column left-censored at its own
 * limit: 28 rows (19%) with all four cells censored (one box a component), 8 with three, 4 with two,
 * 12 with one (censgmm/four_cells_direct.json).
 *
 * <p>Tolerances. The oracle's ℓ: its quadrature agrees with itself at twice the nodes to 3.3e-9 in
 * log a box (so ≤ 150 × 3.3e-9 = 5e-7 on ℓ) and its gradient at the end is 1.3e-4, whose effect on ℓ
 * is below 1e-8 at the Hessian's curvature. mlem's: the 28 four-cell rows share one QMC box a
 * component at 1e-6 relative (three standard errors; up to 3e-6 seen on iris), 28 × 3e-6 = 8.4e-5;
 * so ℓ agrees to δ = 1e-4. The parameters: within ℓ's flatness, a parameter θ_i can move by at
 * most sqrt(2 δ (H⁻¹)_ii) = sqrt(2 δ) × se_i while ℓ stays within δ of the maximum (H the
 * oracle's observed information, se_i its standard error in the fixture), i.e. 0.014 se_i at
 * δ = 1e-4 (the fit below runs the QMC coarser, and widens δ and this accordingly).
 */
class CensoredGmmDirectOracleTest {
    private static final double LL_TOLERANCE = 1e-4;
    private static final double FIT_SE_FRACTION = 0.2;

    /** mlem's ℓ at the oracle's maximum (QMC at the default 1e-6) is the oracle's. */
    @Test
    void logLikelihoodAtTheOraclesMaximum() throws Exception {
        JsonNode fx = Fixtures.json("censgmm/four_cells_direct.json");
        CensoredGmmTest.Case c = CensoredGmmTest.Case.of(fx);
        JsonNode oracle = fx.get("oracle");
        assertThat(fours(c)).isEqualTo(fx.get("rowsByCensoredCells").get(4).asInt()).isEqualTo(28);
        GaussianMixture mle = SklearnAgreementTest.mixture(oracle, c.structure(), c.k(), c.data().cols());
        CensoredGmmEstimator estimator = new CensoredGmmEstimator(c.base(), c.cells());
        assertThat(estimator.usesQmc()).isTrue();
        double ll = estimator.logLikelihood(mle, c.data());
        assertThat(Math.abs(ll - oracle.get("logLikelihood").asDouble())).as("ℓ " + ll).isLessThanOrEqualTo(LL_TOLERANCE);
    }

    /**
     * The oracle's maximum is a fixed point of mlem's EM: from it (as a given start; SQUAREM to a
     * 1e-7 change of mean ℓ) mlem's censored EM stays there. The QMC runs at 1e-4 relative (the
     * default 1e-6 costs more CPU than a test may spend; the far component's four-cell box, of
     * probability 6e-6, no longer spends the whole point budget each iteration since its error
     * target is relative to the row's likelihood, docs/benchmarks.md), so ℓ agrees to 28 × 3e-4 = 8.4e-3 and each parameter within
     * sqrt(2 × 8.4e-3) = 0.13 of its standard error (0.2 allowed).
     */
    @Test
    void emStaysAtTheDirectMaximum() throws Exception {
        JsonNode fx = Fixtures.json("censgmm/four_cells_direct.json");
        CensoredGmmTest.Case c = CensoredGmmTest.Case.of(fx);
        JsonNode oracle = fx.get("oracle");
        GaussianMixture start = SklearnAgreementTest.mixture(oracle, c.structure(), c.k(), c.data().cols());
        GaussianMixtureEstimator base = c.base().withInit(new GmmInit.Given(start)).withEm(EmOptions.DEFAULTS
                .withRestarts(1).withTolerance(1e-7).withMaxIterations(200).withAcceleration(Acceleration.SQUAREM));
        MixtureFit<GaussianMixture> fit = new CensoredGmmEstimator(base, c.cells(),
                BoxProbability.DEFAULTS.withRelativeError(1e-4)).fit(c.data(), 0);
        assertThat(fit.converged()).isTrue();
        assertThat(Math.abs(fit.logLikelihood() - oracle.get("logLikelihood").asDouble()))
                .as("ℓ " + fit.logLikelihood()).isLessThanOrEqualTo(28 * 3e-4);
        GaussianMixture m = fit.model();
        JsonNode se = oracle.get("standardErrors");
        close(m.weights()[0], oracle.get("weights").get(0).asDouble(), se.get("weight0").asDouble(), "weight 0");
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 4; a++) {
                close(m.mean(j)[a], oracle.get("means").get(j).get(a).asDouble(), se.get("mean" + j + "_" + a).asDouble(),
                        "mean " + j + "," + a);
                for (int b = a; b < 4; b++) {
                    close(m.covariance(j)[a][b], oracle.get("covariances").get(j).get(a).get(b).asDouble(),
                            se.get("cov" + j + "_" + a + b).asDouble(), "covariance " + j + "," + a + "," + b);
                }
            }
        }
    }

    private static void close(double got, double want, double se, String what) {
        assertThat(Math.abs(got - want)).as(what + ": mlem " + got + ", oracle " + want + ", se " + se)
                .isLessThanOrEqualTo(FIT_SE_FRACTION * se + 1e-7);
    }

    private static int fours(CensoredGmmTest.Case c) {
        int n = 0;
        for (int i = 0; i < c.data().rows(); i++) {
            n += c.cells().censoredInRow(i) == 4 ? 1 : 0;
        }
        return n;
    }
}
