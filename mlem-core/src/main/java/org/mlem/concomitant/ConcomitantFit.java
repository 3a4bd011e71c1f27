package org.mlem.concomitant;

import org.mlem.em.MixtureFit;

/**
 * A fitted mixture with concomitant variables and its EM diagnostics.
 *
 * @param model components and gating
 * @param logLikelihood total (weighted) observed-data log-likelihood of {@code model}
 * @param trace log-likelihood after each iteration
 * @param iterations EM iterations
 * @param converged whether the stopping rule was met
 * @param seconds wall seconds of the iterations
 * @param nParameters the components' free parameters plus (k − 1) q
 * @param rows rows used
 * @param totalWeight sum of the rows' weights
 */
public record ConcomitantFit<M>(ConcomitantMixture<M> model, double logLikelihood, double[] trace, int iterations,
        boolean converged, double seconds, int nParameters, int rows, double totalWeight) {
    public ConcomitantFit {
        trace = trace.clone();
    }

    @Override
    public double[] trace() {
        return trace.clone();
    }

    /**
     * This fit in the shape of a plain mixture's (the components' model, whose weights are the mean
     * responsibilities), with the starts and timings of the plain fit {@code start} it began from.
     */
    public MixtureFit<M> asMixtureFit(MixtureFit<M> start) {
        return new MixtureFit<>(model.components(), logLikelihood, trace, iterations, converged,
                new double[] {logLikelihood}, 0, rows, totalWeight, nParameters, start.seed(),
                start.initSeconds() + start.fitSeconds(), seconds);
    }
}
