package org.mlem.glm;

import org.mlem.MlemUserException;

/**
 * The weighted GLM fits a mixture's M-step repeats every iteration (a regression mixture's
 * components, {@code org.mlem.regmix}), on a column-major design without the formula, frame and
 * summary of {@link GlmEstimator#fit}: only the coefficients.
 */
public final class ComponentGlm {
    private ComponentGlm() {
    }

    /**
     * R's {@code glm.fit(x, y, weights, offset)} coefficients with {@link GlmOptions#DEFAULTS}: the
     * IRLS of {@link GlmEstimator#fit} on the same arrays, so the same bits; null with the reason in
     * {@code why[0]} when a column is aliased or IRLS fails.
     *
     * @param x column-major n x p design
     * @param w prior weights
     */
    public static double[] irls(double[] x, int n, int p, double[] y, double[] w, double[] offset, Family family,
            Link link, String[] why) {
        Irls.Result fit;
        try {
            fit = Irls.fit(x, n, p, y, w, offset, family, link, GlmOptions.DEFAULTS, null);
        } catch (MlemUserException e) {
            why[0] = e.getMessage();
            return null;
        }
        for (int j = 0; j < p; j++) {
            if (fit.aliased()[j]) {
                why[0] = "its weighted model matrix is rank-deficient (column " + (j + 1) + " aliased)";
                return null;
            }
        }
        return fit.coefficients();
    }

    /**
     * The weighted least-squares coefficients min Σ w_i (z_i − x_i b)² in one SIMD cross-product
     * pass ({@link NormalEquations}: {@code XᵀWX}, {@code XᵀWz}, a Cholesky solve) and one
     * compensated refinement pass, as the gaussian identity-link IRLS ends (its refined
     * normal-equations step); null when the weighted design is too ill-conditioned for the normal
     * equations (the caller then takes {@link #irls}, whose QR decides aliasing as R does).
     *
     * @param x column-major n x p design
     */
    public static double[] leastSquares(double[] x, int n, int p, double[] w, double[] z) {
        LeastSquares.Solution s = NormalEquations.solve(x, n, p, w, z);
        if (s == null) {
            return null;
        }
        return NormalEquations.refine(x, n, p, w, z, s.coefficients(), s.unscaledCovariance());
    }
}
