package org.mlem.em;

import java.util.List;

/**
 * A component (or state) of a fitted latent model that the data do not support: its likelihood
 * can be made as large as the ridge allows rather than estimated. Model selection never picks a
 * model with one, as mclust leaves such fits NA.
 *
 * @param component 0-based index of the component, as in the model's arrays
 * @param reasons one or more of {@link #FEW_POINTS}, {@link #COVARIANCE_FLOOR}, {@link #SPIKE}
 * @param effectiveCount n_k = Σ_i w_i τ_ik, the weighted posterior count of rows it holds
 * @param smallestVariance the smallest eigenvalue of its covariance (ridge included)
 * @param message one human-readable line giving the figures behind the reasons
 */
public record DegenerateComponent(int component, List<String> reasons, double effectiveCount, double smallestVariance,
        String message) {

    /** n_k is fewer than the rows its parameters need (d + 1 for a full covariance: supported by at most d points). */
    public static final String FEW_POINTS = "few-points";

    /** An eigenvalue of its covariance sits at the ridge floor: the data add (almost) nothing in that direction. */
    public static final String COVARIANCE_FLOOR = "covariance-floor";

    /** It is far narrower than the data in some direction while holding only a few rows: a likelihood spike. */
    public static final String SPIKE = "spike";

    public DegenerateComponent {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a degenerate component needs at least one reason");
        }
    }
}
