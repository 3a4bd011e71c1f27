package org.mlem.survival;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelection;
import org.mlem.dist.FamilySelectionResult;
import org.mlem.dist.UnivariateFamily;

/**
 * {@link FamilySelection} over censored and truncated rows: each family fitted by {@link CensoredFit}
 * (so a candidate's estimates, log-likelihood, AIC and BIC are {@code fit dist}'s with the same rows
 * and options, bit for bit), ranked by the selection's criterion. BIC's n is the total weight, as
 * {@code FittedDistribution#bic} takes it (fitdistrplus's {@code fitdistcens} uses the number of rows,
 * the same without weights). There are no goodness-of-fit statistics: fitdistrplus's {@code gofstat}
 * has no form for censored data, so each candidate's {@link FamilyCandidate#goodnessOfFit()} is null.
 * A family whose support excludes an exact value or a finite bound is not applicable; one whose fit
 * fails is failed, with the reason. Count families read bounds and truncation as {@link CountRows}
 * says.
 */
public final class CensoredFamilySelection {
    private CensoredFamilySelection() {
    }

    /**
     * The ranked candidates and each fitted family's {@link CensoredFit.Result} by its name.
     *
     * @param ranked the selection, as {@link FamilySelection#fit} ranks one
     * @param fits the censored fit of each fitted candidate, by {@link FamilyCandidate#family()}
     */
    public record Result(FamilySelectionResult ranked, Map<String, CensoredFit.Result> fits) {
        public Result {
            fits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fits));
        }

        /** The chosen family's censored fit. */
        public CensoredFit.Result best() {
            return fits.get(ranked.best().family());
        }
    }

    /**
     * Fits every family of {@code selection} to the rows and ranks them.
     *
     * @throws MlemUserException when there are no rows, or count families are truncated at a point
     *     that is not a whole number
     * @throws RowException naming the first row the truncation excludes (no family could take it;
     *     for counts as {@link CountRows} reads the truncation)
     */
    public static Result fit(FamilySelection selection, CensoredSample s, Truncation t) {
        if (s.rows() == 0) {
            throw new MlemUserException("no values to fit a distribution to");
        }
        if (selection.kind() == FamilyKind.DISCRETE) {
            CountRows.checkTruncation(s, t, CountRows.WIDEN);
        } else {
            t.check(s);
        }
        List<FamilyCandidate> candidates = new ArrayList<>();
        Map<String, CensoredFit.Result> fits = new LinkedHashMap<>();
        for (UnivariateFamily f : selection.families()) {
            double outside = outsideSupport(f, s);
            if (!Double.isNaN(outside)) {
                candidates.add(FamilySelection.notApplicable(f, outside));
                continue;
            }
            CensoredFit.Result[] result = new CensoredFit.Result[1];
            FamilyCandidate c = FamilySelection.assess(f, () -> (result[0] = CensoredFit.fit(f, s, t)).fit(), d -> null);
            if (c.isFitted()) {
                fits.put(c.family(), result[0]);
            }
            candidates.add(c);
        }
        return new Result(selection.rank(candidates, s.rows()), fits);
    }

    /** The first exact value or finite bound outside {@code f}'s support, NaN when there is none. */
    private static double outsideSupport(UnivariateFamily f, CensoredSample s) {
        try {
            if (f.isDiscrete()) {
                CountRows.halfOpen(f, s, Truncation.NONE);
            } else {
                CensoredFit.checkSupport(f, s.lower(), s.upper());
            }
            return Double.NaN;
        } catch (RowException e) {
            int i = e.row();
            double lo = s.lower()[i];
            return lo == s.upper()[i] || lo < 0 || (f.isDiscrete() && f.supportFault(lo) != null) ? lo : s.upper()[i];
        }
    }
}
