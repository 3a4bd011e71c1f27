package org.mlem.spark;

import java.io.Serializable;
import java.util.List;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.concomitant.ConcomitantVectors;
import org.mlem.concomitant.GatingFit;
import org.mlem.concomitant.GatingPoints;
import org.mlem.concomitant.GatingTotals;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.ParameterVector;
import org.mlem.em.Restarts;
import org.mlem.em.Stats;
import org.mlem.kernel.GaussianKernels;

/**
 * A mixture with concomitant variables (flexmix's {@code FLXPmultinom}; {@code fit gmm --concomitant},
 * {@code fit mixture --concomitant}) fit by EM over the partitions of a {@link ConcomitantData}, the
 * single machine's steps ({@code org.mlem.concomitant.ConcomitantModel}) with the rows left where
 * they are; the kind's components are a {@link ClusterComponents}:
 *
 * <ul>
 *   <li>E-step, one Spark job: each partition's responsibilities {@code log π_j(z_i) + log f_j(x_i)}
 *       normalised per row, and from them the components' statistics, merged along the fixed tree
 *       of the partitions;
 *   <li>M-step: the components' from the merged statistics on the driver; the gating's Newton fit
 *       ({@link GatingFit}, the single machine's steps and stopping rule) with each objective,
 *       gradient and Hessian one Spark job of per-partition sums over the responsibilities, which
 *       each partition recomputes from the E-step's parameters (the same bits as the E-step's).
 * </ul>
 *
 * The EM loop, SQUAREM and stopping rule are {@link EmDriver}'s. Starts are as {@code fit ...
 * --concomitant}'s ({@link ConcomitantStarts}): the first M-step from the posteriors of each distinct
 * end point of the plain fit's starts, the best kept by {@link Restarts#best}.
 *
 * @param <M> the mixture
 * @param <S> its components' statistics
 */
