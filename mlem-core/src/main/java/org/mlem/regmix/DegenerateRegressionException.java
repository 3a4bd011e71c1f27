package org.mlem.regmix;

import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.em.StartCollapse;

/**
 * A component of a mixture of regressions became empty or degenerate during EM (too little weight
 * for its coefficients, a rank-deficient weighted model matrix, a collapsed sd, or a weighted GLM
 * fit that failed). Reported with the fix rather than as a crash.
 */
public final class DegenerateRegressionException extends MlemUserException implements StartCollapse {
    private static final long serialVersionUID = 1L;

    /** Component {@code component} (0-based) with responsibilities summing to {@code weightSum}, for {@code reason}. */
    public DegenerateRegressionException(int component, double weightSum, String reason) {
        super(String.format(Locale.ROOT,
                "component %d of the mixture of regressions became empty or degenerate (responsibilities sum to %.4g):"
                        + " %s; reduce k, try other starts (another seed, more restarts, k-means initialisation),"
                        + " or simplify the formula",
                component, weightSum, reason));
    }
}
