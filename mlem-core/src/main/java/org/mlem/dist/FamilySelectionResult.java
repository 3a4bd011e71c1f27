package org.mlem.dist;

import java.util.List;
import java.util.stream.Collectors;
import org.mlem.select.Criterion;

/**
 * The ranked families of a {@link FamilySelection}: fitted ones by the criterion (lower is
 * better), then failed, then not applicable.
 *
 * @param candidates in rank order
 * @param criterion the criterion that ranks them
 * @param n the number of values fitted (the n of BIC)
 */
public record FamilySelectionResult(List<FamilyCandidate> candidates, Criterion criterion, int n) {

    public FamilySelectionResult {
        candidates = List.copyOf(candidates);
    }

    /** The index of the chosen family (the first), −1 when no family could be fitted. */
    public int bestIndex() {
        return candidates.isEmpty() || !candidates.get(0).isFitted() ? -1 : 0;
    }

    /** The chosen family; throws when none could be fitted ({@link #bestIndex()} −1). */
    public FamilyCandidate best() {
        if (bestIndex() < 0) {
            throw new IllegalStateException(noneFitted());
        }
        return candidates.get(0);
    }

    /** The index of the fitted family lowest by {@code c} (first on ties), −1 when none was fitted. */
    public int bestBy(Criterion c) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            FamilyCandidate f = candidates.get(i);
            if (f.isFitted() && (best < 0 || value(c, f.fit()) < value(c, candidates.get(best).fit()))) {
                best = i;
            }
        }
        return best;
    }

    /** One line saying why no family was fitted, each family with its reason. */
    public String noneFitted() {
        return "no family could be fitted: " + candidates.stream()
                .map(c -> c.family() + " " + c.status().id() + " (" + c.reason() + ")")
                .collect(Collectors.joining("; "));
    }

    /** AIC or BIC of a fit (lower is better). */
    static double value(Criterion c, FittedDistribution fit) {
        return switch (c) {
            case AIC -> fit.aic();
            case BIC -> fit.bic();
            case ICL -> throw new IllegalArgumentException("a family fit has no ICL");
        };
    }
}
