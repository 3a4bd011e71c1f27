package org.mlem.regmix;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmDriver;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.ParameterVector;
import org.mlem.em.Restarts;
import org.mlem.em.Stats;
import org.mlem.data.Block;
import org.mlem.glm.BlockSums;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.Link;
import org.mlem.glm.PartitionedGlm;

/**
 * A mixture of regressions ({@link RegmixEstimator}'s fit from a given start) over rows split into
 * {@link RegmixBlock}s that live elsewhere (a cluster's partitions), step for step as on one
 * machine: {@link EmDriver}'s loop (SQUAREM included) and stopping rule run here; each E-step is
 * one pass summing every component's responsibilities and the log-likelihood over the blocks; each
 * M-step fits every component's weighted GLM by {@link PartitionedGlm}'s IRLS, one pass over the
 * blocks per IRLS iteration (the components' passes sharing jobs), each block recomputing its rows'
 * responsibilities under the E-step's parameters (so no n × k array leaves a block); a gaussian
 * component's sd comes from the deviance of its last IRLS pass.
 * The sums are merged by the caller in a fixed order, so the fit is the single machine's up to
 * rounding, whatever the split. (On one machine a gaussian identity-link component is fitted
 * directly, {@code glm.ComponentGlm}, within 1e-12 of this IRLS, which is the plain
 * {@code -Dmlem.regmix.mstep=plain} path's.) Fixed parameter groups and known
 * components are not distributed.
 */
public final class PartitionedRegmix implements LatentModel<RegressionMixture, PartitionedRegmix.Sums> {

    /** Work on one block, run where the block lives. */
    @FunctionalInterface
    public interface Task<S> extends Serializable {
        S run(RegmixBlock block);
    }

    /** Every block of the fit: runs a task on each and merges the results in a fixed order. */
    public interface Blocks {
        /** {@code task}'s statistics of every block merged in a fixed order; {@code empty} stands for a block-less part. */
        <S extends Stats<S>> S reduce(S empty, Task<S> task);
    }

    /** A vector of sums, merged by addition: the statistics of every pass but the IRLS ones. */
    public static final class Sums implements Stats<Sums>, Serializable {
        private static final long serialVersionUID = 1L;
        private final double[] v;
        private transient RegressionMixture at;

        Sums(double[] v) {
            this.v = v;
        }

        @Override
        public void merge(Sums other) {
            for (int i = 0; i < v.length; i++) {
                v[i] += other.v[i];
            }
        }

        /** The sums (each component's weighted responsibility sum, then ℓ, for an E-step's). */
        double[] values() {
            return v;
        }
    }

    /**
     * Parameters as plain arrays, as they travel to the blocks; equal when every value is. With
     * {@code gamma} (a concomitant gating's coefficients, k × q) the rows' priors are the gating's
     * and {@code weights} only counts the components.
     */
    record Theta(double[] weights, double[] coefficients, double[] sd, double[][] gamma) implements Serializable {
        static Theta of(RegressionMixture m) {
            return of(m, null);
        }

        static Theta of(RegressionMixture m, double[][] gamma) {
            return new Theta(m.weightsView().clone(), m.coefficientsFlat().clone(), m.sdView().clone(), gamma);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Theta t && Arrays.equals(weights, t.weights) && Arrays.equals(coefficients, t.coefficients)
                    && Arrays.equals(sd, t.sd) && Arrays.deepEquals(gamma, t.gamma);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(coefficients);
        }
    }

    private final RegmixEstimator estimator;
    private final Blocks blocks;
    private final List<String> terms;
    private final String responseName;
    private final Family family;
    private final Link link;
    private final GlmEstimator glm;
    private final int k;
    private final long rows;
    private final double totalWeight;
    private final double responseScale;

