package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;

/** Data a family cannot take is a {@link MlemUserException} that names the row, value and fix. */
class BadInputTest {
    @Test
    void valueOutsideSupportNamesTheFirstOffendingRow() {
        double[] x = new double[30];
        Arrays.fill(x, 1.5);
        x[16] = -2.0;
        x[20] = -3.0;
        assertThatThrownBy(() -> Families.gamma().fit(x)).isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 17: value -2.0 is outside the gamma family's support (x > 0)");
    }

    @Test
    void nonIntegerCountIsRejected() {
        assertThatThrownBy(() -> Families.poisson().fit(new double[] {1, 2, 2.5})).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 3: value 2.5").hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Families.binomial(5).fit(new double[] {1, 6})).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2: value 6.0").hasMessageContaining("x = 0, 1, ..., 5");
    }

    @Test
    void constantDataCannotBeFittedByContinuousFamilies() {
        double[] x = {2, 2, 2, 2};
        for (UnivariateFamily f : new UnivariateFamily[] {
            Families.normal(), Families.lognormal(), Families.gamma(), Families.weibull(), Families.studentT(),
            Families.laplace(), Families.logistic()}) {
            assertThatThrownBy(() -> f.fit(x)).as(f.name()).isInstanceOf(MlemUserException.class)
                    .hasMessageContaining("all values (of positive weight) equal 2.0").hasMessageContaining(f.name());
        }
        assertThatThrownBy(() -> Families.beta().fit(new double[] {0.5, 0.5})).isInstanceOf(MlemUserException.class);
        assertThatThrownBy(() -> Families.exponential().fit(new double[] {0, 0})).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("rate MLE is infinite");
    }

    @Test
    void rowsOfZeroWeightDoNotCountTowardsSpread() {
        assertThatThrownBy(() -> Families.normal().fitWeighted(new double[] {1, 5, 1}, new double[] {1, 0, 2}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("sd MLE would be 0");
    }

    @Test
    void underdispersedCountsHaveNoNegativeBinomialMle() {
        assertThatThrownBy(() -> Families.negativeBinomial().fit(new double[] {2, 3, 2, 3, 2, 3}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("not overdispersed")
                .hasMessageContaining("poisson");
    }

    @Test
    void badWeightsAreNamed() {
        assertThatThrownBy(() -> Families.normal().fitWeighted(new double[] {1, 2, 3}, new double[] {1, -1, 1}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 2: weight -1.0");
        assertThatThrownBy(() -> Families.normal().fitWeighted(new double[] {1, 2}, new double[] {0, 0}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("weights sum to 0");
        assertThatThrownBy(() -> Families.normal().fit(new double[] {1, Double.NaN}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 2: value NaN");
    }

    @Test
    void familiesByNameListsValidNamesOnAnUnknownOne() {
        assertThatThrownBy(() -> Families.byName("gamm")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("unknown distribution family 'gamm'").hasMessageContaining("weibull, beta, t, student-t");
        assertThatThrownBy(() -> Families.byName("binomial")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("binomial:SIZE");
        assertThat(Families.byName("Student-T")).isInstanceOf(StudentTFamily.class);
        assertThat(((BinomialFamily) Families.byName("binomial:10")).size()).isEqualTo(10);
        assertThat(Families.byName("categorical:3").parameterNames()).containsExactly("prob0", "prob1", "prob2");
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> Families.gamma().of(2, -1)).isInstanceOf(MlemUserException.class)
                .hasMessage("the gamma family's rate must be positive and finite, got -1.0");
        assertThatThrownBy(() -> Families.categorical().of(0.5, 0.6)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("sum to 1");
    }
}
