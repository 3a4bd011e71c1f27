package org.mlem.em;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.mlem.data.BlockSource;

/**
 * The one EM loop every latent model runs: a parallel E-step over blocks, statistics merged in
 * block order, the model's M-step, and a convergence test on the mean per-row log-likelihood.
 *
 * <p>Convergence follows scikit-learn's rule so that iteration counts agree: iteration t computes
 * the mean log-likelihood of the current parameters in its E-step, then re-estimates them; EM
 * stops after iteration t when that mean differs from the previous iteration's by less than the
 * tolerance (the first iteration compares against {@code -Infinity}). A final E-step then gives
 * the log-likelihood of the parameters returned. Not converging within {@code maxIterations} is
 * reported in {@link EmRun#converged()}, never thrown. With {@link Acceleration#SQUAREM} and a
 * model that offers a {@link ParameterVector}, the loop is {@link Squarem}'s.
 */
public final class EmDriver {
    private EmDriver() {}

    /**
     * Runs EM from {@code start}.
     *
     * @param progress called with the total log-likelihood after each E-step, or null
     */
    public static <P, S extends Stats<S>> EmRun<P> run(LatentModel<P, S> model, BlockSource data, P start,
            EmOptions options, BlockReducer reducer, DoubleConsumer progress) {
        ParameterVector<P> vectors = model.parameterVector();
        if (options.acceleration() == Acceleration.SQUAREM && vectors != null) {
            return Squarem.run(model, vectors, data, start, options, reducer, progress);
        }
        long t0 = System.nanoTime();
        double total = data.totalWeight();
        double[] trace = new double[options.maxIterations() + 1];
        P params = start;
        double previousMean = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iterations = 0;
        while (iterations < options.maxIterations()) {
            final P current = params;
            BlockReducer.Result<S> e = reducer.reduce(data, () -> model.emptyStats(current),
                    (block, into) -> model.accumulate(current, block, into));
            trace[iterations] = e.logLikelihood();
            if (progress != null) {
                progress.accept(e.logLikelihood());
            }
            params = model.maximize(e.stats());
            iterations++;
            double mean = e.logLikelihood() / total;
            if (Math.abs(mean - previousMean) < options.tolerance()) {
                converged = true;
                break;
            }
            previousMean = mean;
        }
        trace[iterations] = logLikelihood(model, data, params, reducer);
        double[] used = Arrays.copyOf(trace, iterations + 1);
        return new EmRun<>(params, used, iterations, converged, (System.nanoTime() - t0) * 1e-9);
    }

    /** The total log-likelihood of {@code params} on {@code data} (one E-step, statistics discarded). */
    public static <P, S extends Stats<S>> double logLikelihood(LatentModel<P, S> model, BlockSource data, P params,
            BlockReducer reducer) {
        return reducer.reduce(data, () -> model.emptyStats(params), (block, into) -> model.accumulate(params, block, into))
                .logLikelihood();
    }
}
