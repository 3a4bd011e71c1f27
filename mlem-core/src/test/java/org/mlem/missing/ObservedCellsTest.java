package org.mlem.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.FullCovariances;
import org.mlem.gmm.GaussianMixture;
import org.mlem.tmix.TMixture;

/**
 * Posteriors from observed cells (ICL of {@code select --missing em}). Oracles: a complete row's
 * posterior is the model's own ({@code predictProba}, the same code: 1e-15); a row with one cell
 * observed has the closed form w_j f_j(x) / Σ w_l f_l(x), f_j the univariate normal (or Student t
 * with the component's ν and scale √s_aa) of that cell, written out here (1e-12).
 */
class ObservedCellsTest {
    private static final double[] WEIGHTS = {0.3, 0.7};
    private static final double[][] MEANS = {{0, 1}, {2, -1}};
    private static final double[][][] COVARIANCES = {{{1, 0.5}, {0.5, 2}}, {{0.5, -0.2}, {-0.2, 1.5}}};
    private static final DataMatrix ROWS = DataMatrix.of(new double[][] {{0.5, 0.2}, {1.2, Double.NaN}, {Double.NaN, -0.3},
        {1.9, 0.1}});

    private static double normal(double x, double mean, double variance) {
        return Math.exp(-0.5 * (x - mean) * (x - mean) / variance) / Math.sqrt(2 * Math.PI * variance);
    }

    private static double student(double x, double location, double scale2, double nu) {
        double z2 = (x - location) * (x - location) / scale2;
        return Math.exp(Gamma.logGamma((nu + 1) / 2) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI * scale2)
                - (nu + 1) / 2 * Math.log1p(z2 / nu));
    }

    /** A row's posterior of component 0 from its one observed cell, {@code density(j)} that cell's density under j. */
    private static double firstComponent(java.util.function.IntToDoubleFunction density) {
        double f0 = WEIGHTS[0] * density.applyAsDouble(0);
        double f1 = WEIGHTS[1] * density.applyAsDouble(1);
        return f0 / (f0 + f1);
    }

    @Test
    void gaussianRowsArePosteriorsOfTheirObservedCells() {
        GaussianMixture model = GaussianMixture.of(WEIGHTS, MEANS, FullCovariances.of(COVARIANCES));
        double[][] p = ObservedCells.posterior(model, ROWS);
        double[][] complete = model.predictProba(DataMatrix.of(new double[][] {ROWS.row(0), ROWS.row(3)}));
        assertThat(p[0]).containsExactly(complete[0], within(1e-15));
        assertThat(p[3]).containsExactly(complete[1], within(1e-15));
        assertThat(p[1][0]).isCloseTo(firstComponent(j -> normal(1.2, MEANS[j][0], COVARIANCES[j][0][0])), within(1e-12));
        assertThat(p[2][0]).isCloseTo(firstComponent(j -> normal(-0.3, MEANS[j][1], COVARIANCES[j][1][1])), within(1e-12));
        assertThat(p[1][0] + p[1][1]).isCloseTo(1, within(1e-15));
    }

    @Test
    void tRowsArePosteriorsOfTheirObservedCells() {
        double[] df = {3, 12};
        TMixture model = TMixture.of(WEIGHTS, MEANS, COVARIANCES, df);
        double[][] p = ObservedCells.posterior(model, ROWS);
        double[][] complete = model.predictProba(DataMatrix.of(new double[][] {ROWS.row(0), ROWS.row(3)}));
        assertThat(p[0]).containsExactly(complete[0], within(1e-15));
        assertThat(p[3]).containsExactly(complete[1], within(1e-15));
        assertThat(p[1][0]).isCloseTo(firstComponent(j -> student(1.2, MEANS[j][0], COVARIANCES[j][0][0], df[j])),
                within(1e-12));
        assertThat(p[2][0]).isCloseTo(firstComponent(j -> student(-0.3, MEANS[j][1], COVARIANCES[j][1][1], df[j])),
                within(1e-12));
    }
}
