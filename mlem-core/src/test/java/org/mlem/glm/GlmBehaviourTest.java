package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/** Behaviour R defines: aliasing, separation, and the inputs a family cannot take. */
class GlmBehaviourTest {
    private static final double[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private static GlmFit fit(String family, String formula, Frame frame) {
        return GlmEstimator.of(Family.byName(family)).fit(formula, frame, DesignSpec.DEFAULTS);
    }

    @Test
    void duplicatedColumnIsAliasedLikeR() {
        // Oracle: R's lm/glm report NA for the later of two identical columns and fit the rest as
        // the model without it. Tolerance 1e-12 relative (same arithmetic path up to the QR).
        double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1, 18.0, 19.9};
        Frame f = Frame.builder().numeric("y", y).numeric("x", X).numeric("x2", X).build();
        GlmFit both = fit("gaussian", "y ~ x + x2", f);
        GlmFit one = fit("gaussian", "y ~ x", f);
        assertThat(both.coefficient("x2").aliased()).isTrue();
        assertThat(both.coefficientMap()).containsEntry("x2", null);
        assertThat(both.rank()).isEqualTo(2);
        assertThat(both.dfResidual()).isEqualTo(8);
        assertThat(both.coefficient("x").estimate()).isCloseTo(one.coefficient("x").estimate(), within(1e-12));
        assertThat(both.coefficient("x").standardError()).isCloseTo(one.coefficient("x").standardError(), within(1e-12));
        assertThat(both.aic()).isCloseTo(one.aic(), within(1e-9));
    }

    @Test
    void separationWarnsAndStops() {
        // Oracle: R's glm(y ~ x, binomial) on perfectly separated data warns "fitted probabilities
        // numerically 0 or 1 occurred" and stops within maxit (25) iterations.
        double[] y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        GlmFit fit = fit("binomial", "y ~ x", Frame.builder().numeric("y", y).numeric("x", X).build());
        assertThat(fit.warnings()).contains("fitted probabilities numerically 0 or 1 occurred");
        assertThat(fit.iterations()).isBetween(1, GlmOptions.DEFAULTS.maxIterations());
        assertThat(fit.deviance()).isLessThan(1e-6);
    }

    @Test
    void binomialResponseOutsideUnitIntervalNamesTheRow() {
        Frame f = Frame.builder().numeric("y", 0, 1, 2, 0, 1).numeric("x", 1, 2, 3, 4, 5).build();
        assertThatThrownBy(() -> fit("binomial", "y ~ x", f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("data row 3").hasMessageContaining("binomial");
    }

    @Test
    void negativeCountNamesTheRow() {
        Frame f = Frame.builder().numeric("y", 0, 1, 2, -1, 1).numeric("x", 1, 2, 3, 4, 5).build();
        assertThatThrownBy(() -> fit("poisson", "y ~ x", f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("data row 4").hasMessageContaining("count >= 0");
    }

    @Test
    void nonPositiveGammaResponseNamesTheRow() {
        Frame f = Frame.builder().numeric("y", 1, 0, 2, 3, 1).numeric("x", 1, 2, 3, 4, 5).build();
        assertThatThrownBy(() -> fit("gamma", "y ~ x", f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("data row 2").hasMessageContaining("> 0");
    }

    @Test
    void rowNumbersCountDroppedRows() {
        Frame f = Frame.builder().numeric("y", 1, 2, 3, -1).numeric("x", Double.NaN, 2, 3, 4).build();
        assertThatThrownBy(() -> GlmEstimator.of(Family.byName("poisson"))
                .fit("y ~ x", f, DesignSpec.DEFAULTS.withDropMissing(true)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("data row 4");
    }

    @Test
    void constantResponseTheFamilyCannotFit() {
        Frame zeros = Frame.builder().numeric("y", 0, 0, 0, 0).numeric("x", 1, 2, 3, 4).build();
        assertThatThrownBy(() -> fit("binomial", "y ~ x", zeros)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("every row");
        assertThatThrownBy(() -> fit("poisson", "y ~ x", zeros)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("every row");
        Frame threes = Frame.builder().numeric("y", 3, 3, 3, 3).numeric("x", 1, 2, 3, 4).build();
        assertThatThrownBy(() -> fit("gaussian", "y ~ x", threes)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("every row");
    }

    @Test
    void fewerRowsThanColumns() {
        Frame f = Frame.builder().numeric("y", 1, 2).numeric("x", 1, 2).numeric("z", 3, 1).build();
        assertThatThrownBy(() -> fit("gaussian", "y ~ x + z", f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("only 2 rows").hasMessageContaining("3 model columns");
    }

    @Test
    void formulaErrorsReachTheUser() {
        Frame f = Frame.builder().numeric("y", 1, 2, 3).numeric("x", 1, 2, 4).build();
        assertThatThrownBy(() -> fit("gaussian", "y ~ x + w", f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("'w'");
        assertThatThrownBy(() -> fit("gaussian", "y ~ x +", f)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("at character 8");
    }

    @Test
    void linkTheFamilyCannotTake() {
        assertThatThrownBy(() -> new GlmEstimator(new Family.Poisson(), Link.LOGIT, null))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("logit");
    }
}
