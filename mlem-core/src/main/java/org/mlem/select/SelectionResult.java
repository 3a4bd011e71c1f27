package org.mlem.select;

import java.util.List;
import org.mlem.MlemUserException;

/**
 * The candidates of a model selection, k-major then in the order the variants were given, and
 * the best by each criterion: the lowest value among the {@linkplain Candidate#eligible() eligible}
 * candidates, the first of equals. Failed, degenerate and over-parameterised candidates never win.
 *
 * @param candidates every (k, variant) fit, failures included
 * @param criterion the criterion {@link #best()} uses
 * @param firstPassStarts the starts each candidate ran in rank stopping's first pass when fewer than
 *     its fits run ({@link ModelSelection}: 1), else 0 (a stopped candidate ran the fit's own starts)
 */
public record SelectionResult<M>(List<Candidate<M>> candidates, Criterion criterion, int firstPassStarts) {

    public SelectionResult {
        candidates = List.copyOf(candidates);
        if (criterion == null) {
            throw new IllegalArgumentException("criterion is required");
        }
    }

    /** A selection whose first pass, if any, ran every fit's own starts. */
    public SelectionResult(List<Candidate<M>> candidates, Criterion criterion) {
        this(candidates, criterion, 0);
    }

    /** Index of the eligible candidate with the lowest {@code c}, −1 when none is eligible. */
    public int bestBy(Criterion c) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate<M> x = candidates.get(i);
            double v = c.of(x);
            if (x.eligible() && !Double.isNaN(v) && (best < 0 || v < c.of(candidates.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the best candidate by {@link #criterion()}, −1 when none is eligible. */
    public int bestIndex() {
        return bestBy(criterion);
    }

    /** Index of the lowest eligible BIC, −1 when none is eligible. */
    public int bestByBic() {
        return bestBy(Criterion.BIC);
    }

    /** Index of the lowest eligible ICL, −1 when none is eligible. */
    public int bestByIcl() {
        return bestBy(Criterion.ICL);
    }

    /**
     * The best candidate by {@link #criterion()}.
     *
     * @throws MlemUserException when no candidate is eligible, saying why the first one is not
     */
    public Candidate<M> best() {
        int i = bestIndex();
        if (i < 0) {
            throw new MlemUserException(noneEligible());
        }
        return candidates.get(i);
    }

    /** One line saying that no candidate can be picked, why (from the first candidate) and what may help. */
    public String noneEligible() {
        Candidate<M> first = candidates.get(0);
        long failed = candidates.stream().filter(Candidate::failed).count();
        long others = candidates.size() - failed;
        String head = failed == candidates.size() ? "every candidate failed"
                : failed == 0 ? "no candidate can be chosen: every one is degenerate or has too many parameters"
                : "no candidate can be chosen: " + failed + " failed and the other " + others
                        + (others == 1 ? " is" : " are") + " degenerate or over-parameterised";
        return String.format(java.util.Locale.ROOT, "%s; first, k=%d %s: %s; try smaller k, a larger --reg-covar, "
                + "or rescaling the data", head, first.k(), first.variant(), first.failed() ? first.failure() : first.excluded());
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
