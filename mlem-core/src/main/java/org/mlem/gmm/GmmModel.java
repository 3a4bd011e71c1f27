package org.mlem.gmm;

import java.util.EnumSet;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.kernel.Kernels;

/**
 * The Gaussian mixture as a {@link LatentModel}: the E-step computes responsibilities in log
 * space and accumulates moments about the current means; the M-step is the weighted MLE of
 * weights, means and covariances in the chosen structure, plus {@code regCovar} on the variances.
 * With {@link Precision#FLOAT} the full and tied E-step computes its squared distances in float
 * (the precision factors rounded to float once per mixture, that is per M-step); the rest is double.
 */
public final class GmmModel implements LatentModel<GaussianMixture, GmmStats>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** scikit-learn's guard against empty components: {@code 10·ε} added to every weight sum. */
    static final double EMPTY_GUARD = 10 * Math.ulp(1.0);

    private final CovarianceStructure structure;
    private final double regCovar;
    private final Set<GmmParameter> fixed;
    private final GaussianMixture fixedValues;
    private final Precision precision;
    private final boolean equalProportions;
    private final GmmPrior prior;
    private final boolean screening;

    /** The covariance structure. */
    CovarianceStructure structure() {
        return structure;
    }

    /** The model for one structure and ridge, in double precision. */
    public GmmModel(CovarianceStructure structure, double regCovar) {
        this(structure, regCovar, Precision.DOUBLE);
    }

    /** The model for one structure and ridge, its E-step in the given precision. */
    public GmmModel(CovarianceStructure structure, double regCovar, Precision precision) {
        this(structure, regCovar, EnumSet.noneOf(GmmParameter.class), null, precision);
    }

    /**
     * A model whose M-step leaves the {@code fixed} groups at their values in {@code values}, bit
     * for bit. With the means fixed, the covariances are estimated about them.
     */
    public GmmModel(CovarianceStructure structure, double regCovar, Set<GmmParameter> fixed, GaussianMixture values) {
        this(structure, regCovar, fixed, values, Precision.DOUBLE);
    }

    /** As {@link #GmmModel(CovarianceStructure, double, Set, GaussianMixture)}, its E-step in the given precision. */
    public GmmModel(CovarianceStructure structure, double regCovar, Set<GmmParameter> fixed, GaussianMixture values,
            Precision precision) {
        this(structure, regCovar, fixed, values, precision, false);
    }

    private GmmModel(CovarianceStructure structure, double regCovar, Set<GmmParameter> fixed, GaussianMixture values,
            Precision precision, boolean equalProportions) {
        this(structure, regCovar, fixed, values, precision, equalProportions, null);
    }

    private GmmModel(CovarianceStructure structure, double regCovar, Set<GmmParameter> fixed, GaussianMixture values,
            Precision precision, boolean equalProportions, GmmPrior prior) {
        this(structure, regCovar, fixed, values, precision, equalProportions, prior, false);
    }

    private GmmModel(CovarianceStructure structure, double regCovar, Set<GmmParameter> fixed, GaussianMixture values,
            Precision precision, boolean equalProportions, GmmPrior prior, boolean screening) {
        this.screening = screening;
        if (prior != null && !fixed.isEmpty()) {
            throw new MlemUserException("a prior and fixed parameter groups both constrain the M-step; use one of them");
        }
        this.prior = prior;
        if (precision == null) {
            throw new IllegalArgumentException("precision is required");
        }
        if (equalProportions && fixed.contains(GmmParameter.WEIGHTS)) {
            throw new MlemUserException("equal proportions and fixed weights both set the weights; use one of them");
        }
        this.equalProportions = equalProportions;
        this.precision = precision;
        this.structure = structure;
        this.regCovar = regCovar;
        this.fixed = fixed.isEmpty() ? EnumSet.noneOf(GmmParameter.class) : EnumSet.copyOf(fixed);
        this.fixedValues = values;
        if (!this.fixed.isEmpty() && values == null) {
            throw new IllegalArgumentException("fixed parameters need their values");
        }
    }

    /**
     * This model with every M-step's weights 1/k (mclust's {@code equalPro}): the means and
     * covariances are estimated as before, the mixtures it returns count k−1 fewer parameters.
     */
    public GmmModel withEqualProportions(boolean equal) {
        return new GmmModel(structure, regCovar, fixed, fixedValues, precision, equal, prior);
    }

    /**
     * This model with MAP M-steps under {@code p} (mclust's conjugate prior), or plain MLE when
     * null; a structure without a prior M-step is refused in one line ({@link GmmPrior#requireSupported}).
     */
    public GmmModel withPrior(GmmPrior p) {
        if (p != null) {
            GmmPrior.requireSupported(structure, p.mean().length);
        }
        return new GmmModel(structure, regCovar, fixed, fixedValues, precision, equalProportions, p);
    }

    /**
     * This model with the M-step of the short EM runs that screen candidate starts: EVE's and
     * VVE's orientation by a few MM rounds from the current one (a generalised EM step with the
     * same fixed points, {@code MclustSteps.screeningOrientation}); every other structure, and a
     * prior's M-step, as this model's.
     */
    public GmmModel forScreening() {
        return new GmmModel(structure, regCovar, fixed, fixedValues, precision, equalProportions, prior, true);
    }

    /** The E-step's precision. */
    public Precision precision() {
        return precision;
    }

    @Override
    public GmmStats emptyStats(GaussianMixture params) {
        GmmStats stats = new GmmStats(params.components(), params.dimension(), structure.crossProducts(), params.meansFlat());
        if (structure.startsFromPrevious() && params.structure() == structure) {
            double[][] c = params.covariance(0);
            int d = c.length;
            stats.previousCovariance = new double[d * d];
            for (int a = 0; a < d; a++) {
                System.arraycopy(c[a], 0, stats.previousCovariance, a * d, d);
            }
        }
        return stats;
    }

    /** Empty statistics about an explicit shift (k×d), for fits that start from responsibilities or hard labels. */
    public GmmStats emptyStats(int k, int d, double[] shift) {
        return new GmmStats(k, d, structure.crossProducts(), shift);
    }

    @Override
    public double accumulate(GaussianMixture params, Block rows, GmmStats into) {
        int k = params.components();
        double[] resp = Buffers.RESPONSIBILITIES.get().atLeast(rows.rows() * k);
        double[] scratch = Buffers.SCRATCH.get().atLeast(Covariances.scratchSize(params.dimension()));
        float[] floatScratch = precision == Precision.FLOAT
                ? Buffers.FLOAT_SCRATCH.get().atLeast(Covariances.floatScratchSize(params.dimension())) : null;
        params.logJoint(rows, resp, scratch, floatScratch);
        double ll = Kernels.responsibilities(resp, rows.rows(), k, rows.weights(), rows.labels(), rows.start());
        into.add(rows, resp, scratch);
        return ll;
    }

    /**
     * Adds the block's rows one-hot at their known label, else at {@code hard[i]} for the block's
     * row i (the hard labels of a k-means start), weighted by their frequency weights. Returns 0:
     * hard labels have no likelihood.
     *
     * @param hard at least {@code rows.rows()} labels in 0..k-1, or null when every row has a known label
     */
    public double accumulateHard(Block rows, int[] hard, GmmStats into) {
        double[] resp = new double[rows.rows() * into.k];
        for (int i = 0; i < rows.rows(); i++) {
            int z = rows.label(i) >= 0 ? rows.label(i) : hard[i];
            resp[i * into.k + z] = 1.0;
        }
        into.add(rows, resp, new double[Covariances.scratchSize(rows.cols())]);
        return 0.0;
    }

    /**
     * 1e-8 relative with {@link Precision#FLOAT} (its distances move the log-likelihood by up to about
     * 5e-9 relative, measured: docs/benchmarks.md), else double's default.
     */
    @Override
    public double logLikelihoodPrecision() {
        return precision == Precision.FLOAT ? 1e-8 : LatentModel.super.logLikelihoodPrecision();
    }

    /**
     * Weights, means and covariances in scikit-learn's shapes for scikit-learn's four structures;
     * none (plain EM) for mclust's constrained ones, whose shared volume, shape or orientation an
     * extrapolation of the stored matrices would leave.
     */
    @Override
    public ParameterVector<GaussianMixture> parameterVector() {
        // SQUAREM extrapolates towards higher likelihood, not the MAP objective: plain EM under a prior, as mclust
        return structure.storage() == structure && prior == null ? VECTORS : null;
    }

    private static final GmmVectors VECTORS = new GmmVectors();

    @Override
    public GaussianMixture maximize(GmmStats s) {
        int k = s.k;
        int d = s.d;
        double[] nk = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            nk[j] = s.nk[j] + EMPTY_GUARD;
            total += nk[j];
        }
        double[] weights = new double[k];
        double[] delta = new double[k * d];
        double[] means = new double[k * d];
        boolean meansFixed = fixed.contains(GmmParameter.MEANS);
        for (int j = 0; j < k; j++) {
            weights[j] = nk[j] / total;
            for (int a = 0; a < d; a++) {
                // fixed means are the shift itself, so the moments are already about them
                delta[j * d + a] = meansFixed ? 0.0 : s.s1[j * d + a] / nk[j];
                means[j * d + a] = meansFixed ? s.shift[j * d + a] : s.shift[j * d + a] + delta[j * d + a];
            }
        }
        if (fixed.contains(GmmParameter.WEIGHTS)) {
            weights = fixedValues.weights();
        }
        if (equalProportions) {
            java.util.Arrays.fill(weights, 1.0 / k);
        }
        if (meansFixed) {
            means = fixedValues.meansFlat().clone();
        }
        if (prior != null) {
            return maximizeWithPrior(s, nk, weights, delta, means);
        }
        try {
            Covariances cov = fixed.contains(GmmParameter.COVARIANCES) ? fixedValues.covariances()
                    : structure.estimate(nk, delta, s.s2, k, d, regCovar, s.previousCovariance, screening);
            return new GaussianMixture(weights, means, cov, equalProportions);
        } catch (NotPositiveDefiniteException e) {
            int j = e.component;
            throw new DegenerateComponentException(j, structure == CovarianceStructure.TIED ? total : s.nk[j], regCovar);
        }
    }

    /** The MAP M-step: {@code means} holds the sample means ȳ, replaced by the posterior modes. */
    private GaussianMixture maximizeWithPrior(GmmStats s, double[] nk, double[] weights, double[] delta, double[] ybar) {
        int k = s.k;
        int d = s.d;
        if (prior.mean().length != d || prior.scale().length != d * d && prior.scale().length != 1) {
            throw new MlemUserException("the prior has " + prior.mean().length + " columns (its mean) but the data have " + d
                    + "; build it for these data (GmmPrior.defaults, --prior default)");
        }
        boolean full = structure.crossProducts();
        double[] w = new double[full ? k * d * d : k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                if (full) {
                    for (int b = a; b < d; b++) { // the statistics hold the upper triangle
                        double v = s.s2[(j * d + a) * d + b] - nk[j] * delta[j * d + a] * delta[j * d + b];
                        w[(j * d + a) * d + b] = v;
                        w[(j * d + b) * d + a] = v;
                    }
                } else {
                    w[j * d + a] = s.s2[j * d + a] - nk[j] * delta[j * d + a] * delta[j * d + a];
                }
            }
        }
        try {
            Covariances cov = prior.covariances(structure, nk, ybar, w, k, d, regCovar);
            return new GaussianMixture(weights, prior.means(structure, nk, ybar, k, d), cov, equalProportions);
        } catch (NotPositiveDefiniteException e) {
            throw new DegenerateComponentException(e.component, s.nk[e.component], regCovar);
        }
    }
}
