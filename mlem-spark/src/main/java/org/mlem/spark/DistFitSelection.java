package org.mlem.spark;

import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelectionResult;

/**
 * What {@link DistFit#select} returns: the chosen family's model (as {@link DistFit#fit} gives it,
 * its file {@code mlem select dist --out}'s) and every family ranked with its fit, goodness-of-fit
 * statistics or the reason it failed or does not apply (mlem-core's {@link FamilySelectionResult},
 * the rows of {@code mlem select dist}'s table; lower is better).
 *
 * @param best the chosen family's model
 * @param candidates every family, ranked
 * @param kind densities or counts
 */
public record DistFitSelection(DistFitModel best, FamilySelectionResult candidates, FamilyKind kind) {
}
