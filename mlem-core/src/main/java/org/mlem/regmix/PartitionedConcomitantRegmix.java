package org.mlem.regmix;

import java.io.Serializable;
import java.util.List;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.concomitant.ConcomitantVectors;
import org.mlem.concomitant.Gating;
import org.mlem.concomitant.GatingFit;
import org.mlem.concomitant.GatingPoints;
import org.mlem.concomitant.GatingTotals;
import org.mlem.data.Block;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.ParameterVector;
import org.mlem.em.Restarts;
import org.mlem.em.Stats;

/**
 * A mixture of regressions with concomitant variables ({@code fit regmix --concomitant}, flexmix's
 * {@code FLXPmultinom}) over {@link RegmixBlock}s that live elsewhere (a cluster's partitions), each
 * carrying its rows' gating design ({@link RegmixBlock#withGatingDesign}): the single machine's
 * steps ({@code ConcomitantModel} over {@link RegmixComponents}) with the rows left where they are.
 * Each E-step is one pass: every block's responsibilities {@code log π_j(z_i) + log f_j(y_i | x_i)}
 * normalised per row, each component's weighted responsibility sum, ℓ, and the gating's sums at its
 * current coefficients. The M-step is {@link PartitionedRegmix}'s (each component's weighted GLM by
 * distributed IRLS, each block recomputing its responsibilities under the E-step's parameters),
 * then the gating's Newton fit ({@link GatingFit}, the single machine's steps and stopping rule),
 * each further Newton point one pass of per-block sums. Starts as {@link ConcomitantStarts#best}:
 * the first M-step from the posteriors of each distinct end of the plain fit's starts, the best kept.
 */
public final class PartitionedConcomitantRegmix
        implements LatentModel<ConcomitantMixture<RegressionMixture>, PartitionedConcomitantRegmix.Step> {

    /** An E-step's sums (components', ℓ) and the gating's sums at the coefficients its M-step starts from. */
    public static final class Step implements Stats<Step>, Serializable {
        private static final long serialVersionUID = 1L;
        private final PartitionedRegmix.Sums sums;
        private final GatingTotals gating;
        private transient PartitionedRegmix.Theta at;
        private transient double[][] from;

        Step(PartitionedRegmix.Sums sums, GatingTotals gating) {
            this.sums = sums;
            this.gating = gating;
        }

        @Override
        public void merge(Step other) {
            sums.merge(other.sums);
            gating.merge(other.gating);
        }
    }

    private final PartitionedRegmix regmix;
    private final PartitionedRegmix.Blocks blocks;
    private final Gating zero;
    private final int k;
    private final int q;

    /**
     * @param regmix the plain mixture over the blocks (family, link, k, EM options)
     * @param zero the gating with every coefficient 0 (formula, terms, levels; k × q)
     */
    public PartitionedConcomitantRegmix(PartitionedRegmix regmix, Gating zero) {
        this.regmix = regmix;
        this.blocks = regmix.blocks();
        this.zero = zero;
        this.k = zero.components();
        this.q = zero.width();
    }

    /**
     * The best concomitant fit from the plain fit {@code plain}'s start ends {@code ends}, as
     * {@link ConcomitantStarts#best} picks it on one machine ({@code fit regmix --concomitant}'s
     * judgement of a degenerate end included).
     */
    public ConcomitantStarts.Outcome<RegressionMixture> best(MixtureFit<RegressionMixture> plain,
            ConcomitantStarts.Ends<RegressionMixture> ends, EmOptions em) {
        List<RegressionMixture> starts = ends.distinct(plain.model(), plain.logLikelihood());
        Restarts.Outcome<ConcomitantMixture<RegressionMixture>> out = Restarts.best(starts.size(), 0,
                (seeds, draw) -> firstStep(starts.get(draw)),
                (start, iterations) -> EmDriver.run(this, this::eStep, regmix.totalWeight(), start, em, iterations),
                null, null, m -> !degenerateComponents(m.components()).isEmpty());
        return ConcomitantStarts.outcome(plain, out, m -> m.nParameters() - (k - 1), Math.toIntExact(regmix.rows()),
                regmix.totalWeight());
    }

    /**
     * The components of {@code m} the rows do not support ({@link RegmixDegeneracy}, from the
     * posteriors under {@code m}'s own weights, as {@code RegmixEstimator#degenerateComponents}).
     */
    public List<DegenerateComponent> degenerateComponents(RegressionMixture m) {
        return regmix.degenerateComponents(m);
    }

    /**
     * {@code Σ_i w_i log max_j τ_ij} under {@code m}'s concomitant posteriors (ICL's classification
     * term, as {@code select regmix --concomitant} takes it from the rows' posteriors): one pass.
     */
    public double classificationSum(ConcomitantMixture<RegressionMixture> m) {
        return regmix.classificationSum(PartitionedRegmix.Theta.of(m.components(), m.gating().coefficients()));
    }

    /** The first M-step from the posteriors of {@code plain} under its own weights, the gating from γ = 0. */
    ConcomitantMixture<RegressionMixture> firstStep(RegressionMixture plain) {
        return maximize(eStep(PartitionedRegmix.Theta.of(plain), zero.coefficients()).stats());
    }

    /** One E-step under {@code params}. */
    BlockReducer.Result<Step> eStep(ConcomitantMixture<RegressionMixture> params) {
        double[][] gamma = params.gating().coefficients();
        return eStep(PartitionedRegmix.Theta.of(params.components(), gamma), gamma);
    }

    /** One pass: the E-step under {@code at}, with the gating's sums at {@code from}. */
    private BlockReducer.Result<Step> eStep(PartitionedRegmix.Theta at, double[][] from) {
        Step s = blocks.reduce(new Step(new PartitionedRegmix.Sums(new double[k + 1]), GatingTotals.empty(k, q)),
                b -> b.gatedEStep(at, from));
        s.at = at;
        s.from = from;
        return new BlockReducer.Result<>(s, s.sums.values()[k]);
    }

    @Override
    public Step emptyStats(ConcomitantMixture<RegressionMixture> params) {
        throw new UnsupportedOperationException("the E-step runs on the blocks (eStep)");
    }

    @Override
    public double accumulate(ConcomitantMixture<RegressionMixture> params, Block rows, Step into) {
        throw new UnsupportedOperationException("the E-step runs on the blocks (eStep)");
    }

    @Override
    public ConcomitantMixture<RegressionMixture> maximize(Step stats) {
        PartitionedRegmix.Theta at = stats.at;
        RegressionMixture m = regmix.maximize(at, stats.sums.values());
        double[][] gamma = GatingFit.fit(new GatingPoints(point -> blocks.reduce(GatingTotals.empty(k, q),
                b -> b.gatingSums(at, point)), stats.from, stats.gating), stats.from, zero.terms());
        return new ConcomitantMixture<>(m, zero.with(gamma));
    }

    @Override
    public ParameterVector<ConcomitantMixture<RegressionMixture>> parameterVector() {
        return new ConcomitantVectors<>(regmix.parameterVector(), k);
    }
}
