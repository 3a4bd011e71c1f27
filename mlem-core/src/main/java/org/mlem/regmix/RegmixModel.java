package org.mlem.regmix;

import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.glm.ComponentGlm;
import org.mlem.glm.Family;
import org.mlem.glm.Link;
import org.mlem.kernel.GaussianKernels;

/**
 * A mixture of k GLMs on one in-memory design as a {@link LatentModel}.
 *
 * <p>E-step: each row's log joint {@code log pi_j + log f_j(y_i | x_i)} under every component (the
 * GLM log-density of the row at {@code mu = g^-1(offset + x' beta_j)}), normalised in log space into
 * responsibilities; the block's log-likelihood is the weighted sum of the rows' log-sum-exp.
 * The statistics are the responsibilities themselves ({@link RegmixStats}), placed by row, so the
 * M-step sees the same bits whatever the blocks and threads.
 *
 * <p>M-step over the whole design: {@code pi_j = sum_i w_i r_ij / sum_i w_i}; per component, the
 * weighted GLM fit (the glm package's IRLS) with prior weights {@code w_i r_ij} (times the trials
 * for the binomial); for the gaussian, {@code sd_j} by {@link SdEstimator}. Groups named in
 * {@link FixedParameters} keep their starting values. flexmix's {@code FLXMRglm} M-step is the same
 * (it refits {@code glm.fit} with the posteriors as weights).
 */
final class RegmixModel implements LatentModel<RegressionMixture, RegmixStats> {
    /** A gaussian sd below this fraction of the response's sd means the component collapsed onto a few points. */
    static final double SD_COLLAPSE = 1e-8;

    private final RegmixData data;
    private final Response response;
    private final Family family;
    private final Link link;
    private final int k;
    private final SdEstimator sdEstimator;
    private final FixedParameters fixed;
    private final RegressionMixture fixedSource;
    private final WeightedGlm glm;
    /** The design column-major (n x p) for {@link ComponentGlm}; null on the plain path. */
    private final double[] design;
    /** y − offset: the gaussian identity-link working response. */
    private final double[] working;
    final double responseScale;

    /**
     * {@code -Dmlem.regmix.mstep=plain}: each component's M-step is the glm package's whole
     * {@link org.mlem.glm.GlmEstimator#fit} on a fresh frame ({@link WeightedGlm}), the reference
     * the direct path ({@link ComponentGlm}) is tested against.
     */
    static final boolean PLAIN_MSTEP = "plain".equals(System.getProperty("mlem.regmix.mstep"));

    RegmixModel(RegmixData data, Family family, Link link, int k, SdEstimator sdEstimator, FixedParameters fixed,
            RegressionMixture fixedSource) {
        this(data, family, link, k, sdEstimator, fixed, fixedSource, PLAIN_MSTEP);
    }

    /** @param plainMstep whether each M-step is the reference {@link WeightedGlm} fit (see {@link #PLAIN_MSTEP}) */
    RegmixModel(RegmixData data, Family family, Link link, int k, SdEstimator sdEstimator, FixedParameters fixed,
            RegressionMixture fixedSource, boolean plainMstep) {
        this.data = data;
        this.response = Response.of(family);
        this.family = family;
        this.link = link;
        this.k = k;
        this.sdEstimator = sdEstimator;
        this.fixed = fixed;
        this.fixedSource = fixedSource;
        this.glm = new WeightedGlm(family, link, data.p);
        this.design = plainMstep ? null : columnMajor(data);
        this.working = plainMstep || !gaussianIdentity() ? null : workingResponse(data);
        this.responseScale = weightedSd(data.y, data.rowWeights);
    }

    @Override
    public RegmixStats emptyStats(RegressionMixture params) {
        return new RegmixStats(data.n, k);
    }

    @Override
    public double accumulate(RegressionMixture params, Block rows, RegmixStats into) {
        double[] logW = new double[k];
        for (int j = 0; j < k; j++) {
            logW[j] = Math.log(params.weightsView()[j]);
        }
        double[] out = new double[rows.rows() * k];
        logJoint(params, logW, rows, out);
        double ll = GaussianKernels.normalizeRows(out, rows.rows(), k, rows.weights(), rows.labels(), rows.start());
        into.add(rows.start(), rows.rows(), out);
        return ll;
    }

    /**
     * Writes {@code logW[j] + log f_j(y_i | x_i)} for the rows of {@code rows} (a block of
     * {@code data.blocks}) into {@code out} (rows × k); {@code logW} null leaves the weights out
     * (the component densities).
     */
    void logJoint(RegressionMixture params, double[] logW, Block rows, double[] out) {
        logJoint(response, link, data.p, k, params.coefficientsFlat(), params.sdView(), logW, rows, out);
    }

    /**
     * As {@link #logJoint(RegressionMixture, double[], Block, double[])} for {@code k} components of
     * {@code response} with {@code link}, coefficients {@code coef} (k × p, row-major) and sds
     * {@code sd}, over rows laid out as {@link RegmixData#blocks}.
     */
    static void logJoint(Response response, Link link, int p, int k, double[] coef, double[] sd, double[] logW,
            Block rows, double[] out) {
        double[] x = rows.x();
        for (int i = 0; i < rows.rows(); i++) {
            int o = rows.offset(i);
            double y = x[o + p];
            double m = x[o + p + 1];
            double base = x[o + p + 3];
            for (int j = 0; j < k; j++) {
                double eta = x[o + p + 2];
                for (int t = 0; t < p; t++) {
                    eta += x[o + t] * coef[j * p + t];
                }
                out[i * k + j] = (logW == null ? 0 : logW[j]) + base + response.kernel(y, m, link.inverse(eta), sd[j]);
            }
        }
    }

