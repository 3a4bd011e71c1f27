package org.mlem.select;

import java.util.List;
import org.mlem.MlemUserException;

/**
 * The candidates of a model selection, k-major then in the order the variants were given, and
 * the best by each criterion (lowest value; the first of equals; failed candidates never win).
 *
 * @param candidates every (k, variant) fit, failures included
 * @param bestByBic index of the lowest BIC, −1 when every candidate failed
 * @param bestByIcl index of the lowest ICL, −1 when every candidate failed
 */
public record SelectionResult<M>(List<Candidate<M>> candidates, int bestByBic, int bestByIcl) {

    public SelectionResult {
        candidates = List.copyOf(candidates);
    }

    /** The candidate with the lowest BIC. */
    public Candidate<M> best() {
        if (bestByBic < 0) {
            throw new MlemUserException("every candidate failed (first: " + candidates.get(0).failure()
                    + "); fewer components or a larger regCovar may help");
        }
        return candidates.get(bestByBic);
    }

    /** The candidate for k and variant, or null when it was not in the grid. */
    public Candidate<M> get(int k, String variant) {
        for (Candidate<M> c : candidates) {
            if (c.k() == k && c.variant().equals(variant)) {
                return c;
            }
        }
        return null;
    }
}
