package org.mlem.em;

import java.util.Arrays;

/**
 * One run of EM from one start.
 *
 * @param params the parameters after the last M-step
 * @param trace total log-likelihood of each accepted iterate: {@code trace[0]} at the start,
 *     {@code trace[t]} after t iterations, so {@code trace.length == iterations + 1}; the last
 *     entry is the log-likelihood of {@code params}. Never decreasing.
 * @param iterations accepted iterates after the start, which {@code maxIterations} bounds: plain
 *     EM's E/M steps; for SQUAREM its EM steps and accepted extrapolations (a rejected
 *     extrapolation costs an E-step but is no iteration)
 * @param converged whether the mean log-likelihood changed by less than the tolerance
 * @param seconds wall time of the iterations
 */
public record EmRun<P>(P params, double[] trace, int iterations, boolean converged, double seconds) {

    public EmRun {
        trace = trace.clone();
    }

    /** Total log-likelihood of {@link #params()}. */
    public double logLikelihood() {
        return trace[trace.length - 1];
    }

    @Override
    public double[] trace() {
        return trace.clone();
    }

    @Override
    public String toString() {
        return "EmRun[logLikelihood=" + logLikelihood() + ", iterations=" + iterations + ", converged=" + converged
                + ", trace=" + Arrays.toString(trace) + "]";
    }
}
