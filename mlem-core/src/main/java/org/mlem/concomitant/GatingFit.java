package org.mlem.concomitant;

import java.util.List;

/**
 * The gating M-step for callers that hold the rows elsewhere (Spark partitions): the Newton fit of
 * {@link MultinomialLogit} over sums a {@link GatingSums} computes (the partial sums over one slice
 * of rows, which such a caller merges, are {@link GatingTotals}).
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
}