final class ConcomitantOnSpark<M, S extends Stats<S>>
        implements LatentModel<ConcomitantMixture<M>, ConcomitantOnSpark.Step<M, S>> {
    private final ClusterComponents<M, S> comps;
    private final int k;
    private final ConcomitantData data;
    private final org.mlem.concomitant.Gating zero;
    private final int depth;

    /** The k components {@code comps} over {@code data}, partial sums merged with tree depth {@code depth}. */
    ConcomitantOnSpark(ClusterComponents<M, S> comps, int k, ConcomitantData data, int depth) {
        this.comps = comps;
        this.k = k;
        this.data = data;
        this.zero = data.zeroGating().with(new double[k][data.zeroGating().width()]);
        this.depth = depth;
    }

    /** Where responsibilities are taken: components and either gating coefficients or constant log weights. */
    record Under<M>(M components, double[][] gamma, double[] logWeights) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * An E-step's outcome: the components' merged sums, the parameters it ran under, and the gating's
     * sums at the coefficients its M-step starts from (the Newton fit's first point, so the E-step's
     * job also serves it).
     */
    static final class Step<M, S extends Stats<S>> implements Stats<Step<M, S>>, Serializable {
        private static final long serialVersionUID = 1L;
        final S stats;
        final Under<M> under;
        final double[][] from;
        final GatingTotals gating;

        Step(S stats, Under<M> under, double[][] from, GatingTotals gating) {
            this.stats = stats;
            this.under = under;
            this.from = from;
            this.gating = gating;
        }

        /** The components' merged statistics. */
        S stats() {
            return stats;
        }

        @Override
        public void merge(Step<M, S> other) {
            stats.merge(other.stats);
            gating.merge(other.gating);
        }
    }

    /**
     * The best concomitant fit from the plain fit {@code plain}'s start ends, as
     * {@link ConcomitantStarts#best} picks it on one machine (every concomitant run here on the cluster).
     */
    ConcomitantStarts.Outcome<M> best(MixtureFit<M> plain, ConcomitantStarts.Ends<M> ends,
            java.util.function.Function<M, double[]> weights, EmOptions em) {
        List<M> starts = ends.distinct(plain.model(), plain.logLikelihood());
        Restarts.Outcome<ConcomitantMixture<M>> out = Restarts.best(starts.size(), 0,
                (seeds, draw) -> firstStep(starts.get(draw), weights.apply(starts.get(draw))),
                (start, iterations) -> EmDriver.run(this, this::eStep, data.data().totalWeight(), start, em, iterations),
                null, null, m -> !degenerateComponents(m).isEmpty());
        return ConcomitantStarts.outcome(plain, out, comps::componentParameters, Math.toIntExact(data.data().rows()),
                data.data().totalWeight());
    }

    /** The components of {@code m} the rows do not support, as a fit judges a start's end. */
    List<org.mlem.em.DegenerateComponent> degenerateComponents(ConcomitantMixture<M> m) {
        return comps.degenerate(this, m);
    }

    /** {@code Σ_i w_i log max_j τ_ij} under {@code m}'s posteriors (ICL's classification term): one job. */
    double classificationSum(ConcomitantMixture<M> m) {
        ClusterComponents<M, S> cc = comps;
        int kk = k;
        Under<M> under = new Under<>(m.components(), m.gating().coefficients(), null);
        return this.<MergedSums>onPartitions(under, (part, u) -> {
            DataMatrix x = matrix(part.blocks());
            double[] resp = new double[x.rows() * kk];
            responsibilities(part, u, x, cc.on(x), kk, resp);
            double sum = 0;
            for (int i = 0; i < x.rows(); i++) {
                double max = 0;
                for (int j = 0; j < kk; j++) {
                    max = Math.max(max, resp[i * kk + j]);
                }
                sum += x.weight(i) * Math.log(max);
            }
            return new Partial<>(new MergedSums(new double[] {sum}, 1), 0);
        }).stats().values()[0];
    }

    /**
     * The log-likelihood of every model of {@code models} over the rows (null, or a model the rows
     * cannot be scored under: NaN), in one job: each partition scores its rows under each model as
     * the E-step does ({@code ConcomitantInformation}'s points for standard errors).
     */
    double[] logLikelihoods(List<ConcomitantMixture<M>> models) {
        ClusterComponents<M, S> cc = comps;
        int kk = k;
        java.util.ArrayList<Under<M>> all = new java.util.ArrayList<>();
        for (ConcomitantMixture<M> m : models) {
            all.add(m == null ? null : new Under<>(m.components(), m.gating().coefficients(), null));
        }
        return this.<MergedSums>onPartitions(null, (part, u) -> {
            double[] ll = new double[all.size()];
            if (part.blocks().rows() > 0) {
                DataMatrix x = matrix(part.blocks());
                ClusterComponents.OnRows<M, S> on = cc.on(x);
                double[] resp = new double[x.rows() * kk];
                for (int m = 0; m < ll.length; m++) {
                    Under<M> at = all.get(m);
                    ll[m] = at == null ? Double.NaN : logLikelihood(part, at, x, on, kk, resp);
                }
            }
            return new Partial<>(new MergedSums(ll, ll.length), 0);
        }).stats().values();
    }

    /**
     * Louis' information of {@code m} summed over the rows ({@code ConcomitantInformation.louisSums}
     * of each partition's rows, their posteriors as the E-step takes them), {@code size} values (P × P):
     * one job. The components must give derivatives for {@code m}.
     */
    double[] louisSums(ConcomitantMixture<M> m, int size) {
        ClusterComponents<M, S> cc = comps;
        int kk = k;
        return this.<MergedSums>onPartitions(new Under<>(m.components(), m.gating().coefficients(), null), (part, u) -> {
            if (part.blocks().rows() == 0) {
                return new Partial<>(new MergedSums(new double[size], size), 0);
            }
            DataMatrix x = matrix(part.blocks());
            ClusterComponents.OnRows<M, S> on = cc.on(x);
            double[] resp = new double[x.rows() * kk];
            responsibilities(part, u, x, on, kk, resp);
            double[] sums = org.mlem.concomitant.ConcomitantInformation.louisSums(on.densities().derivatives(u.components()),
                    resp, part.z(), x.rows(), part.blocks().weightsOrNull(), u.gamma());
            return new Partial<>(new MergedSums(sums, size), 0);
        }).stats().values();
    }

    /** The partition's log-likelihood under {@code at}; NaN where its rows cannot be scored (a step outside the parameter space). */
    private static <M, S> double logLikelihood(ConcomitantData.Part part, Under<M> at, DataMatrix x,
            ClusterComponents.OnRows<M, S> on, int k, double[] resp) {
        try {
            return responsibilities(part, at, x, on, k, resp);
        } catch (org.mlem.MlemUserException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /** The rows on the cluster. */
    ConcomitantData data() {
        return data;
    }

    /** The depth of the merge trees. */
    int depth() {
        return depth;
    }

    /**
     * {@code f}'s vector of {@code size} sums over each partition's rows (a matrix with their
     * weights), added along the fixed tree of the partitions: one job.
     */
    double[] sumOverPartitions(int size, PartSums f) {
        return this.<MergedSums>onPartitions(null, (part, u) -> new Partial<>(
                new MergedSums(part.blocks().rows() == 0 ? new double[size] : f.of(matrix(part.blocks())), size), 0))
                .stats().values();
    }

    /** Per-partition sums of {@link #sumOverPartitions}. */
    @FunctionalInterface
    interface PartSums extends Serializable {
        double[] of(DataMatrix rows);
    }

    /** EM from {@code start} (an E-step first), as {@code ConcomitantEm.fromModel} on one machine. */
    EmRun<ConcomitantMixture<M>> fromModel(ConcomitantMixture<M> start, EmOptions em) {
        return EmDriver.run(this, this::eStep, data.data().totalWeight(), start, em, null);
    }

    /** The first M-step from the posteriors of {@code plain} under its weights {@code w}, the gating from γ = 0. */
    ConcomitantMixture<M> firstStep(M plain, double[] w) {
        double[] logs = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            logs[j] = Math.log(w[j]);
        }
        return maximize(eStepUnder(new Under<>(plain, null, logs), zero.coefficients()).stats());
    }

    /** One E-step under {@code params}. */
    BlockReducer.Result<Step<M, S>> eStep(ConcomitantMixture<M> params) {
        double[][] gamma = params.gating().coefficients();
        return eStepUnder(new Under<>(params.components(), gamma, null), gamma);
    }

    /** One job: the E-step under {@code under}, with the gating's sums at {@code from}. */
    private BlockReducer.Result<Step<M, S>> eStepUnder(Under<M> under, double[][] from) {
        ClusterComponents<M, S> cc = comps;
        int kk = k;
        return onPartitions(under, (part, u) -> {
            DataMatrix x = matrix(part.blocks());
            ClusterComponents.OnRows<M, S> on = cc.on(x);
            double[] resp = new double[x.rows() * kk];
            double ll = responsibilities(part, u, x, on, kk, resp);
            return new Partial<>(new Step<>(on.statistics().apply(u.components(), resp), u, from,
                    gatingSums(part, resp, from)), ll);
        });
    }

    /** The gating's objective, gradient and negative Hessian over a partition's rows with responsibilities {@code resp}. */
    private static GatingTotals gatingSums(ConcomitantData.Part part, double[] resp, double[][] gamma) {
        return GatingTotals.of(gamma, part.z(), part.blocks().rows(), resp, part.blocks().weightsOrNull());
    }

    @Override
    public Step<M, S> emptyStats(ConcomitantMixture<M> params) {
        double[][] gamma = params.gating().coefficients();
        return new Step<>(comps.emptyStats(params.components()), new Under<>(params.components(), gamma, null), gamma,
                GatingTotals.empty(k, gamma[0].length));
    }

    /** Not used: the rows are on the cluster and {@link #eStep} reads them. */
    @Override
    public double accumulate(ConcomitantMixture<M> params, Block rows, Step<M, S> into) {
        throw new UnsupportedOperationException("a concomitant fit on Spark reads its rows in eStep");
    }

    @Override
    public ConcomitantMixture<M> maximize(Step<M, S> stats) {
        M m = comps.maximize(stats.stats);
        double[][] gamma = GatingFit.fit(new GatingPoints(point -> gatingAt(stats.under, point), stats.from,
                stats.gating), stats.from,
                zero.terms());
        return new ConcomitantMixture<>(m, zero.with(gamma));
    }

    @Override
    public ParameterVector<ConcomitantMixture<M>> parameterVector() {
        ParameterVector<M> v = comps.vectors();
        return v == null ? null : new ConcomitantVectors<>(v, k);
    }

    /** The partition's rows as a matrix with their weights. */
    private static DataMatrix matrix(RowBlocks b) {
        DataMatrix x = b.matrix();
        return b.weightsOrNull() == null ? x : x.withWeights(b.weightsOrNull());
    }

    /**
     * Writes the partition's responsibilities under {@code u} into {@code resp} (rows × k), block by
     * block as the single machine's E-step; returns the rows' weighted log-likelihood.
     */
    private static <M, S> double responsibilities(ConcomitantData.Part part, Under<M> u, DataMatrix x,
            ClusterComponents.OnRows<M, S> comps, int k, double[] resp) {
        double ll = 0;
        for (int b = 0; b < x.blockCount(); b++) {
            Block block = x.block(b);
            int r = block.rows();
            double[] out = new double[r * k];
            comps.densities().logDensities(u.components(), block, out);
            if (u.gamma() != null) {
                double[] lp = new double[r * k];
                org.mlem.concomitant.Gating.logPriors(u.gamma(), part.z(), block.start(), r, lp);
                for (int i = 0; i < out.length; i++) {
                    out[i] += lp[i];
                }
            } else {
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i * k + j] += u.logWeights()[j];
                    }
                }
            }
            ll += GaussianKernels.normalizeRows(out, r, k, block.weights(), null, block.start());
            System.arraycopy(out, 0, resp, block.start() * k, out.length);
        }
        return ll;
    }

    /**
     * One job: the gating's objective, gradient and Hessian at {@code gamma} over the partitions, each
     * recomputing its responsibilities under the E-step's parameters {@code under}.
     */
    private GatingTotals gatingAt(Under<M> under, double[][] gamma) {
        ClusterComponents<M, S> cc = comps;
        int kk = k;
        return onPartitions(under, (part, u) -> {
            DataMatrix x = matrix(part.blocks());
            double[] resp = new double[x.rows() * kk];
            responsibilities(part, u, x, cc.on(x), kk, resp);
            return new Partial<>(gatingSums(part, resp, gamma), 0);
        }).stats();
    }

    /** One partition's statistics and log-likelihood. */
    record Partial<T>(T stats, double logLikelihood) {}

    /** Work on one partition under broadcast parameters. */
    @FunctionalInterface
    interface PartWork<M, T> extends Serializable {
        Partial<T> run(ConcomitantData.Part part, Under<M> under);
    }

    /**
     * Runs {@code work} on every partition under {@code under} (a few numbers, carried in the task
     * rather than broadcast: each Newton step is a job), merged along the fixed tree.
     */
    private <T extends Stats<T>> BlockReducer.Result<T> onPartitions(Under<M> under, PartWork<M, T> work) {
        int leaves = data.data().partitions();
        FixedTreeMerge<T> merged = data.parts().treeAggregate(new FixedTreeMerge<T>(leaves), (tree, part) -> {
            Partial<T> r = work.run(part, under);
            return tree.add(part.partition(), r.stats(), r.logLikelihood());
        }, FixedTreeMerge::combine, depth);
        return merged.result();
    }
}
