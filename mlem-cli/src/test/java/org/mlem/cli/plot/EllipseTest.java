package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Closed-form tier: 1e-12. */
class EllipseTest {
    private static final double TOL = 1e-12;

    /** {@code R(θ) diag(λ₁, λ₂) R(θ)ᵀ}: a covariance whose eigen-decomposition is known by construction. */
    private static double[][] rotated(double theta, double l1, double l2) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return new double[][] {
            {l1 * c * c + l2 * s * s, (l1 - l2) * c * s},
            {(l1 - l2) * c * s, l1 * s * s + l2 * c * c}};
    }

    /** Oracle: the construction R(θ) diag(λ₁, λ₂) R(θ)ᵀ, so semi-axes √λ and angle θ. */
    @ParameterizedTest
    @CsvSource({
        "0.0, 4.0, 1.0",
        "0.5235987755982988, 9.0, 0.25",
        "-1.2, 2.0, 1.5",
        "1.5707963267948966, 3.0, 0.5",
        "0.7853981633974483, 1.9, 0.1",
        "-0.3, 1e4, 1e-2"})
    void semiAxesAndAngleMatchTheConstruction(double theta, double l1, double l2) {
        Ellipse e = Ellipse.of(rotated(theta, l1, l2));
        double scale = Math.sqrt(l1);
        assertThat(e.semiMajor()).isCloseTo(Math.sqrt(l1), within(TOL * scale));
        assertThat(e.semiMinor()).isCloseTo(Math.sqrt(l2), within(TOL * scale));
        assertThat(e.angle()).isCloseTo(theta, within(TOL * Math.max(1, l1 / (l1 - l2))));
    }

    /** Oracle: equal variances with correlation ρ > 0 have their major axis on the diagonal, λ = σ²(1 ± ρ). */
    @Test
    void stronglyCorrelatedEqualVariancesLieAlongTheDiagonal() {
        Ellipse up = Ellipse.of(new double[][] {{2.0, 1.8}, {1.8, 2.0}});
        assertThat(up.angle()).isCloseTo(Math.PI / 4, within(TOL));
        assertThat(up.semiMajor()).isCloseTo(Math.sqrt(3.8), within(TOL));
        assertThat(up.semiMinor()).isCloseTo(Math.sqrt(0.2), within(TOL));
        Ellipse down = Ellipse.of(new double[][] {{2.0, -1.8}, {-1.8, 2.0}});
        assertThat(down.angle()).isCloseTo(-Math.PI / 4, within(TOL));
    }

    /** Oracle: for a diagonal covariance the major axis is the coordinate axis of larger variance. */
    @Test
    void diagonalCovariancesAlignWithTheAxes() {
        assertThat(Ellipse.of(new double[][] {{4, 0}, {0, 1}})).isEqualTo(new Ellipse(2, 1, 0));
        Ellipse tall = Ellipse.of(new double[][] {{1, 0}, {0, 4}});
        assertThat(tall.angle()).isCloseTo(Math.PI / 2, within(TOL));
        assertThat(tall.semiMajor()).isCloseTo(2, within(TOL));
    }

    /**
     * Oracle: brute force with the closed-form 2×2 inverse; every drawn point p of the s-sigma
     * contour has Mahalanobis distance (p−μ)ᵀΣ⁻¹(p−μ) = s².
     */
    @Test
    void contourPointsHaveTheRightMahalanobisDistance() {
        double[][] s = {{3.0, -1.1}, {-1.1, 0.8}};
        double det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
        Ellipse e = Ellipse.of(s);
        for (double scale : new double[] {1, 2}) {
            double[][] p = e.points(5, -3, scale, 90);
            assertThat(p[0]).hasSize(91);
            assertThat(p[0][90]).isEqualTo(p[0][0]);
            for (int i = 0; i < p[0].length; i++) {
                double dx = p[0][i] - 5;
                double dy = p[1][i] + 3;
                double m = (s[1][1] * dx * dx - 2 * s[0][1] * dx * dy + s[0][0] * dy * dy) / det;
                assertThat(m).isCloseTo(scale * scale, within(1e-12 * scale * scale));
            }
        }
    }
}
