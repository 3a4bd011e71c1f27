package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.em.StartCollapse;

/**
 * A state whose emissions cannot be estimated in an M-step: a covariance that is not positive
 * definite after {@code regCovar}, or weighted data with no finite MLE in the family (a state left
 * with no weight, or all its weight on one value). One start fails with it; the fit fails only when
 * every start does. The message names the state and the fix.
 */
public final class DegenerateStateException extends MlemUserException implements StartCollapse {
    private static final long serialVersionUID = 1L;

    public DegenerateStateException(String message) {
        super(message);
    }
}
