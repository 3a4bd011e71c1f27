package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** The log-factorial table against Hipparchus' log Γ, bit for bit (oracle: {@code Gamma.logGamma(x + 1)}; tolerance: none). */
class LogFactorialTest {
    @Test
    void theTableIsLogGammaBitForBitAndOtherArgumentsPassThrough() {
        for (int i = 0; i < LogFactorial.TABLE + 10; i++) {
            assertThat(LogFactorial.of(i)).as("x=%d", i).isEqualTo(Gamma.logGamma(i + 1.0));
        }
        for (double x : new double[] {0.5, 2.25, 1e9, 4095.5, -0.5}) {
            assertThat(LogFactorial.of(x)).as("x=%s", x).isEqualTo(Gamma.logGamma(x + 1));
        }
    }
}
