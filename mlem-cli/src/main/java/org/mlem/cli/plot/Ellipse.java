package org.mlem.cli.plot;

/**
 * The contour {@code (x−μ)ᵀ Σ⁻¹ (x−μ) = s²} of a 2-D normal, from the closed-form eigen-decomposition
 * of its 2×2 covariance {@code [[a, b], [b, c]]}: eigenvalues
 * {@code λ₁,₂ = (a+c)/2 ± √(((a−c)/2)² + b²)} and major-axis angle {@code θ = ½·atan2(2b, a−c)}.
 * At {@code s = 1} the semi-axes are {@code √λ₁ ≥ √λ₂}.
 *
 * @param semiMajor √λ₁, the standard deviation along the major axis
 * @param semiMinor √λ₂, the standard deviation along the minor axis (0 for a singular covariance)
 * @param angle radians from the first coordinate axis to the major axis, in (−π/2, π/2]
 */
record Ellipse(double semiMajor, double semiMinor, double angle) {

    /** The 1-sigma ellipse of the symmetric 2×2 covariance {@code s} (only {@code s[0][1]} of the off-diagonal is read). */
    static Ellipse of(double[][] s) {
        double a = s[0][0];
        double b = s[0][1];
        double c = s[1][1];
        double mid = 0.5 * (a + c);
        double radius = Math.hypot(0.5 * (a - c), b);
        double major = mid + radius;
        // λ₂ = det/λ₁ avoids the cancellation in mid − radius for a nearly singular covariance.
        double minor = major > 0 ? (a * c - b * b) / major : 0;
        double angle = (b == 0 && a >= c) ? 0 : 0.5 * Math.atan2(2 * b, a - c);
        return new Ellipse(Math.sqrt(Math.max(major, 0)), Math.sqrt(Math.max(minor, 0)), angle);
    }

    /**
     * {@code count + 1} points around the contour at {@code scale} standard deviations about
     * {@code (cx, cy)}, the last equal to the first so a line through them closes.
     *
     * @return {@code {xs, ys}}
     */
    double[][] points(double cx, double cy, double scale, int count) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[] xs = new double[count + 1];
        double[] ys = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            double t = 2 * Math.PI * (i % count) / count;
            double u = scale * semiMajor * Math.cos(t);
            double v = scale * semiMinor * Math.sin(t);
            xs[i] = cx + u * cos - v * sin;
            ys[i] = cy + u * sin + v * cos;
        }
        return new double[][] {xs, ys};
    }
}
