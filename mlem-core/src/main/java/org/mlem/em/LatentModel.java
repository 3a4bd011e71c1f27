package org.mlem.em;

import org.mlem.data.Block;

/**
 * A model with parameters {@code P} fit from mergeable statistics {@code S}: by one M-step when
 * every latent variable is observed (maximum likelihood), by iterating E- and M-steps when some
 * are hidden (EM). One implementation serves both, and any {@link org.mlem.data.BlockSource}.
 */
public interface LatentModel<P, S extends Stats<S>> {

    /** Empty statistics for an E-step under {@code params}. */
    S emptyStats(P params);

    /**
     * The E-step on one block: adds the expected sufficient statistics of {@code rows} under
     * {@code params} into {@code into}, and returns the block's weighted log-likelihood (for rows
     * with a known label, the complete-data log-likelihood of row and label).
     */
    double accumulate(P params, Block rows, S into);

    /** The M-step: the weighted maximum-likelihood parameters for merged statistics. */
    P maximize(S stats);

    /** The parameters as a vector for SQUAREM, or null when this model does not offer one (plain EM is then used). */
    default ParameterVector<P> parameterVector() {
        return null;
    }
}
