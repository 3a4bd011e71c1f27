package org.mlem.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.mlem.concomitant.ConcomitantFit;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.concomitant.ConcomitantVectors;
import org.mlem.concomitant.GatingFit;
import org.mlem.concomitant.GatingSums;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.Moments;
import org.mlem.gmm.Degeneracy;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.ParameterVector;
import org.mlem.em.Restarts;
import org.mlem.em.Stats;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmComponents;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.GmmStats;
import org.mlem.kernel.GaussianKernels;

/**
 * A Gaussian mixture with concomitant variables (flexmix's {@code FLXPmultinom}, {@code fit gmm
 * --concomitant}) fit by EM over the partitions of a {@link ConcomitantData}, the single machine's
 * steps ({@code org.mlem.concomitant.ConcomitantModel}) with the rows left where they are:
 *
 * <ul>
 *   <li>E-step, one Spark job: each partition's responsibilities {@code log π_j(z_i) + log f_j(x_i)}
 *       normalised per row, and from them the components' weighted sums ({@link GmmComponents#statistics}),
 *       merged along the fixed tree of the partitions;
 *   <li>M-step: the components' from the merged sums on the driver; the gating's Newton fit
 *       ({@link GatingFit}, the single machine's steps and stopping rule) with each objective,
 *       gradient and Hessian one Spark job of per-partition sums over the responsibilities, which
 *       each partition recomputes from the E-step's parameters (the same bits as the E-step's).
 * </ul>
 *
 * The EM loop, SQUAREM and stopping rule are {@link EmDriver}'s. Starts are as {@code fit gmm
 * --concomitant}'s ({@link ConcomitantStarts}): the first M-step from the posteriors of each distinct
 * end point of the plain fit's starts, the best kept by {@link Restarts#best}.
 */
final class ConcomitantOnSpark implements LatentModel<ConcomitantMixture<GaussianMixture>, ConcomitantOnSpark.Step> {
    private final GmmModel gmm;
    private final int k;
    private final ConcomitantData data;
    private final org.mlem.concomitant.Gating zero;
    private final int depth;
    private final double regCovar;

    /** @param regCovar the ridge the components were fit with (a covariance at its floor is degenerate) */
    ConcomitantOnSpark(GmmModel gmm, int k, double regCovar, ConcomitantData data, int depth) {
        this.gmm = gmm;
        this.regCovar = regCovar;
        this.k = k;
        this.data = data;
        this.zero = data.zeroGating();
        this.depth = depth;
    }

    /** Where responsibilities are taken: components and either gating coefficients or constant log weights. */
    record Under(GaussianMixture components, double[][] gamma, double[] logWeights) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * An E-step's outcome: the components' merged sums, the parameters it ran under, and the gating's
     * sums at the coefficients its M-step starts from (the Newton fit's first point, so the E-step's
     * job also serves it).
     */
    static final class Step implements Stats<Step>, Serializable {
        private static final long serialVersionUID = 1L;
        final GmmStats stats;
        final Under under;
        final double[][] from;
        final GatingPartial gating;

        Step(GmmStats stats, Under under, double[][] from, GatingPartial gating) {
            this.stats = stats;
            this.under = under;
            this.from = from;
            this.gating = gating;
        }

        @Override
        public void merge(Step other) {
            stats.merge(other.stats);
            gating.merge(other.gating);
        }
    }

    /**
     * The best concomitant fit from the plain fit {@code plain}'s start ends, as
     * {@link ConcomitantStarts#best} picks it on one machine (every concomitant run here on the cluster).
     */
    ConcomitantStarts.Outcome<GaussianMixture> best(MixtureFit<GaussianMixture> plain,
            ConcomitantStarts.Ends<GaussianMixture> ends, EmOptions em) {
        List<GaussianMixture> starts = ends.distinct(plain.model(), plain.logLikelihood());
        Restarts.Outcome<ConcomitantMixture<GaussianMixture>> out = Restarts.best(starts.size(), 0,
                (seeds, draw) -> firstStep(starts.get(draw)),
                (start, iterations) -> EmDriver.run(this, this::eStep, data.data().totalWeight(), start, em, iterations),
                null, null, m -> !degenerateComponents(m).isEmpty());
        EmRun<ConcomitantMixture<GaussianMixture>> run = out.best();
        ConcomitantMixture<GaussianMixture> fitted = run.params();
        int p = fitted.components().nParameters() - (k - 1) + fitted.gating().freeParameters();
        ConcomitantFit<GaussianMixture> fit = new ConcomitantFit<>(fitted, run.logLikelihood(), run.trace(),
                run.iterations(), run.converged(), run.seconds(), p, Math.toIntExact(data.data().rows()),
                data.data().totalWeight());
        return new ConcomitantStarts.Outcome<>(fit, out.finals(), out.bestStart(), plain.seed(),
                plain.initSeconds() + plain.fitSeconds() + out.initSeconds(), out.fitSeconds());
    }

