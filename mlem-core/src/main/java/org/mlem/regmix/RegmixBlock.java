package org.mlem.regmix;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.mlem.concomitant.Gating;
import org.mlem.concomitant.GatingTotals;
import org.mlem.data.Block;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;
import org.mlem.glm.BlockSums;
import org.mlem.glm.Family;
import org.mlem.glm.GlmBlock;
import org.mlem.glm.Link;
import org.mlem.glm.PartitionedGlm;
import org.mlem.kernel.GaussianKernels;

/**
 * One block of a mixture of regressions' rows that lives elsewhere (a cluster partition's), with
 * the passes {@link PartitionedRegmix} asks of it: the E-step's sums, and per component the GLM
 * passes of the M-step's IRLS with prior weights = responsibility × row weight × trials, the
 * responsibilities recomputed here from the E-step's parameters. Built from the block's own
 * design; every block of one fit must be built with the same factor levels. Serializable.
 */
public final class RegmixBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String familyName;
    private final Link link;
    private final Response response;
    private final int n;
    private final int p;
    private final ArrayList<String> terms;
    private final Block rows;
    private final double[] x;
    private final double[] y;
    private final double[] trials;
    private final double[] offset;
    private final double[] rowWeights;
    /** The concomitant gating's design over these rows (n × q, row-major), or null. */
    private final double[] z;
    private transient PartitionedRegmix.Theta cachedAt;
    private transient double[] cached;
    private transient double cachedLogLikelihood;

    private RegmixBlock(String familyName, Link link, RegmixData data, Design design) {
        this.familyName = familyName;
        this.link = link;
        this.response = Response.of(Family.byName(familyName));
        this.n = data.n;
        this.p = data.p;
        this.terms = new ArrayList<>(data.terms);
        this.rows = data.blocks.all();
        this.x = design.matrixColumnMajor();
        this.y = data.y;
        this.trials = data.trials;
        this.offset = data.offset;
        this.rowWeights = data.rowWeights;
        this.z = null;
    }

    private RegmixBlock(RegmixBlock b, double[] z) {
        this.familyName = b.familyName;
        this.link = b.link;
        this.response = b.response;
        this.n = b.n;
        this.p = b.p;
        this.terms = b.terms;
        this.rows = b.rows;
        this.x = b.x;
        this.y = b.y;
        this.trials = b.trials;
        this.offset = b.offset;
        this.rowWeights = b.rowWeights;
        this.z = z.clone();
    }

    /**
     * This block with the concomitant gating's design over its rows ({@code z}, rows × q row-major,
     * in the block's row order), for {@link PartitionedConcomitantRegmix}.
     */
    public RegmixBlock withGatingDesign(double[] z) {
        return new RegmixBlock(this, z);
    }

    /**
     * The block of {@code design}'s rows (built over {@code frame}) for a mixture of {@code family}
     * with {@code link}; {@code trialsColumn} as {@link RegmixEstimator#trials()}.
     *
     * @throws org.mlem.MlemUserException naming the design's 1-based {@code data row} whose response
     *     or trials the family cannot take
     */
    public static RegmixBlock of(Design design, Frame frame, String trialsColumn, Family family, Link link) {
        RegmixData data = RegmixData.of(design, frame, trialsColumn, Response.of(family), family.name());
        return new RegmixBlock(family.name(), link == null ? family.defaultLink() : link, data, design);
    }

    /** Rows in the block. */
    public int rows() {
        return n;
    }

    /** The model matrix's column names. */
    public List<String> terms() {
        return List.copyOf(terms);
    }

    /** Row count, then the sums of the row weights w, of w y and of w y² ({@link PartitionedRegmix.Sums}). */
    PartitionedRegmix.Sums moments() {
        double[] v = new double[4];
        v[0] = n;
        for (int i = 0; i < n; i++) {
            v[1] += rowWeights[i];
            v[2] += rowWeights[i] * y[i];
            v[3] += rowWeights[i] * y[i] * y[i];
        }
        return new PartitionedRegmix.Sums(v);
    }

    /** The E-step under {@code at}: each component's weighted responsibility sum, then the log-likelihood. */
    PartitionedRegmix.Sums eStep(PartitionedRegmix.Theta at) {
        int k = at.weights().length;
        double[] resp = new double[n * k];
        double ll = posteriors(at, resp);
        double[] v = new double[k + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                v[j] += resp[i * k + j] * rowWeights[i];
            }
        }
        v[k] = ll;
        return new PartitionedRegmix.Sums(v);
    }

    /**
     * Writes the rows' posteriors (n × k) under {@code at} into {@code out}; returns the weighted
     * log-likelihood. The priors are {@code at}'s weights, or with a gating ({@link
     * PartitionedRegmix.Theta#gamma}) each row's {@code log π_j(z_i)} added to its log densities, as
     * the single machine's concomitant E-step adds them.
     */
    private double posteriors(PartitionedRegmix.Theta at, double[] out) {
        int k = at.weights().length;
        double[] logW = null;
        if (at.gamma() == null) {
            logW = new double[k];
            for (int j = 0; j < k; j++) {
                logW[j] = Math.log(at.weights()[j]);
            }
        }
        RegmixModel.logJoint(response, link, p, k, at.coefficients(), at.sd(), logW, rows, out);
        if (at.gamma() != null) {
            double[] lp = new double[n * k];
            Gating.logPriors(at.gamma(), z, 0, n, lp);
            for (int i = 0; i < out.length; i++) {
                out[i] += lp[i];
            }
        }
        return GaussianKernels.normalizeRows(out, n, k, rows.weights(), rows.labels(), rows.start());
    }

    /** The rows' posteriors under {@code at} (n × k), kept for the passes that follow under the same parameters. */
    private synchronized double[] posteriorsAt(PartitionedRegmix.Theta at) {
        if (cached == null || !at.equals(cachedAt)) {
            cached = new double[n * at.weights().length];
            cachedLogLikelihood = posteriors(at, cached);
            cachedAt = at;
        }
        return cached;
    }

    /** The prior weights of component {@code j}'s weighted fit under the E-step's parameters {@code at}. */
    private double[] priorWeights(PartitionedRegmix.Theta at, int j) {
        int k = at.weights().length;
        double[] post = posteriorsAt(at);
        double[] prior = new double[n];
        for (int i = 0; i < n; i++) {
            prior[i] = post[i * k + j] * rowWeights[i] * trials[i];
        }
        return prior;
    }

    /**
     * The concomitant E-step under {@code at} (with its gating): each component's weighted
     * responsibility sum and the log-likelihood, and the gating's sums at {@code from}.
     */
    PartitionedConcomitantRegmix.Step gatedEStep(PartitionedRegmix.Theta at, double[][] from) {
        int k = at.weights().length;
        double[] resp;
        double ll;
        synchronized (this) {
            resp = posteriorsAt(at);
            ll = cachedLogLikelihood;
        }
        double[] v = new double[k + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                v[j] += resp[i * k + j] * rowWeights[i];
            }
        }
        v[k] = ll;
        return new PartitionedConcomitantRegmix.Step(new PartitionedRegmix.Sums(v), gatingSums(at, from));
    }

    /**
     * {@code Σ_i w_i log max_j τ_ij} over these rows under {@code at} (ICL's classification term), the
     * posteriors computed afresh (not kept).
     */
    PartitionedRegmix.Sums classificationSum(PartitionedRegmix.Theta at) {
        int k = at.weights().length;
        double[] post = new double[n * k];
        posteriors(at, post);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double max = 0;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, post[i * k + j]);
            }
            sum += rowWeights[i] * Math.log(max);
        }
        return new PartitionedRegmix.Sums(new double[] {sum});
    }

    /** The gating's objective, gradient and Hessian at {@code gamma} over these rows, under the E-step's {@code at}. */
    GatingTotals gatingSums(PartitionedRegmix.Theta at, double[][] gamma) {
        return GatingTotals.of(gamma, z, n, posteriorsAt(at), rowWeights);
    }

    /** An IRLS pass of component {@code j}'s weighted GLM fit ({@link PartitionedGlm}). */
    BlockSums pass(PartitionedRegmix.Theta at, int j, PartitionedGlm.Pass pass) {
        return GlmBlock.ofColumns(familyName, link, x, n, p, y, priorWeights(at, j), offset).pass(pass);
    }
}
