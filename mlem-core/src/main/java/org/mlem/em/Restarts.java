package org.mlem.em;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * EM from several starts with the best kept: the loop every mixture estimator shares. Start r
 * draws its initial parameters from one generator seeded once for the whole fit, so the starts
 * are the same for any thread count; the run with the highest final log-likelihood wins, the first
 * of equals.
 */
public final class Restarts {
    private Restarts() {}

    /** Draws one start's initial parameters; timed as initialisation. */
    @FunctionalInterface
    public interface Initialiser<P> {
        /**
         * @param seeds the fit's generator, shared by the starts in order (draw from it, or split it)
         */
        P start(SplittableRandom seeds);
    }

    /** Runs EM from a start; {@code iterations} gets each iteration's log-likelihood, or is null. */
    @FunctionalInterface
    public interface Runner<P> {
        EmRun<P> run(P start, DoubleConsumer iterations);
    }

    /**
     * The best run and what every start reached.
     *
     * @param finals the final log-likelihood of every start, in order; −∞ for a start that collapsed
     */
    public record Outcome<P>(EmRun<P> best, int bestStart, double[] finals, double initSeconds, double fitSeconds) {

        /** The fit of the best start, with the data's size, its model's free parameters and the seed. */
        public MixtureFit<P> toFit(int rows, double totalWeight, int nParameters, long seed) {
            return new MixtureFit<>(best.params(), best.logLikelihood(), best.trace(), best.iterations(),
                    best.converged(), finals, bestStart, rows, totalWeight, nParameters, seed, initSeconds, fitSeconds);
        }
    }

    /**
     * Runs {@code restarts} starts and keeps the best.
     *
     * @param listener told each start's iterations, or null
     * @param collapse an exception type that marks one start as failed (its final log-likelihood
     *     is then −∞) rather than the fit; null: any exception ends the fit. When every start
     *     fails, the first start's exception is thrown.
     */
    public static <P> Outcome<P> best(int restarts, long seed, Initialiser<P> init, Runner<P> runner,
            EmListener listener, Class<? extends RuntimeException> collapse) {
        SplittableRandom seeds = new SplittableRandom(seed);
        EmRun<P> best = null;
        RuntimeException firstFailure = null;
        double[] finals = new double[restarts];
        int bestStart = 0;
        double initSeconds = 0;
        double fitSeconds = 0;
        for (int r = 0; r < restarts; r++) {
            long t0 = System.nanoTime();
            try {
                P start = init.start(seeds);
                initSeconds += (System.nanoTime() - t0) * 1e-9;
                final int startIndex = r;
                final int[] iteration = {0};
                EmRun<P> run = runner.run(start,
                        listener == null ? null : ll -> listener.iteration(startIndex, ++iteration[0], ll));
                fitSeconds += run.seconds();
                finals[r] = run.logLikelihood();
                if (best == null || run.logLikelihood() > best.logLikelihood()) {
                    best = run;
                    bestStart = r;
                }
            } catch (RuntimeException e) {
                if (collapse == null || !collapse.isInstance(e)) {
                    throw e;
                }
                finals[r] = Double.NEGATIVE_INFINITY;
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (best == null) {
            throw firstFailure;
        }
        return new Outcome<>(best, bestStart, finals, initSeconds, fitSeconds);
    }
}