    /**
     * The vector SQUAREM extrapolates ({@link RegmixVectors}); none when parameters are held fixed
     * (an extrapolation would move them), so such fits run plain EM.
     */
    @Override
    public ParameterVector<RegressionMixture> parameterVector() {
        return fixed.any() ? null : VECTORS;
    }

    private static final RegmixVectors VECTORS = new RegmixVectors();

    @Override
    public RegressionMixture maximize(RegmixStats stats) {
        return maximize(stats.responsibilities());
    }

    /** The M-step from n x k responsibilities (row-major). */
    RegressionMixture maximize(double[] resp) {
        int n = data.n;
        double[] nk = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                nk[j] += resp[i * k + j] * data.rowWeights[i];
            }
            total += data.rowWeights[i];
        }
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            weights[j] = fixed.weights() ? fixedSource.weightsView()[j] : nk[j] / total;
        }
        double[][] coefficients = new double[k][];
        double[] sd = response.hasSd() ? new double[k] : null;
        for (int j = 0; j < k; j++) {
            double[] prior = new double[n];
            for (int i = 0; i < n; i++) {
                prior[i] = resp[i * k + j] * data.rowWeights[i] * data.trials[i];
            }
            coefficients[j] = fixed.coefficients().contains(j) ? fixedSource.coefficients(j) : fitComponent(j, nk[j], prior);
            if (sd != null) {
                sd[j] = fixed.sds().contains(j) ? fixedSource.sdView()[j] : estimateSd(j, nk[j], prior, coefficients[j]);
            }
        }
        return new RegressionMixture(family, link, data.terms, weights, coefficients, sd);
    }

    private double[] fitComponent(int j, double weightSum, double[] prior) {
        int p = data.p;
        int positive = 0;
        for (double w : prior) {
            positive += w > 0 ? 1 : 0;
        }
        if (weightSum < p || positive < p) {
            throw new DegenerateRegressionException(j, weightSum, "it has less weight than its " + p
                    + " coefficients " + data.terms + " need");
        }
        String[] why = new String[1];
        double[] beta = design == null ? glm.fit(data.columns, data.y, prior, data.offset, why) : fitDirect(prior, why);
        if (beta == null) {
            throw new DegenerateRegressionException(j, weightSum, why[0]);
        }
        return beta;
    }

    /**
     * The component's coefficients without the GLM's frame and summary: for the gaussian with the
     * identity link the weighted least squares of y − offset in one cross-product pass (and one
     * refinement pass), else (or when that design is too ill-conditioned for the normal equations)
     * the same IRLS as {@link WeightedGlm}'s, the same bits.
     */
    /** This model over {@code other} rows (the same design, other frequency weights), its M-step path kept. */
    RegmixModel on(RegmixData other) {
        return new RegmixModel(other, family, link, k, sdEstimator, fixed, fixedSource, design == null);
    }

    /** This model with the reference M-step, for the test that the direct one equals it. */
    RegmixModel withPlainMstep() {
        return new RegmixModel(data, family, link, k, sdEstimator, fixed, fixedSource, true);
    }

    private double[] fitDirect(double[] prior, String[] why) {
        if (working != null) {
            double[] beta = ComponentGlm.leastSquares(design, data.n, data.p, prior, working);
            if (beta != null) {
                return beta;
            }
        }
        return ComponentGlm.irls(design, data.n, data.p, data.y, prior, data.offset, family, link, why);
    }

    private boolean gaussianIdentity() {
        return family instanceof Family.Gaussian && link == Link.IDENTITY;
    }

    private static double[] columnMajor(RegmixData data) {
        double[] x = new double[data.n * data.p];
        for (int j = 0; j < data.p; j++) {
            System.arraycopy(data.columns[j], 0, x, j * data.n, data.n);
        }
        return x;
    }

    private static double[] workingResponse(RegmixData data) {
        double[] z = new double[data.n];
        for (int i = 0; i < z.length; i++) {
            z[i] = data.y[i] - data.offset[i];
        }
        return z;
    }

    private double estimateSd(int j, double weightSum, double[] prior, double[] beta) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < data.n; i++) {
            double eta = data.offset[i];
            for (int t = 0; t < data.p; t++) {
                eta += data.columns[t][i] * beta[t];
            }
            double e = data.y[i] - link.inverse(eta);
            num += prior[i] * e * e;
            den += prior[i];
        }
        double variance = num / den;
        if (sdEstimator == SdEstimator.FLEXMIX) {
            variance *= (double) data.n / (data.n - data.p);
        }
        double sd = Math.sqrt(variance);
        if (!(sd > SD_COLLAPSE * responseScale)) {
            throw new DegenerateRegressionException(j, weightSum, "its sd collapsed to " + sd
                    + " (the likelihood grows without bound as a component fits a few rows exactly)");
        }
        return sd;
    }

    /** The rows' weighted standard deviation. */
    private static double weightedSd(double[] y, double[] w) {
        double sw = 0;
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            sw += w[i];
            mean += w[i] * y[i];
        }
        mean /= sw;
        double ss = 0;
        for (int i = 0; i < y.length; i++) {
            ss += w[i] * (y[i] - mean) * (y[i] - mean);
        }
        return Math.sqrt(ss / sw);
    }
}
