package org.mlem.regmix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.em.Acceleration;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;

/**
 * The direct M-step ({@link org.mlem.glm.ComponentGlm}) equals the reference one (the glm
 * package's whole fit on a fresh frame, {@code -Dmlem.regmix.mstep=plain}).
 *
 * <p>Oracle: {@link RegmixModel#withPlainMstep()} on the same data and responsibilities. Poisson
 * and binomial run the same IRLS on the same arrays: the same bits. The gaussian's one
 * normal-equations solve of y − offset (refined once) against IRLS's second, refined solve of a
 * working response equal to y − offset up to rounding: 1e-12 relative on coefficients and sd,
 * and on the log-likelihood trace of 25 EM iterations from one start.
 */
class RegmixMstepTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "poisson", "binomial"})
    void directMstepEqualsThePlainOne(String familyName) {
        Family family = Family.byName(familyName);
        Frame frame = familyName.equals("poisson") ? Simulated.poissonMixture(3000, 4)
                : familyName.equals("binomial") ? binary(Simulated.crossingLines(3000, 4)) : Simulated.crossingLines(3000, 4);
        RegmixEstimator est = RegmixEstimator.of("y ~ x", 2).withFamily(family);
        RegmixEstimator.Prepared prep = est.prepare(frame);
        RegmixModel fast = prep.model();
        RegmixModel plain = fast.withPlainMstep();
        boolean bits = !familyName.equals("gaussian");
        SplittableRandom rng = new SplittableRandom(9);
        for (int round = 0; round < 3; round++) {
            double[] resp = new double[prep.data().n * 2];
            for (int i = 0; i < prep.data().n; i++) {
                resp[2 * i] = rng.nextDouble();
                resp[2 * i + 1] = 1 - resp[2 * i];
            }
            RegressionMixture a = fast.maximize(resp);
            RegressionMixture b = plain.maximize(resp);
            assertThat(a.weights()).containsExactly(b.weights());
            for (int j = 0; j < 2; j++) {
                assertClose(a.coefficients(j), b.coefficients(j), bits, familyName + " component " + j);
                if (a.hasSd()) {
                    assertClose(new double[] {a.sd(j)}, new double[] {b.sd(j)}, bits, "sd " + j);
                }
            }
        }
        RegressionMixture start = fast.maximize(halves(prep.data().n));
        EmOptions em = EmOptions.DEFAULTS.withMaxIterations(25).withTolerance(0).withAcceleration(Acceleration.NONE);
        try (BlockReducer reducer = new BlockReducer(2)) {
            EmRun<RegressionMixture> x = EmDriver.run(fast, prep.data().blocks, start, em, reducer, null);
            EmRun<RegressionMixture> y = EmDriver.run(plain, prep.data().blocks, start, em, reducer, null);
            assertClose(x.trace(), y.trace(), bits, familyName + " EM trace");
        }
    }

    private static void assertClose(double[] got, double[] want, boolean bits, String what) {
        if (bits) {
            assertThat(got).as(what).containsExactly(want);
            return;
        }
        for (int t = 0; t < got.length; t++) {
            assertThat(Math.abs(got[t] - want[t])).as(what + " [" + t + "]: " + got[t] + " vs " + want[t])
                    .isLessThanOrEqualTo(1e-12 * Math.abs(want[t]));
        }
    }

    /** Responsibilities by x's rank: the lower half of the rows mostly to component 0. */
    private static double[] halves(int n) {
        double[] r = new double[2 * n];
        for (int i = 0; i < n; i++) {
            r[2 * i] = i % 2 == 0 ? 0.8 : 0.3;
            r[2 * i + 1] = 1 - r[2 * i];
        }
        return r;
    }

    /** The crossing lines' y above 3 as a 0/1 response. */
    private static Frame binary(Frame f) {
        double[] y = f.numeric("y").clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] > 3 ? 1 : 0;
        }
        return Frame.builder().numeric("x", f.numeric("x")).numeric("y", y).build();
    }

}
