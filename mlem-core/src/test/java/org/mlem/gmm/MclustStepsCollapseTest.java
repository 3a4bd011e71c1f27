package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlem.em.StartCollapse;

/**
 * A component whose weighted scatter is not finite (its weight vanished in a start) cannot be
 * eigen-decomposed: the models that decompose it (VEV here; EEV, EVV and the alternating ones alike)
 * report that component's collapse, which the restart loop survives, never an internal error. Before,
 * {@code fit gmmda --class species examples/iris.csv}, its help's first example, ended with exit 1.
 */
class MclustStepsCollapseTest {
    @Test
    void aScatterThatIsNotFiniteIsTheComponentsCollapse() {
        double[] w = {2, 0.5, 0.5, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        assertThatThrownBy(() -> MclustSteps.vev(new double[] {5, 0}, w, 2, 2))
                .isInstanceOf(DegenerateComponentException.class).isInstanceOf(StartCollapse.class)
                .hasMessageContaining("component 1's covariance");
    }
}
