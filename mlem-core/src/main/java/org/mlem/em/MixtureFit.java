package org.mlem.em;

/**
 * The outcome of fitting a latent model: the best model over the starts and its diagnostics.
 *
 * @param model the fitted model (immutable)
 * @param logLikelihood total log-likelihood of {@code model} on the data (natural log, weighted
 *     sum; for rows with known labels, the complete-data log-likelihood)
 * @param trace log-likelihood after each iteration of the best start ({@link EmRun#trace()})
 * @param iterations iterations of the best start
 * @param converged whether the best start converged
 * @param startLogLikelihoods final log-likelihood of every start, in order; −∞ for a start that
 *     failed (a collapsed component or state, a non-finite log-likelihood)
 * @param bestStart index of the start kept (the first of equals)
 * @param rows rows used
 * @param totalWeight sum of the rows' weights (n for BIC)
 * @param nParameters free parameters, for AIC and BIC
 * @param seed the seed the starts were drawn from
 * @param initSeconds wall seconds spent initialising, all starts
 * @param fitSeconds wall seconds spent in EM iterations, all starts
 */
public record MixtureFit<M>(M model, double logLikelihood, double[] trace, int iterations, boolean converged,
        double[] startLogLikelihoods, int bestStart, int rows, double totalWeight, int nParameters, long seed,
        double initSeconds, double fitSeconds) {

    public MixtureFit {
        trace = trace.clone();
        startLogLikelihoods = startLogLikelihoods.clone();
    }

    @Override
    public double[] trace() {
        return trace.clone();
    }

    @Override
    public double[] startLogLikelihoods() {
        return startLogLikelihoods.clone();
    }

    /** Where the starts ended: failed starts, distinct optima, starts at the best ({@link Optima}). */
    public Optima optima() {
        return Optima.of(startLogLikelihoods);
    }

    /** The distinct optima the starts that did not fail reached ({@link Optima#distinct()}). */
    public int distinctOptima() {
        return optima().distinct();
    }

    /** How many starts reached the best optimum ({@link Optima#atBest()}). */
    public int bestReachedBy() {
        return optima().atBest();
    }

    /** Log-likelihood per unit of weight. */
    public double meanLogLikelihood() {
        return logLikelihood / totalWeight;
    }

    /** {@code −2 log L + 2p}: lower is better. */
    public double aic() {
        return -2 * logLikelihood + 2.0 * nParameters;
    }

    /** {@code −2 log L + p ln n}, n the total weight: lower is better. */
    public double bic() {
        return -2 * logLikelihood + nParameters * Math.log(totalWeight);
    }
}
