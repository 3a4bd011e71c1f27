package org.mlem.em;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.function.ToDoubleFunction;
import org.mlem.data.BlockSource;

/**
 * The one EM loop every latent model runs: a parallel E-step over blocks, statistics merged in
 * block order, the model's M-step, and a convergence test on the mean per-row log-likelihood.
 *
 * <p>Iteration t computes the log-likelihood of the current parameters in its E-step, then
 * re-estimates them; the stopping rule ({@link Convergence}: by default Aitken's estimate of the
 * gain still to come, or scikit-learn's change of the mean per-row log-likelihood, whose iteration
 * counts then agree with scikit-learn's) is applied to that sequence after each iteration. A final
 * E-step then gives the log-likelihood of the parameters returned. Not converging within {@code maxIterations} is
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
        return run(model, new LocalEStep<>(model, data, reducer), data.totalWeight(), start, options, progress);
    }

    /** The E-step over a source whose rows this JVM reads, on {@code reducer}'s threads. */
    record LocalEStep<P, S extends Stats<S>>(LatentModel<P, S> model, BlockSource data, BlockReducer reducer)
            implements EStep<P, S> {
        @Override
        public BlockReducer.Result<S> run(P params) {
            return reducer.reduce(data, () -> model.emptyStats(params), (block, into) -> model.accumulate(params, block, into));
        }
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
        double[] trace = new double[16]; // grown as EM goes: --max-iter may be far above the iterations run
        P params = start;
        StoppingRule rule = new StoppingRule(options, totalWeight, model.logLikelihoodPrecision());
        boolean converged = false;
        int iterations = 0;
        while (iterations < options.maxIterations()) {
            BlockReducer.Result<S> e = eStep.run(params);
            if (iterations + 1 == trace.length) {
                trace = Arrays.copyOf(trace, 2 * trace.length);
            }
            trace[iterations] = e.logLikelihood();
            if (progress != null) {
                progress.accept(e.logLikelihood());
            }
            params = step(model, e, eStep);
            double[] theta = vectors == null ? null : vectors.toVector(params);
            iterations++;
            if (rule.converged(e.logLikelihood(), theta)) {
                converged = true;
                break;
            }
        }
        trace[iterations] = eStep.run(params).logLikelihood();
        double[] used = Arrays.copyOf(trace, iterations + 1);
        return new EmRun<>(params, used, iterations, converged, (System.nanoTime() - t0) * 1e-9);
    }

    /** The M-step from the E-step {@code e}, then the model's ECME step, if it has one ({@link LatentModel#maximizeObserved}). */
    static <P, S extends Stats<S>> P step(LatentModel<P, S> model, BlockReducer.Result<S> e, EStep<P, S> eStep) {
        P m = model.maximize(e.stats());
        ToDoubleFunction<P> logLikelihood = p -> eStep.run(p).logLikelihood();
        return eStep instanceof LocalEStep<P, S> local
                ? model.maximizeObserved(m, logLikelihood, local.data(), local.reducer())
                : model.maximizeObserved(m, logLikelihood);
    }

    /** The total log-likelihood of {@code params} on {@code data} (one E-step, statistics discarded). */
    public static <P, S extends Stats<S>> double logLikelihood(LatentModel<P, S> model, BlockSource data, P params,
            BlockReducer reducer) {
        return reducer.reduce(data, () -> model.emptyStats(params), (block, into) -> model.accumulate(params, block, into))
                .logLikelihood();
    }
}
