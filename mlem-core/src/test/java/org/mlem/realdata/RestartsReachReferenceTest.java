package org.mlem.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, part 2: on small real data sets and every EM model, ten restarts ({@code --n-init 10},
 * the default seed, every other option at its default) reach the best maximum that an independent
 * implementation finds from many random starts.
 *
 * <p>Oracle: {@code fixtures/realdata/reference.json}, written by
 * {@code tools/reference/realdata_reference.py}: plain EM in numpy with mlem's model definitions
 * (ridge, guards, ECM for ν, HMM start distribution) from 200 random starts (100 for the t
 * mixture), degenerate end points excluded, the best few polished until Aitken's estimate of the
 * gain still to come is below 1e-12 relative.
 *
 * <p>Tolerance: |ℓ_mlem − ℓ_ref| ≤ {@link #SLACK} · max(1e-6, 1e-8·|ℓ_ref|). Once the default stop
 * meets issue 10's bound (max(1e-6, 1e-8·|ℓ|) from its own maximum), a run that found the
 * reference's maximum lies within one bound of it; the factor 10 leaves room for the last
 * iterations' rounding, and is still far below the gap between distinct optima in these data
 * (the closest pairs seen: 0.05 on birthwt_lca2, 0.12 on discoveries_hmm_poisson2). Two-sided: ending above the reference by more than this means either a
 * degenerate solution won (issue 10, item 4, forbids it) or the reference missed a maximum, and
 * either must be looked at.
 */
class RestartsReachReferenceTest {

    static final long SEED = 0;

    static final int RESTARTS = 10;

    static final double SLACK = 10;

    static List<RealDataCase> cases() {
        return RealDataCase.all();
    }

    static double tolerance(double ll) {
        return SLACK * Math.max(1e-6, 1e-8 * Math.abs(ll));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tenRestartsReachTheReferenceMaximum(RealDataCase c) {
        double ref = c.referenceLogLikelihood();
        assertThat(c.referenceRemainingGain())
                .as("%s: the reference itself was polished to well within the tolerance", c)
                .isLessThan(tolerance(ref) / 100);
        RealDataCase.Fit fit = c.fit(em -> em.withRestarts(RESTARTS), SEED);
        assertThat(fit.logLikelihood() - ref)
                .as("%s: best of %d restarts ℓ %.10f vs reference %.10f (tolerance %.3g); mlem's starts ended at %s; %s",
                        c, RESTARTS, fit.logLikelihood(), ref, tolerance(ref),
                        Arrays.toString(fit.startLogLikelihoods()), c.referenceSummary())
                .isBetween(-tolerance(ref), tolerance(ref));
    }
}
