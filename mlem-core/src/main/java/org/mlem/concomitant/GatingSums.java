package org.mlem.concomitant;

/**
 * The sums over the rows that the gating's Newton fit ({@link GatingFit}) needs, whoever computes
 * them: the objective {@code Σ_i w_i Σ_j r_ij log π_j(z_i)} and its gradient and negative Hessian
 * in the free coefficients (γ_j[a] at {@code (j − 1) q + a}, j ≥ 1). One machine sums arrays; a
 * cluster sums partitions ({@link GatingTotals} over each
 * partition's rows) and merges the partial sums.
 */
public interface GatingSums {
    /** The objective at {@code gamma} (k × q, row 0 zeros). */
    double objective(double[][] gamma);

    /** Adds the gradient into {@code g} and the negative Hessian into {@code h} at {@code gamma}. */
    void derivatives(double[][] gamma, double[] g, double[][] h);
}
