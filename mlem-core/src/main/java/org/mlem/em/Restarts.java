package org.mlem.em;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;
import org.mlem.MlemUserException;

/**
 * EM from several starts with the best kept: the loop every mixture estimator shares.
 *
 * <p>Every start draws its initial parameters from one generator seeded once for the whole fit,
 * in order, so the starts are the same for any thread count; the run with the highest final
 * log-likelihood wins, the first of equals (within {@link #tie}). The first start is the model's
 * default start, exactly as a one-start fit runs it, unless the model gives a {@link FirstScreen}:
 * then {@link #FIRST_CANDIDATES} draws (the default start first) each run {@link #FIRST_ITERATIONS}
 * EM iterations, on a sample of the rows when there are many, and EM runs on over every row from
 * the end of the best (these short runs are initialisation: timed as such, not in the trace or the
 * iteration count). A single default start reaches the best basin only by luck on overlapping
 * clusters: on the 10-dimensional, 8-component benchmark W1 one k-means++ start in three does, and
 * the others run hundreds of iterations to a maximum about 30,000 lower; ten iterations tell the
 * basins apart (docs/architecture.md). When the model's start is drawn at random, every later start is an
 * em-EM start (Biernacki, Celeux and Govaert, 2003, "Choosing starting values for the EM algorithm
 * for getting the highest likelihood in multivariate Gaussian mixture models", CSDA 41):
 * {@link #CANDIDATES} candidate starts are drawn
 * (each model varies its draws with the draw's number, see {@link Initialiser}), each runs at most
 * {@link #SCREEN_ITERATIONS} EM iterations, and EM runs on from the end of the best of these short
 * runs; that start's trace and iterations count from the chosen candidate, its short run
 * included, and the short runs are timed as initialisation. On small real problems a screened
 * start reaches the best maximum far more often than a plain one (docs/architecture.md).
 *
 * <p>A start that collapses ({@link StartCollapse}) or ends with a non-finite log-likelihood counts
 * as −∞ and the others go on; a candidate that does is passed over. {@link Optima} says where the
 * starts ended; a listener that is a {@link StartEnds} is told each successful start's end point, and
 * may ask for independent starts: each then drawn as the first is (its own {@link FirstScreen}, or
 * one plain draw), none from the em-EM screen, whose starts tend to reach one maximum.
 */
public final class Restarts {
    private Restarts() {}

    /** Candidate starts drawn and screened by a short EM run for every start after the first. */
    public static final int CANDIDATES = 5;

    /** The most EM iterations of a candidate's short run. */
    public static final int SCREEN_ITERATIONS = 50;

    /** Candidate draws for the first start of a model that gives a {@link FirstScreen}. */
    public static final int FIRST_CANDIDATES = 10;

    /** The most EM iterations of a first-start candidate's short run. */
    public static final int FIRST_ITERATIONS = 10;

    /**
     * How a model screens its first start: candidates drawn by {@code init} (draw 0 is the model's
     * default start), each run at most {@link #FIRST_ITERATIONS} iterations by {@code run}, which
     * may use a sample of the rows (its log-likelihoods are compared with one another only).
     */
    public record FirstScreen<P>(Initialiser<P> init, ShortRunner<P> run) {}

    /** Draws one start's initial parameters; timed as initialisation. */
    @FunctionalInterface
    public interface Initialiser<P> {
        /**
         * @param seeds the fit's generator, shared by the draws in order (draw from it, or split it)
         * @param draw 0 for the first start (the model's default start), then 1, 2, ... for every
         *     later draw, screened candidates included; a model may start differently by it (k-means++
         *     on odd draws, random responsibilities on even ones, say) so the starts explore
         */
        P start(SplittableRandom seeds, int draw);
    }

    /** Runs EM from a start; {@code iterations} gets each iteration's log-likelihood, or is null. */
    @FunctionalInterface
    public interface Runner<P> {
        EmRun<P> run(P start, DoubleConsumer iterations);
    }

    /** Runs at most {@code iterations} EM iterations from a candidate start, with the fit's other options. */
    @FunctionalInterface
    public interface ShortRunner<P> {
        EmRun<P> run(P candidate, int iterations);
    }

    /**
     * The best run and what every start reached.
     *
     * @param finals the final log-likelihood of every start, in order; −∞ for a start that failed
     */
    public record Outcome<P>(EmRun<P> best, int bestStart, double[] finals, double initSeconds, double fitSeconds) {

