package org.mlem.em;

/** Told of each EM iteration as it happens, for progress displays. Called on the fitting thread. */
@FunctionalInterface
public interface EmListener {

    /**
     * @param start 0-based index of the start being run
     * @param iteration 1-based iteration within that start
     * @param logLikelihood total log-likelihood computed in that iteration's E-step
     */
    void iteration(int start, int iteration, double logLikelihood);

    /** A listener that does nothing. */
    EmListener NONE = (s, i, ll) -> {};
}