    /**
     * The components of {@code m} the rows do not support ({@link Degeneracy}, as {@code fit gmm
     * --concomitant} judges a start's end), from two passes over the partitions: the posterior
     * counts under the concomitant weights (one E-step) and the rows' covariance.
     */
    List<DegenerateComponent> degenerateComponents(ConcomitantMixture<GaussianMixture> m) {
        double[] counts = eStep(m).stats().stats.counts();
        double[] centre = GaussianMixtureEstimator.centre(m.components());
        double[][] scatter = LatentModelFitter.reduce(data.data(), depth, () -> new Moments(centre),
                (block, into) -> into.add(block)).stats().covariance();
        return Degeneracy.of(m.components(), counts, scatter, regCovar);
    }

    /** EM from {@code start} (an E-step first), as {@code ConcomitantEm.fromModel} on one machine. */
    EmRun<ConcomitantMixture<GaussianMixture>> fromModel(ConcomitantMixture<GaussianMixture> start, EmOptions em) {
        return EmDriver.run(this, this::eStep, data.data().totalWeight(), start, em, null);
    }

    /** The first M-step from the posteriors of {@code plain} under its own weights, the gating from γ = 0. */
    ConcomitantMixture<GaussianMixture> firstStep(GaussianMixture plain) {
        double[] w = plain.weights();
        double[] logs = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            logs[j] = Math.log(w[j]);
        }
        return maximize(eStepUnder(new Under(plain, null, logs), zero.coefficients()).stats());
    }

    /** One E-step under {@code params}. */
    BlockReducer.Result<Step> eStep(ConcomitantMixture<GaussianMixture> params) {
        double[][] gamma = params.gating().coefficients();
        return eStepUnder(new Under(params.components(), gamma, null), gamma);
    }

    /** One job: the E-step under {@code under}, with the gating's sums at {@code from}. */
    private BlockReducer.Result<Step> eStepUnder(Under under, double[][] from) {
        GmmModel model = gmm;
        int kk = k;
        BlockReducer.Result<Step> r = onPartitions(under, (part, u) -> {
            DataMatrix x = matrix(part.blocks());
            double[] resp = new double[x.rows() * kk];
            double ll = responsibilities(part, u, x, model, kk, resp);
            return new Partial<>(new Step(new GmmComponents(model, kk, x).statistics(u.components(), resp), u, from,
                    gatingSums(part, resp, from, kk)), ll);
        });
        return r;
    }

    /** The gating's objective, gradient and negative Hessian over a partition's rows with responsibilities {@code resp}. */
    private static GatingPartial gatingSums(ConcomitantData.Part part, double[] resp, double[][] gamma, int k) {
        int n = part.blocks().rows();
        double[] w = part.blocks().weightsOrNull();
        int free = (k - 1) * gamma[0].length;
        GatingPartial s = new GatingPartial(GatingFit.objective(gamma, part.z(), n, resp, w), new double[free],
                new double[free][free]);
        GatingFit.derivatives(gamma, part.z(), n, resp, w, s.g, s.h);
        return s;
    }

    @Override
    public Step emptyStats(ConcomitantMixture<GaussianMixture> params) {
        double[][] gamma = params.gating().coefficients();
        int free = (k - 1) * gamma[0].length;
        return new Step(gmm.emptyStats(params.components()), new Under(params.components(), gamma, null), gamma,
                new GatingPartial(0, new double[free], new double[free][free]));
    }

    /** Not used: the rows are on the cluster and {@link #eStep} reads them. */
    @Override
    public double accumulate(ConcomitantMixture<GaussianMixture> params, Block rows, Step into) {
        throw new UnsupportedOperationException("a concomitant fit on Spark reads its rows in eStep");
    }

    @Override
    public ConcomitantMixture<GaussianMixture> maximize(Step stats) {
        GaussianMixture m = gmm.maximize(stats.stats);
        double[][] gamma = GatingFit.fit(new ClusterSums(stats.under, stats.from, stats.gating), stats.from,
                zero.terms());
        return new ConcomitantMixture<>(m, zero.with(gamma));
    }

    @Override
    public ParameterVector<ConcomitantMixture<GaussianMixture>> parameterVector() {
        ParameterVector<GaussianMixture> v = gmm.parameterVector();
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
    private static double responsibilities(ConcomitantData.Part part, Under u, DataMatrix x, GmmModel model, int k,
            double[] resp) {
        GmmComponents comps = new GmmComponents(model, k, x);
        double ll = 0;
        int q = u.gamma() == null ? 0 : u.gamma()[0].length;
        for (int b = 0; b < x.blockCount(); b++) {
            Block block = x.block(b);
            int r = block.rows();
            double[] out = new double[r * k];
            comps.logDensities(u.components(), block, out);
            if (u.gamma() != null) {
                double[] lp = new double[r * k];
                zeroFree(u.gamma(), q).logPriors(part.z(), block.start(), r, lp);
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

    /** A gating of these coefficients (its names unused: only its log priors are taken). */
    private static org.mlem.concomitant.Gating zeroFree(double[][] gamma, int q) {
        return new org.mlem.concomitant.Gating("~", java.util.Collections.nCopies(q, "z"), java.util.Map.of(), gamma);
    }

    /** The gating's objective and derivatives as sums over the partitions, under the E-step's parameters. */
    private final class ClusterSums implements GatingSums {
        private final Under under;
        private double[][] at;
        private GatingPartial last;

        /** Sums under the E-step's parameters {@code under}, those at {@code at} already taken ({@code last}). */
        ClusterSums(Under under, double[][] at, GatingPartial last) {
            this.under = under;
            this.at = at;
            this.last = last;
        }

        @Override
        public double objective(double[][] gamma) {
            return at(gamma).value;
        }

        @Override
        public void derivatives(double[][] gamma, double[] g, double[][] h) {
            GatingPartial s = at(gamma);
            for (int a = 0; a < g.length; a++) {
                g[a] += s.g[a];
                for (int b = 0; b < g.length; b++) {
                    h[a][b] += s.h[a][b];
                }
            }
        }

        /** One job: the objective, gradient and Hessian at {@code gamma} (the last one kept: Newton asks for both). */
        private GatingPartial at(double[][] gamma) {
            if (at != null && Arrays.deepEquals(at, gamma)) {
                return last;
            }
            GmmModel model = gmm;
            int kk = k;
            double[][] point = new double[gamma.length][];
            for (int j = 0; j < point.length; j++) {
                point[j] = gamma[j].clone();
            }
            last = onPartitions(under, (part, u) -> {
                DataMatrix x = matrix(part.blocks());
                double[] resp = new double[x.rows() * kk];
                responsibilities(part, u, x, model, kk, resp);
                return new Partial<>(gatingSums(part, resp, point, kk), 0);
            }).stats();
            at = point;
            return last;
        }
    }

    /** Partial sums of the gating's objective, gradient and negative Hessian. */
    static final class GatingPartial implements Stats<GatingPartial>, Serializable {
        private static final long serialVersionUID = 1L;
        double value;
        final double[] g;
        final double[][] h;

        GatingPartial(double value, double[] g, double[][] h) {
            this.value = value;
            this.g = g;
            this.h = h;
        }

        @Override
        public void merge(GatingPartial o) {
            value += o.value;
            for (int a = 0; a < g.length; a++) {
                g[a] += o.g[a];
                for (int b = 0; b < g.length; b++) {
                    h[a][b] += o.h[a][b];
                }
            }
        }
    }

    /** One partition's statistics and log-likelihood. */
    record Partial<T>(T stats, double logLikelihood) {}

    /** Work on one partition under broadcast parameters. */
    @FunctionalInterface
    interface PartWork<T> extends Serializable {
        Partial<T> run(ConcomitantData.Part part, Under under);
    }

    /**
     * Runs {@code work} on every partition under {@code under} (a few numbers, carried in the task
     * rather than broadcast: each Newton step is a job), merged along the fixed tree.
     */
    private <T extends Stats<T>> BlockReducer.Result<T> onPartitions(Under under, PartWork<T> work) {
        int leaves = data.data().partitions();
        FixedTreeMerge<T> merged = data.parts().treeAggregate(new FixedTreeMerge<T>(leaves), (tree, part) -> {
            Partial<T> r = work.run(part, under);
            return tree.add(part.partition(), r.stats(), r.logLikelihood());
        }, FixedTreeMerge::combine, depth);
        return merged.result();
    }
}