        /** The fit of the best start, with the data's size, its model's free parameters and the seed. */
        public MixtureFit<P> toFit(int rows, double totalWeight, int nParameters, long seed) {
            return new MixtureFit<>(best.params(), best.logLikelihood(), best.trace(), best.iterations(),
                    best.converged(), finals, bestStart, rows, totalWeight, nParameters, seed, initSeconds, fitSeconds);
        }
    }

    /**
     * Runs {@code restarts} starts and keeps the best. A start fails, with final log-likelihood
     * −∞, and the loop goes on, when drawing it or running EM from it throws a
     * {@link StartCollapse} exception, or when its final log-likelihood is not finite (NaN, or ±∞:
     * an infinite likelihood is a spike on a point, not a maximum). When every start fails, the
     * first collapse is thrown, or, when no start collapsed, a user error naming the non-finite
     * log-likelihoods and the fix. Any other exception ends the fit.
     *
     * @param screen runs a candidate's short EM for the starts after the first (em-EM); null: every
     *     start is one plain draw (estimators pass null for a given, deterministic start)
     * @param listener told each start's iterations (after screening), or null
     */
    public static <P> Outcome<P> best(int restarts, long seed, Initialiser<P> init, Runner<P> runner,
            ShortRunner<P> screen, EmListener listener) {
        return best(restarts, seed, init, runner, screen, listener, null);
    }

    /**
     * As {@link #best(int, long, Initialiser, Runner, ShortRunner, EmListener)}, keeping the best
     * start whose fit is not {@code degenerate} (a component on a few rows or at the ridge: a
     * likelihood spike, not an estimate) when any start's is not; a degenerate fit is kept only when
     * every successful start ended degenerate.
     *
     * @param degenerate tells a degenerate fit, or null to judge none (asked only of several starts)
     */
    public static <P> Outcome<P> best(int restarts, long seed, Initialiser<P> init, Runner<P> runner,
            ShortRunner<P> screen, EmListener listener, Predicate<P> degenerate) {
        return best(restarts, seed, init, runner, screen, null, listener, degenerate);
    }

    /**
     * As {@link #best(int, long, Initialiser, Runner, ShortRunner, EmListener, Predicate)}, the
     * first start chosen by {@code first} when it is not null (with {@code screen} null, a given
     * start, it is not used either).
     */
    public static <P> Outcome<P> best(int restarts, long seed, Initialiser<P> init, Runner<P> runner,
            ShortRunner<P> screen, FirstScreen<P> first, EmListener listener, Predicate<P> degenerate) {
        SplittableRandom seeds = new SplittableRandom(seed);
        boolean independent = listener instanceof StartEnds<?> e && e.independentStarts();
        EmRun<P> bestSpike = null;
        int bestSpikeStart = 0;
        int[] draws = {0};
        EmRun<P> best = null;
        RuntimeException firstCollapse = null;
        double[] finals = new double[restarts];
        int bestStart = 0;
        double initSeconds = 0;
        double fitSeconds = 0;
        for (int r = 0; r < restarts; r++) {
            long t0 = System.nanoTime();
            try {
                EmRun<P> shortRun = r == 0 || independent || screen == null ? null
                        : screened(init, screen, seeds, draws, CANDIDATES, SCREEN_ITERATIONS);
                P start = r == 0 && screen != null && first != null
                        ? screened(first.init(), first.run(), seeds, draws, FIRST_CANDIDATES, FIRST_ITERATIONS).params()
                        : shortRun == null ? init.start(seeds, draws[0]++) : shortRun.params();
                initSeconds += (System.nanoTime() - t0) * 1e-9;
                final int startIndex = r;
                final int[] iteration = {0};
                EmRun<P> run = runner.run(start,
                        listener == null ? null : ll -> listener.iteration(startIndex, ++iteration[0], ll));
                run = shortRun == null ? run : joined(shortRun, run);
                fitSeconds += run.seconds();
                double ll = run.logLikelihood();
                finals[r] = Double.isFinite(ll) ? ll : Double.NEGATIVE_INFINITY;
                if (Double.isFinite(ll) && listener instanceof StartEnds<?> ends) {
                    ended(ends, r, run);
                }
                if (Double.isFinite(ll) && (best == null || ll > best.logLikelihood() + tie(best.logLikelihood()))) {
                    if (restarts > 1 && degenerate != null && degenerate.test(run.params())) {
                        if (bestSpike == null || ll > bestSpike.logLikelihood() + tie(bestSpike.logLikelihood())) {
                            bestSpike = run;
                            bestSpikeStart = r;
                        }
                    } else {
                        best = run;
                        bestStart = r;
                    }
                }
            } catch (RuntimeException e) {
                if (!(e instanceof StartCollapse)) {
                    throw e;
                }
                finals[r] = Double.NEGATIVE_INFINITY;
                firstCollapse = firstCollapse == null ? e : firstCollapse;
            }
        }
        if (best == null && bestSpike != null) {
            best = bestSpike;
            bestStart = bestSpikeStart;
        }
        if (best == null) {
            throw firstCollapse != null ? firstCollapse : new MlemUserException("every one of the " + restarts
                    + (restarts == 1 ? " start" : " starts") + " ended with a non-finite log-likelihood; "
                    + "use more starts (--n-init), another seed, fewer components, or rescale the data");
        }
        return new Outcome<>(best, bestStart, finals, initSeconds, fitSeconds);
    }

