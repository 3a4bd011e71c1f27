package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;

/** Multinomial fits; each test names its oracle and tolerance. */
class MultinomialFamilyTest {
    static final double[] PROB = {0.5, 0.2, 0.3};

    /** Oracle: exhaustive sum over all count vectors with total 6 equals 1, to 1e-12. */
    @Test
    void massSumsToOne() {
        Multinomial m = Multinomial.of(PROB);
        double total = 0;
        for (int a = 0; a <= 6; a++) {
            for (int b = 0; a + b <= 6; b++) {
                total += Math.exp(m.logMass(new double[] {a, b, 6 - a - b}));
            }
        }
        assertThat(total).isCloseTo(1, within(1e-12));
    }

    /** Oracle: with two categories the multinomial is R's dbinom, 1e-12 relative. */
    @Test
    void twoCategoriesIsTheBinomial() {
        double expected = Families.binomial(9).of(0.3).logDensity(4);
        assertThat(Multinomial.of(0.3, 0.7).logMass(new double[] {4, 5})).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    /**
     * Oracles: the truth (rtol 0.1 from 3000 rows of 10 draws, testing the sampler) and the law that
     * integer weights equal repeated rows (1e-12 relative).
     */
    @Test
    void recoversProbabilitiesAndWeightsEqualRepeats() {
        SplittableRandom rng = new SplittableRandom(9);
        Multinomial truth = Multinomial.of(PROB);
        double[] rows = new double[3000 * 3];
        for (int i = 0; i < 3000; i++) {
            System.arraycopy(truth.sample(10, rng), 0, rows, 3 * i, 3);
        }
        FittedMultivariate<Multinomial> fit = MultinomialFamily.fitWeighted(rows, 3, null, null);
        for (int j = 0; j < 3; j++) {
            assertThat(fit.distribution().prob()[j]).isCloseTo(PROB[j], within(0.1 * PROB[j]));
        }
        double[] firstRows = java.util.Arrays.copyOf(rows, 12);
        double[] doubled = new double[24];
        System.arraycopy(firstRows, 0, doubled, 0, 12);
        System.arraycopy(firstRows, 0, doubled, 12, 12);
        FittedMultivariate<Multinomial> weighted = MultinomialFamily.fitWeighted(firstRows, 3, new double[] {2, 2, 2, 2}, null);
        FittedMultivariate<Multinomial> repeated = MultinomialFamily.fitWeighted(doubled, 3, null, null);
        assertThat(weighted.logLikelihood()).isCloseTo(repeated.logLikelihood(), within(1e-12 * Math.abs(repeated.logLikelihood())));
        assertThat(weighted.distribution().prob()).containsExactly(repeated.distribution().prob(), within(1e-15));
        assertThat(weighted.nParameters()).isEqualTo(2);
    }

    @Test
    void nonCountsAreNamed() {
        assertThatThrownBy(() -> MultinomialFamily.fitWeighted(new double[] {1, 2, 3, 1.5}, 2, null, null))
                .isInstanceOf(MlemUserException.class).hasMessageStartingWith("row 2, column x2: value 1.5 is not a count");
    }
}
