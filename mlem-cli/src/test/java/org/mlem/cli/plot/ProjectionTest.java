package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;

/**
 * Oracle: data built on a known orthogonal basis Q (a product of Givens rotations), the points
 * {@code c ± aᵢ qᵢ}, whose weighted covariance is exactly {@code Σᵢ aᵢ² qᵢqᵢᵀ / d}: principal axes
 * q₁, q₂ and explained fractions aᵢ²/Σa². Closed-form tier 1e-12.
 */
class ProjectionTest {
    private static final double TOL = 1e-12;
    private static final double[] CENTER = {1.5, -2, 0.5, 3};
    private static final double[] SCALES = {4, 2.5, 1, 0.5};

    /** Columns of Q: rotations in the (0,1), (1,2), (2,3) and (0,3) planes applied to the identity. */
    private static double[][] basis() {
        double[][] q = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        rotate(q, 0, 1, 0.7);
        rotate(q, 1, 2, -0.4);
        rotate(q, 2, 3, 1.1);
        rotate(q, 0, 3, 0.25);
        return q; // q[i] is the i-th basis vector
    }

    private static void rotate(double[][] q, int a, int b, double t) {
        for (double[] v : q) {
            double x = v[a];
            double y = v[b];
            v[a] = Math.cos(t) * x - Math.sin(t) * y;
            v[b] = Math.sin(t) * x + Math.cos(t) * y;
        }
    }

    private static DataMatrix data(double[][] q) {
        double[] values = new double[8 * 4];
        for (int i = 0; i < 4; i++) {
            for (int a = 0; a < 4; a++) {
                values[(2 * i) * 4 + a] = CENTER[a] + SCALES[i] * q[i][a];
                values[(2 * i + 1) * 4 + a] = CENTER[a] - SCALES[i] * q[i][a];
            }
        }
        return DataMatrix.of(values, 8, 4, List.of("a", "b", "c", "d"));
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    @Test
    void findsTheLeadingAxesOfAKnownRotation() {
        double[][] q = basis();
        Projection p = Projection.principal(data(q));
        assertThat(Math.abs(dot(p.axis(0), q[0]))).isCloseTo(1, within(TOL));
        assertThat(Math.abs(dot(p.axis(1), q[1]))).isCloseTo(1, within(TOL));
        double total = 16 + 6.25 + 1 + 0.25; // 23.5: 68.09% and 26.60%
        assertThat(p.explained(0)).isCloseTo(16 / total, within(TOL));
        assertThat(p.explained(1)).isCloseTo(6.25 / total, within(TOL));
        assertThat(p.label(0)).isEqualTo("PC1 (68.1% of variance)");
        assertThat(p.label(1)).isEqualTo("PC2 (26.6% of variance)");
    }

    @Test
    void projectsPointsAndCovariancesOntoTheAxes() {
        double[][] q = basis();
        Projection p = Projection.principal(data(q));
        double sign0 = Math.signum(dot(p.axis(0), q[0]));
        double sign1 = Math.signum(dot(p.axis(1), q[1]));
        double[] x = CENTER.clone();
        for (int a = 0; a < 4; a++) {
            x[a] += 3 * q[0][a] - 2 * q[1][a] + 7 * q[2][a] + 5 * q[3][a];
        }
        double[] y = p.project(x);
        assertThat(y[0]).isCloseTo(3 * sign0, within(TOL * 10));
        assertThat(y[1]).isCloseTo(-2 * sign1, within(TOL * 10));

        // Σ = Q diag(λ) Qᵀ projects to diag(λ₁, λ₂) whatever the signs of the axes.
        double[] lambda = {9, 4, 2, 1};
        double[][] sigma = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    sigma[a][b] += lambda[i] * q[i][a] * q[i][b];
                }
            }
        }
        double[][] s2 = p.projectCovariance(sigma);
        assertThat(s2[0][0]).isCloseTo(9, within(TOL * 10));
        assertThat(s2[1][1]).isCloseTo(4, within(TOL * 10));
        assertThat(s2[0][1]).isCloseTo(0, within(TOL * 10));
        assertThat(s2[1][0]).isCloseTo(0, within(TOL * 10));
    }

    /** Oracle: the sign rule makes each axis's largest-magnitude entry positive. */
    @Test
    void axesHaveADeterministicSign() {
        Projection p = Projection.principal(data(basis()));
        for (int k = 0; k < 2; k++) {
            double[] v = p.axis(k);
            double biggest = 0;
            for (double e : v) {
                if (Math.abs(e) > Math.abs(biggest)) {
                    biggest = e;
                }
            }
            assertThat(biggest).isPositive();
        }
    }

    /** Oracle: integer weights are repeated rows (the weighted covariance counts a row w times). */
    @Test
    void weightsActAsRepeatedRows() {
        double[] values = {0, 0, 1, 2, 0, 1, 3, 1, 1, 2, 0, 0, 2, 1, 1, 4, 3, 0, 1, 1};
        DataMatrix weighted = DataMatrix.of(values, 5, 4, null).withWeights(new double[] {1, 3, 1, 2, 1});
        double[] repeated = new double[8 * 4];
        int[] rows = {0, 1, 1, 1, 2, 3, 3, 4};
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, rows[r] * 4, repeated, r * 4, 4);
        }
        Projection a = Projection.principal(weighted);
        Projection b = Projection.principal(DataMatrix.of(repeated, 8, 4, null));
        for (int k = 0; k < 2; k++) {
            assertThat(a.axis(k)).containsExactly(b.axis(k), within(TOL));
            assertThat(a.explained(k)).isCloseTo(b.explained(k), within(TOL));
        }
    }

    @Test
    void twoColumnsAreDrawnAsTheyAre() {
        DataMatrix d = DataMatrix.of(new double[] {1, 2, 3, 4}, 2, 2, List.of("height", "weight"));
        Projection p = Projection.columns(d);
        assertThat(p.project(new double[] {3.25, -7.5})).containsExactly(3.25, -7.5);
        assertThat(p.projectCovariance(new double[][] {{2, 0.5}, {0.5, 1}})).isDeepEqualTo(new double[][] {{2, 0.5}, {0.5, 1}});
        assertThat(p.label(0)).isEqualTo("height");
        assertThat(p.label(1)).isEqualTo("weight");
    }
}
