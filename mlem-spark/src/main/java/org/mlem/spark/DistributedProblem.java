package org.mlem.spark;

import java.util.function.DoubleConsumer;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;

/**
 * Runs a kind's {@link EmProblem} over cached partitions with {@link LatentModelFitter}: the filled
 * step first when the problem has one (one EM iteration on the rows with missing cells filled by
 * their column's weighted mean of the observed cells, the means summed over the partitions), then
 * EM by mlem's own {@link org.mlem.em.EmDriver} loop, so the answer is the single-machine fit's
 * from the same start.
 */
final class DistributedProblem {
    private DistributedProblem() {}

    /**
     * EM for {@code problem} on {@code data}; the fit's start log-likelihoods are the one run's.
     *
     * @param initSeconds seconds already spent drawing the start (reported as {@code seconds.init})
     */
    static <M> MixtureFit<M> fit(EmProblem<M> problem, DistributedData data, EmOptions em, int depth, long seed,
            double initSeconds, DoubleConsumer progress) {
        M first = problem.start();
        if (problem.filledStep() != null) {
            first = filledStep(problem.filledStep(), first, data, em, depth);
        }
        EmRun<M> run = run(problem.model(), first, data, em, depth, progress);
        M m = run.params();
        return new MixtureFit<>(m, run.logLikelihood(), run.trace(), run.iterations(), run.converged(),
                new double[] {run.logLikelihood()}, 0, (int) Math.min(Integer.MAX_VALUE, data.rows()), data.totalWeight(),
                problem.nParameters().applyAsInt(m), seed, initSeconds, run.seconds());
    }

    private static <M, S extends Stats<S>> EmRun<M> run(LatentModel<M, S> model, M start, DistributedData data,
            EmOptions em, int depth, DoubleConsumer progress) {
        return new LatentModelFitter<>(model, data, depth).run(start, em, progress);
    }

    private static <M, S extends Stats<S>> M filledStep(LatentModel<M, S> complete, M start, DistributedData data,
            EmOptions em, int depth) {
        int d = data.cols();
        LatentModelFitter<M, S> plain = new LatentModelFitter<>(complete, data, depth);
        double[] means = plain.reduce(() -> new ObservedMeans(d), (block, into) -> {
            into.add(block);
            return 0;
        }).stats().means();
        return new LatentModelFitter<>(new FilledModel<>(complete, means), data, depth)
                .run(start, em.withMaxIterations(1), null).params();
    }
}
