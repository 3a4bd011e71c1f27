package org.mlem.concomitant;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;
import org.mlem.em.StartEnds;

/**
 * The concomitant EM from every distinct end point of the plain mixture's starts, the best kept as
 * {@link Restarts#best} keeps a plain fit's (the highest log-likelihood, the first of equals within
 * {@link Restarts#tie}; a degenerate end only when every start's is; a start whose EM collapses,
 * a gating that a term separates say, is passed over while another succeeds). The best plain start
 * alone is not enough: once the weights depend on the covariates another plain maximum's basin is
 * often the better one (quakes, k = 4, full covariances, ~ depth: the best plain start leads to
 * ℓ −4456.61, a lower plain maximum's to −4443.49, flexmix's optimum). Plain ends whose
 * log-likelihoods tie ({@link Restarts#tie}) are one maximum (up to the components' order) and are
 * run once. The plain fit's best model runs first, so a tie keeps the end point a single start reaches.
 */
public final class ConcomitantStarts {
    private ConcomitantStarts() {}

    /**
     * Collects where each start of a plain multi-start fit ended (in start order), telling
     * {@code progress} of every iteration.
     */
    public static final class Ends<M> implements StartEnds<M> {
        private final EmListener progress;
        private final List<M> models = new ArrayList<>();
        private final List<Double> logLikelihoods = new ArrayList<>();

        public Ends(EmListener progress) {
            this.progress = progress == null ? EmListener.NONE : progress;
        }

        @Override
        public void iteration(int start, int iteration, double logLikelihood) {
            progress.iteration(start, iteration, logLikelihood);
        }

        /** Yes: the em-EM screen's starts tend to end at the best plain maximum, seldom in the others' basins. */
        @Override
        public boolean independentStarts() {
            return true;
        }

        @Override
        public void ended(int start, M params, double logLikelihood) {
            models.add(params);
            logLikelihoods.add(logLikelihood);
        }

        /**
         * The distinct end points to start the concomitant EM from: {@code best} (the plain fit's
         * model) first, then the others by falling log-likelihood, one of each tie.
         */
        public List<M> distinct(M best, double bestLogLikelihood) {
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < models.size(); s++) {
                order.add(s);
            }
            order.sort((a, b) -> Double.compare(logLikelihoods.get(b), logLikelihoods.get(a))); // stable
            List<M> out = new ArrayList<>(List.of(best));
            List<Double> kept = new ArrayList<>(List.of(bestLogLikelihood));
            for (int s : order) {
                double ll = logLikelihoods.get(s);
                if (kept.stream().noneMatch(o -> Math.abs(o - ll) <= Restarts.tie(o))) {
                    out.add(models.get(s));
                    kept.add(ll);
                }
            }
            return out;
        }
    }

    /**
     * The chosen concomitant fit, with the final log-likelihoods of the concomitant starts, the
     * plain fit's seed, and its time counted as initialisation.
     */
    public record Outcome<M>(ConcomitantFit<M> fit, double[] finals, int bestStart, long seed, double initSeconds,
            double fitSeconds) {
        public Outcome {
            finals = finals.clone();
        }

        @Override
        public double[] finals() {
            return finals.clone();
        }

        /** The fit in a plain fit's shape with {@code model} as its model. */
        public <P> MixtureFit<P> asMixtureFit(P model) {
            return new MixtureFit<>(model, fit.logLikelihood(), fit.trace(), fit.iterations(), fit.converged(), finals,
                    bestStart, fit.rows(), fit.totalWeight(), fit.nParameters(), seed, initSeconds, fitSeconds);
        }
    }

    /**
     * The best concomitant fit from the plain fit {@code plain}'s start ends {@code ends} (filled
     * by the plain fit; its best model alone when it reported none).
     *
     * @param weights a plain model's mixing weights (the first E-step's priors)
     * @param rowWeights the rows' frequency weights, or null
     * @param degenerate whether the components of a concomitant fit, with the rows' posteriors
     *     (n rows of k) under it, have a component the data do not support
     */
    public static <M> Outcome<M> best(MixtureFit<M> plain, Ends<M> ends, Function<M, double[]> weights,
            ComponentDensities<M> components, ConcomitantDesign design, double[] rowWeights, EmOptions em,
            BiPredicate<M, double[][]> degenerate) {
        List<M> starts = ends.distinct(plain.model(), plain.logLikelihood());
        ConcomitantModel<M> cm = new ConcomitantModel<>(components, design, rowWeights);
        DataMatrix rows = ConcomitantEm.source(design, rowWeights);
        Restarts.Outcome<ConcomitantMixture<M>> out;
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            out = Restarts.best(starts.size(), 0,
                    (seeds, draw) -> ConcomitantEm.firstStep(components, design, rowWeights, starts.get(draw),
                            logs(weights.apply(starts.get(draw)))),
                    (start, iterations) -> EmDriver.run(cm, rows, start, em, reducer, iterations), null, null,
                    m -> degenerate.test(m.components(), ConcomitantEm.posteriorRows(components, design, m)));
        }
        return outcome(plain, out, components::componentParameters, design.rows(), rows.totalWeight());
    }

    /**
     * The outcome of the concomitant starts {@code out} run from the plain fit {@code plain}'s ends
     * (on one machine or where the rows live): its best run, its parameters the components' ({@code
     * componentParameters}) and the gating's.
     */
    public static <M> Outcome<M> outcome(MixtureFit<M> plain, Restarts.Outcome<ConcomitantMixture<M>> out,
            java.util.function.ToIntFunction<M> componentParameters, int rows, double totalWeight) {
        var run = out.best();
        ConcomitantMixture<M> fitted = run.params();
        int p = componentParameters.applyAsInt(fitted.components()) + fitted.gating().freeParameters();
        ConcomitantFit<M> fit = new ConcomitantFit<>(fitted, run.logLikelihood(), run.trace(), run.iterations(),
                run.converged(), run.seconds(), p, rows, totalWeight);
        return new Outcome<>(fit, out.finals(), out.bestStart(), plain.seed(),
                plain.initSeconds() + plain.fitSeconds() + out.initSeconds(), out.fitSeconds());
    }

    private static double[] logs(double[] w) {
        double[] l = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            l[j] = Math.log(w[j]);
        }
        return l;
    }
}
