package org.mlem.mixture;

import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.em.StartCollapse;

/**
 * A mixture component whose factor cannot be fitted in an M-step: it has lost all its weight, or
 * its weighted data admit no finite MLE in the family (e.g. all its weight on one value of a
 * normal column). Reported with the fix, as a mistake in the setup rather than a crash.
 */
public final class DegenerateComponentException extends MlemUserException implements StartCollapse {
    private static final long serialVersionUID = 1L;

    /** Component {@code component} (0-based), weight sum {@code weightSum}, failing on {@code column}. */
    public DegenerateComponentException(int component, double weightSum, String column, String why) {
        super(String.format(Locale.ROOT, "component %d (weight sum n_k=%.4g) cannot be fitted on column '%s': %s; "
                + "reduce k, use more restarts or another start, or choose a family that can take such data",
                component, weightSum, column, why));
    }
}
