package org.mlem.concomitant;

import java.util.List;

/**
 * The gating M-step for callers that hold the rows elsewhere (Spark partitions): the Newton fit of
 * {@link MultinomialLogit} over sums a {@link GatingSums} computes, and the partial sums over one
 * slice of rows that such a caller merges.
 */
public final class GatingFit {
    private GatingFit() {}

    /**
     * The gating's maximiser from {@code start} (k × q, row 0 zeros), as the single machine's M-step
     * runs it.
     *
     * @param terms the design's column names, to name a separating term
     * @throws org.mlem.MlemUserException (a {@link org.mlem.em.StartCollapse}) when the Hessian is singular
     */
    public static double[][] fit(GatingSums sums, double[][] start, List<String> terms) {
        try {
            return MultinomialLogit.fit(sums, start);
        } catch (MultinomialLogit.SingularGating e) {
            throw e.named(terms);
        }
    }

    /** {@code Σ_i w_i Σ_j r_ij log π_j(z_i)} over {@code n} rows (z n × q, resp n × k, w null for 1). */
    public static double objective(double[][] gamma, double[] z, int n, double[] resp, double[] w) {
        return MultinomialLogit.objective(gamma, z, n, resp, w);
    }

    /** Adds the gradient and negative Hessian over {@code n} rows into {@code g} and {@code h}. */
    public static void derivatives(double[][] gamma, double[] z, int n, double[] resp, double[] w, double[] g,
            double[][] h) {
        MultinomialLogit.derivatives(gamma, z, n, resp, w, g, h);
    }
}
