package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A scatter matrix whose eigen-decomposition does not converge is the component's collapse, not an
 * internal error. The matrix is the one `mlem fit gmmda --class species examples/iris.csv` met in a
 * VEV candidate of four components on one class's 50 rows: a direction of zero spread, with entries
 * near 1e-160 beside 0.02 (Hipparchus's QL iteration gives up on it).
 */
class MclustStepsCollapseTest {
    private static final double[] SCATTER = {
        0.019999971725971052, 1.2790647945055914E-160, -0.029999957588956534, -0.019999971725971052,
        1.2790647945055914E-160, 5.116262711553901E-160, -3.1976509439778256E-161, 8.833828882060035E-167,
        -0.029999957588956534, -3.1976509439778256E-161, 0.044999936383434726, 0.029999957588956534,
        -0.019999971725971052, 8.833828882060035E-167, 0.029999957588956534, 0.019999971725971052};

    @Test
    void anUndecomposableScatterIsTheComponentsCollapse() {
        assertThatThrownBy(() -> MclustSteps.vev(new double[] {2}, SCATTER.clone(), 1, 4))
                .isInstanceOf(NotPositiveDefiniteException.class).hasMessageContaining("component 0");
    }

    @Test
    void aNonFiniteScatterIsTheComponentsCollapse() {
        double[] w = SCATTER.clone();
        w[5] = Double.NaN;
        assertThatThrownBy(() -> MclustSteps.evv(new double[] {2}, w, 1, 4))
                .isInstanceOf(NotPositiveDefiniteException.class).hasMessageContaining("component 0");
    }
}
