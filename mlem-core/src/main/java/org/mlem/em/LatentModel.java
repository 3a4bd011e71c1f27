package org.mlem.em;

import java.util.function.ToDoubleFunction;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;

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

    /**
     * An ECME step (Liu and Rubin, 1994) after the M-step: a conditional maximisation of the
     * observed-data log-likelihood itself over parameters whose expected-data update is slow (a t
     * mixture's degrees of freedom). It must not lower {@code logLikelihood}; each call of it is a
     * pass over the data. By default there is none and {@code params} is returned.
     *
     * @param params the M-step's parameters
     * @param logLikelihood the total log-likelihood of given parameters on the data
     */
    default P maximizeObserved(P params, ToDoubleFunction<P> logLikelihood) {
        return params;
    }

    /**
     * The ECME step when the rows are at hand (an in-memory or streamed source on this JVM's
     * threads): a model may make passes of its own over {@code data} on {@code reducer} to evaluate
     * its objective more cheaply than by E-steps (the t mixture's {@code DfProfile}); the answer
     * must not depend on the thread count. By default {@link #maximizeObserved(Object, ToDoubleFunction)}.
     */
    default P maximizeObserved(P params, ToDoubleFunction<P> logLikelihood, BlockSource data, BlockReducer reducer) {
        return maximizeObserved(params, logLikelihood);
    }

    /**
     * The relative precision of the log-likelihood {@link #accumulate} computes: steps below this
     * fraction of max(1, |ℓ|) are rounding to the stopping rule. Double arithmetic throughout gives
     * about 1e-13 for a sum over many rows; a model computing parts in float says so here.
     */
    default double logLikelihoodPrecision() {
        return 1e-13;
    }

    /** The parameters as a vector for SQUAREM, or null when this model does not offer one (plain EM is then used). */
    default ParameterVector<P> parameterVector() {
        return null;
    }
}
