package org.mlem.em;

/**
 * An {@link EmListener} also told where each start of a multi-start fit ended ({@link Restarts}):
 * for a fit that goes on from every start's end point, not the best alone (the concomitant-variable
 * EM, whose best basin is often not the plain mixture's).
 *
 * @param <P> the parameters of the estimator's model
 */
public interface StartEnds<P> extends EmListener {

    /**
     * Start {@code start} (0-based) ended at {@code params} with the finite log-likelihood
     * {@code logLikelihood}, degenerate or not; a start that failed is not reported.
     */
    void ended(int start, P params, double logLikelihood);

    /**
     * Whether every start is to be drawn as the first start is (its own first screen, or one plain
     * draw) rather than screened em-EM candidates: independent starts end at more of the local
     * maxima, where the em-EM screen's tend to reach the best one, which is what a fit that goes
     * on from every end point needs.
     */
    boolean independentStarts();
}
