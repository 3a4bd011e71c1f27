package org.mlem.gmm;

import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.em.StartCollapse;

/**
 * A mixture component collapsed during EM: its estimated covariance is not positive definite even
 * after {@code regCovar}. Reported with the fix, as a mistake in the setup rather than a crash.
 */
public final class DegenerateComponentException extends MlemUserException implements StartCollapse {
    private static final long serialVersionUID = 1L;

    /** Component {@code component} (0-based) collapsed with weight sum {@code weightSum} at ridge {@code regCovar}. */
    public DegenerateComponentException(int component, double weightSum, double regCovar) {
        super(String.format(Locale.ROOT,
                "component %d's covariance is not positive definite (n_k=%.4g, regCovar=%.3g); "
                        + "increase regCovar (--reg-covar), reduce k, or rescale the data",
                component, weightSum, regCovar));
    }
}
