package org.mlem.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Kernels#log1p} against its reference {@link Math#log1p}. */
class LogKernelsTest {

    /**
     * Oracle: {@link Math#log1p} (fdlibm, under 1 ulp); tolerance 4e-16 relative, about 4 units in
     * the last place (Goldberg's bound for the identity with a log within an ulp is 5ε/2 = 2.8e-16,
     * plus the reference's own error), over x from −1 + 2^−52 to 1e300 in log-spaced draws.
     */
    @Test
    void agreesWithMathLog1pToAFewUlps() {
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0;
        for (int t = 0; t < 200_000; t++) {
            double x = switch (t % 4) {
                case 0 -> Math.pow(10, -300 + 600 * rng.nextDouble());  // tiny to huge
                case 1 -> -Math.pow(10, -300 + 300 * rng.nextDouble()); // in (−1, 0)
                case 2 -> rng.nextDouble() * 20;                         // the t mixture's δ/ν and e^−x range
                default -> -1 + Math.ulp(1.0) * (1 + rng.nextInt(1 << 20)); // next to −1
            };
            double want = Math.log1p(x);
            double got = Kernels.log1p(x);
            double rel = Math.abs(got - want) / Math.abs(want);
            worst = Math.max(worst, rel);
            assertThat(rel).as("x = %s", x).isLessThanOrEqualTo(4e-16);
        }
        assertThat(worst).isGreaterThan(0); // the identity does round differently: the bound is not vacuous
    }

    /** Oracle: the IEEE special cases of {@link Math#log1p}, exactly (±0 keeps its sign). */
    @Test
    void specialValuesAreMathLog1ps() {
        for (double x : new double[] {0.0, -0.0, -1, -2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, 1e-20, Double.MAX_VALUE, 1}) {
            assertThat(Double.doubleToRawLongBits(Kernels.log1p(x))).as("x = %s", x)
                    .isEqualTo(Double.doubleToRawLongBits(Math.log1p(x)));
        }
    }
}
