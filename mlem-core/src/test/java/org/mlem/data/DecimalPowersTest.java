package org.mlem.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Oracle: the table computed with {@link BigInteger} as {@link DecimalParser} did at start-up before
 * the literals of {@link DecimalPowers} (written by {@code tools/codegen/decimal_powers.py}): every
 * entry equal, bit for bit.
 */
class DecimalPowersTest {

    @Test
    void literalsAreThe128BitMantissasOfThePowersOfTenRoundedDown() {
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        int size = DecimalPowers.MAX_EXP10 - DecimalPowers.MIN_EXP10 + 1;
        assertThat(DecimalPowers.HI).hasSize(size);
        assertThat(DecimalPowers.LO).hasSize(size);
        for (int q = DecimalPowers.MIN_EXP10; q <= DecimalPowers.MAX_EXP10; q++) {
            BigInteger m;
            if (q >= 0) {
                BigInteger p = BigInteger.TEN.pow(q);
                m = p.bitLength() > 128 ? p.shiftRight(p.bitLength() - 128) : p.shiftLeft(128 - p.bitLength());
            } else {
                BigInteger p = BigInteger.TEN.pow(-q);
                m = BigInteger.ONE.shiftLeft(p.bitLength() + 127).divide(p);
                if (m.bitLength() > 128) {
                    m = m.shiftRight(m.bitLength() - 128);
                }
            }
            assertThat(m.bitLength()).as("10^%d", q).isEqualTo(128);
            int at = q - DecimalPowers.MIN_EXP10;
            assertThat(DecimalPowers.HI[at]).as("high bits of 10^%d", q).isEqualTo(m.shiftRight(64).longValue());
            assertThat(DecimalPowers.LO[at]).as("low bits of 10^%d", q).isEqualTo(m.and(mask).longValue());
        }
    }
}
