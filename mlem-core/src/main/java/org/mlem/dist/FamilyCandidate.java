package org.mlem.dist;

import java.util.Locale;

/**
 * One family of a {@link FamilySelection}: fitted (with its fit and goodness-of-fit statistics),
 * failed to fit, or not applicable to the data (its support excludes a value), with the reason.
 *
 * @param family the family's name as the command line spells it ({@code binomial:SIZE} with its size)
 * @param fit the maximum-likelihood fit; null unless {@link Status#FITTED}
 * @param goodnessOfFit the statistics of the fit on the data; null unless fitted
 * @param reason why the family failed or does not apply; null when fitted
 */
public record FamilyCandidate(String family, Status status, FittedDistribution fit, GoodnessOfFit goodnessOfFit,
                              String reason) {

    /** What became of a family. */
    public enum Status {
        FITTED, FAILED, NOT_APPLICABLE;

        /** {@code fitted}, {@code failed}, {@code not applicable}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    static FamilyCandidate fitted(String family, FittedDistribution fit, GoodnessOfFit gof) {
        return new FamilyCandidate(family, Status.FITTED, fit, gof, null);
    }

    static FamilyCandidate failed(String family, String reason) {
        return new FamilyCandidate(family, Status.FAILED, null, null, reason);
    }

    static FamilyCandidate notApplicable(String family, String reason) {
        return new FamilyCandidate(family, Status.NOT_APPLICABLE, null, null, reason);
    }

    public boolean isFitted() {
        return status == Status.FITTED;
    }
}