    /**
     * @param estimator family, link, k, sd estimator and EM options (its init and fixed groups are not used)
     * @param blocks the rows, every block built by {@link RegmixBlock#of} with the same levels
     * @param terms the model matrix's column names (any block's {@link RegmixBlock#terms()})
     * @param responseName the response, for messages
     */
    public PartitionedRegmix(RegmixEstimator estimator, Blocks blocks, List<String> terms, String responseName) {
        this.estimator = estimator;
        this.blocks = blocks;
        this.terms = List.copyOf(terms);
        this.responseName = responseName;
        this.family = estimator.family();
        this.link = estimator.link();
        this.glm = new GlmEstimator(family, link, null);
        this.k = estimator.components();
        double[] m = blocks.reduce(new Sums(new double[4]), RegmixBlock::moments).v;
        this.rows = (long) m[0];
        this.totalWeight = m[1];
        if (!(totalWeight > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
        double mean = m[2] / m[1];
        this.responseScale = Math.sqrt(Math.max(0, m[3] / m[1] - mean * mean));
    }

    /** The blocks. */
    Blocks blocks() {
        return blocks;
    }

    /** The model matrix's column names. */
    List<String> terms() {
        return terms;
    }

    /** The response's weighted standard deviation. */
    double responseScale() {
        return responseScale;
    }

    /** Rows of every block. */
    public long rows() {
        return rows;
    }

    /** Sum of the row weights. */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * EM from {@code start} as {@link RegmixEstimator#fit} runs it from a given start (one start,
     * seed 0), its iteration options {@link RegmixEstimator#em()}'s.
     *
     * @throws DegenerateRegressionException when a component becomes degenerate
     */
    public MixtureFit<RegressionMixture> fit(RegressionMixture start) {
        if (start.components() != k || !start.terms().equals(terms) || !start.family().name().equals(family.name())
                || start.link() != link) {
            throw new MlemUserException("the initial model has k=" + start.components() + ", terms " + start.terms()
                    + ", family " + start.family().name() + "/" + start.link().rName() + " but the fit asks for k="
                    + k + ", terms " + terms + ", family " + family.name() + "/" + link.rName() + "; make them agree");
        }
        Restarts.Outcome<RegressionMixture> out = Restarts.best(1, 0, (seeds, draw) -> start,
                (s, progress) -> EmDriver.run(this, this::eStep, totalWeight, s, estimator.em(), progress), null, null);
        return out.toFit(Math.toIntExact(rows), totalWeight, out.best().params().nParameters(), 0);
    }

    /**
     * The components of {@code m} the rows do not support ({@link RegmixDegeneracy}, from one
     * E-step's posterior masses under {@code m}'s own weights, as
     * {@code RegmixEstimator#degenerateComponents} judges a plain fit).
     */
    public List<DegenerateComponent> degenerateComponents(RegressionMixture m) {
        double[] counts = Arrays.copyOf(eStep(m).stats().values(), k);
        return RegmixDegeneracy.of(m, counts, terms.size(), responseScale);
    }

    /**
     * {@code Σ_i w_i log max_j τ_ij} under {@code m}'s posteriors (ICL's classification term, as
     * {@code select regmix} takes it from the rows' posteriors): one pass.
     */
    public double classificationSum(RegressionMixture m) {
        return classificationSum(Theta.of(m));
    }

    /** {@link #classificationSum(RegressionMixture)} under {@code at} (a gating's priors when it has one). */
    double classificationSum(Theta at) {
        return blocks.reduce(new Sums(new double[1]), b -> b.classificationSum(at)).values()[0];
    }

    /** One E-step over every block under {@code params}: each component's weighted responsibility sum and ℓ. */
    public BlockReducer.Result<Sums> eStep(RegressionMixture params) {
        Theta at = Theta.of(params);
        Sums s = blocks.reduce(new Sums(new double[k + 1]), b -> b.eStep(at));
        s.at = params;
        return new BlockReducer.Result<>(s, s.v[k]);
    }

    @Override
    public Sums emptyStats(RegressionMixture params) {
        throw new UnsupportedOperationException("the E-step runs on the blocks (eStep)");
    }

    @Override
    public double accumulate(RegressionMixture params, Block rows, Sums into) {
        throw new UnsupportedOperationException("the E-step runs on the blocks (eStep)");
    }

    @Override
    public ParameterVector<RegressionMixture> parameterVector() {
        return new RegmixVectors();
    }

    /**
     * The single machine's M-step ({@code RegmixModel.maximize}), each component's weighted GLM fit
     * a distributed IRLS; the components' passes share reductions ({@code ComponentBatches}).
     */
    @Override
    public RegressionMixture maximize(Sums stats) {
        return maximize(Theta.of(stats.at), stats.v);
    }

    /**
     * The M-step from an E-step under {@code at} whose sums are {@code v} (each component's weighted
     * responsibility sum first): the weights are the mean responsibilities.
     */
    RegressionMixture maximize(Theta at, double[] v) {
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            weights[j] = v[j] / totalWeight;
        }
        List<double[]> fits = ComponentBatches.run(blocks, k, (batches, j) -> component(batches, at, j, v[j]));
        double[][] coefficients = new double[k][];
        double[] sd = Response.of(family).hasSd() ? new double[k] : null;
        int p = terms.size();
        for (int j = 0; j < k; j++) {
            coefficients[j] = Arrays.copyOf(fits.get(j), p);
            if (sd != null) {
                sd[j] = fits.get(j)[p];
            }
        }
        return new RegressionMixture(family, link, terms, weights, coefficients, sd);
    }

    /** Component {@code j}'s coefficients, then its sd (gaussian), from the E-step at {@code at}; {@code nk} its weight. */
    private double[] component(ComponentBatches batches, Theta at, int j, double nk) {
        int p = terms.size();
        PartitionedGlm.Passes passes = pass -> batches.pass(j, new BlockSums(), b -> b.pass(at, j, pass));
        BlockSums first = passes.run(PartitionedGlm.Pass.start());
        if (nk < p || first.positiveRows() < p) {
            throw new DegenerateRegressionException(j, nk, "it has less weight than its " + p
                    + " coefficients " + terms + " need");
        }
        PartitionedGlm.Coefficients fit;
        try {
            fit = PartitionedGlm.coefficients(glm, family.name(), first, terms, responseName, passes);
        } catch (MlemUserException e) {
            throw new DegenerateRegressionException(j, nk, e.getMessage());
        }
        double[] out = Arrays.copyOf(fit.beta(), p + 1);
        if (!Response.of(family).hasSd()) {
            return out;
        }
        // the gaussian deviance at the coefficients is the weighted sum of squared residuals
        double variance = fit.deviance() / first.totalWeight();
        if (estimator.sd() == SdEstimator.FLEXMIX) {
            variance *= (double) rows / (rows - p);
        }
        out[p] = Math.sqrt(variance);
        if (!(out[p] > RegmixModel.SD_COLLAPSE * responseScale)) {
            throw new DegenerateRegressionException(j, nk, "its sd collapsed to " + out[p]
                    + " (the likelihood grows without bound as a component fits a few rows exactly)");
        }
        return out;
    }
}