    @SuppressWarnings("unchecked")
    private static <P> void ended(StartEnds<?> ends, int start, EmRun<P> run) {
        ((StartEnds<P>) ends).ended(start, run.params(), run.logLikelihood());
    }

    /**
     * {@code screen}, or null (plain draws) when a run may take at most {@code maxIterations} ≤
     * {@link #SCREEN_ITERATIONS} iterations: a user who caps EM that low gets starts of exactly that
     * many iterations, not a short run of {@link #SCREEN_ITERATIONS} before each.
     */
    public static <P> ShortRunner<P> screening(int maxIterations, ShortRunner<P> screen) {
        return maxIterations > SCREEN_ITERATIONS ? screen : null;
    }

    /**
     * How much higher a later start's final log-likelihood must be to replace the best:
     * max(1e-6, 1e-8·|ℓ|), the accuracy the default stopping rule promises. Two starts that reach
     * one maximum differ by rounding and by where each stopped; the first of them is kept, so the
     * choice does not turn on the last bits (which differ between a laptop and a cluster's
     * partitions).
     */
    public static double tie(double ll) {
        return Math.max(1e-6, 1e-8 * Math.abs(ll));
    }

    /** Runs every start as one plain draw (no screening). */
    public static <P> Outcome<P> best(int restarts, long seed, Initialiser<P> init, Runner<P> runner,
            EmListener listener) {
        return best(restarts, seed, init, runner, null, listener);
    }

    /**
     * The chosen candidate's short run followed by the run from its end: one trace from the
     * candidate's start, the iterations of both, the second run's parameters, convergence and time
     * (the short runs are timed as initialisation).
     */
    private static <P> EmRun<P> joined(EmRun<P> first, EmRun<P> then) {
        double[] a = first.trace();
        double[] b = then.trace();
        double[] trace = java.util.Arrays.copyOf(a, a.length + b.length - 1);
        System.arraycopy(b, 1, trace, a.length, b.length - 1);
        return new EmRun<>(then.params(), trace, first.iterations() + then.iterations(), then.converged(), then.seconds());
    }

    /**
     * The best short run of {@code iterations} from {@code candidates} draws; throws the first
     * collapse when every candidate fails, or a {@link CollapsedCandidates} when none collapsed but
     * none ended finite.
     */
    private static <P> EmRun<P> screened(Initialiser<P> init, ShortRunner<P> screen, SplittableRandom seeds, int[] draws,
            int candidates, int iterations) {
        EmRun<P> chosen = null;
        double bestLl = Double.NEGATIVE_INFINITY;
        RuntimeException firstCollapse = null;
        for (int c = 0; c < candidates; c++) {
            try {
                EmRun<P> run = screen.run(init.start(seeds, draws[0]++), iterations);
                double ll = run.logLikelihood();
                if (Double.isFinite(ll) && (chosen == null || ll > bestLl)) {
                    chosen = run;
                    bestLl = ll;
                }
            } catch (RuntimeException e) {
                if (!(e instanceof StartCollapse)) {
                    throw e;
                }
                firstCollapse = firstCollapse == null ? e : firstCollapse;
            }
        }
        if (chosen == null) {
            throw firstCollapse != null ? firstCollapse : new CollapsedCandidates();
        }
        return chosen;
    }

    /** Every candidate of a screened start ended with a non-finite log-likelihood: the start failed. */
    private static final class CollapsedCandidates extends MlemUserException implements StartCollapse {
        private static final long serialVersionUID = 1L;

        CollapsedCandidates() {
            super("every candidate start ended with a non-finite log-likelihood; use more starts (--n-init),"
                    + " another seed, fewer components, or rescale the data");
        }
    }
}
