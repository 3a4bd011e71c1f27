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
     * The E-step over all of a data set under fixed parameters: the merged expected statistics and
     * the total log-likelihood. An in-memory source runs it on threads; a cluster runs it on its
     * partitions.
     */
    @FunctionalInterface
    public interface EStep<P, S> {
        BlockReducer.Result<S> run(P params);
    }

    /**
     * Runs EM from {@code start}.
     *
     * @param progress called with the total log-likelihood after each E-step, or null
     */
    public static <P, S extends Stats<S>> EmRun<P> run(LatentModel<P, S> model, BlockSource data, P start,
            EmOptions options, BlockReducer reducer, DoubleConsumer progress) {
        return run(model, params -> reducer.reduce(data, () -> model.emptyStats(params),
                (block, into) -> model.accumulate(params, block, into)), data.totalWeight(), start, options, progress);
    }

    /**
     * Runs EM from {@code start} with E-steps from {@code eStep}, wherever its rows live: the same
     * loop (plain or SQUAREM) and convergence rule as for an in-memory source.
     *
     * @param totalWeight the sum of the rows' frequency weights (the row count when unweighted)
     * @param progress called with the total log-likelihood after each E-step, or null
     */
    public static <P, S extends Stats<S>> EmRun<P> run(LatentModel<P, S> model, EStep<P, S> eStep, double totalWeight,
            P start, EmOptions options, DoubleConsumer progress) {
        ParameterVector<P> vectors = model.parameterVector();
        if (options.acceleration() == Acceleration.SQUAREM && vectors != null) {
            return Squarem.run(model, vectors, eStep, totalWeight, start, options, progress);
        }
        long t0 = System.nanoTime();
        double[] trace = new double[options.maxIterations() + 1];
        P params = start;
        double previousMean = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iterations = 0;
        while (iterations < options.maxIterations()) {
            BlockReducer.Result<S> e = eStep.run(params);
            trace[iterations] = e.logLikelihood();
            if (progress != null) {
                progress.accept(e.logLikelihood());
            }
            params = model.maximize(e.stats());
            iterations++;
            double mean = e.logLikelihood() / totalWeight;
            if (Math.abs(mean - previousMean) < options.tolerance()) {
                converged = true;
                break;
            }
            previousMean = mean;
        }
        trace[iterations] = eStep.run(params).logLikelihood();
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
